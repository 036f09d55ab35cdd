import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '#schemas/field-error';
import { residentContactSchema } from '#schemas/proposal';

const errorsOf = (body: unknown) => {
  const result = residentContactSchema.safeParse(body);
  return result.success ? [] : toFieldErrors(result.error);
};

describe("a resident's new contact details", () => {
  it('take an email address, a UK mobile number or both, normalised as when the checks started', () => {
    expect(residentContactSchema.parse({ email: ' alex@example.org ', mobile: '07700 900123' })).toEqual({ email: 'alex@example.org', mobile: '07700900123' });
    expect(residentContactSchema.parse({ mobile: '+447700900123' })).toEqual({ mobile: '+447700900123' });
  });

  it('need at least one, each in its format, and nothing else', () => {
    expect(errorsOf({})).toEqual([{ path: 'email', message: 'Enter an email address or a UK mobile number for this resident' }]);
    expect(errorsOf({ mobile: '01632 960000' })).toEqual([{ path: 'mobile', message: 'Enter a UK mobile number, like 07700 900123' }]);
    expect(errorsOf({ email: 'not an address' })).toEqual([{ path: 'email', message: 'Enter a real email address, like name@example.org' }]);
    expect(errorsOf({ email: 'alex@example.org', fullName: 'Someone Else' }).map((error) => error.path)).toEqual(['fullName']);
  });
});
