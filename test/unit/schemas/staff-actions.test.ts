import { describe, expect, it } from 'vitest';
import { countersignSchema, decisionSchema, officerConsentSchema, withdrawSchema } from '#schemas/staff-actions';
import { toFieldErrors } from '#schemas/field-error';
import type { z } from 'zod';

function errorPaths(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : toFieldErrors(result.error).map((e) => e.path);
}

describe('decisionSchema', () => {
  it.each([
    [{ outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'All checks clear' }, []],
    [{ outcome: 'UNSUITABLE', rationale: 'Police information' }, []],
    [{ outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: '   ' }, ['rationale']],
    [{ outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'x'.repeat(4001) }, ['rationale']],
    // A suitable decision records the risk of serious harm (a countersignature may depend on it); an unsuitable one need not.
    [{ outcome: 'SUITABLE', rationale: 'All checks clear' }, ['riskOfSeriousHarm']],
    [{ outcome: 'SUITABLE', rationale: '   ' }, ['rationale', 'riskOfSeriousHarm']],
    [{ outcome: 'SUITABLE', riskOfSeriousHarm: 'SOMEWHAT', rationale: 'All checks clear' }, ['riskOfSeriousHarm']],
    [{ outcome: 'UNSUITABLE', rationale: 'The resident refused' }, []],
    [{ outcome: 'SUITABLE', riskOfSeriousHarm: 'NOT_YET_ASSESSED', rationale: 'All checks clear' }, []],
    [{ outcome: 'MAYBE', rationale: 'x' }, ['outcome']],
    [{ outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'x', override: true }, ['override']],
  ])('%o gives errors on %o', (value, paths) => {
    expect(errorPaths(decisionSchema, value)).toEqual(paths);
  });

  it('trims the rationale', () => {
    expect(decisionSchema.parse({ outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: ' ok ' }).rationale).toBe('ok');
  });
});

describe('countersignSchema', () => {
  it.each([
    [{ agree: true, comment: '' }, []],
    [{ agree: false, comment: 'Police information not weighed' }, []],
    [{ agree: false, comment: '  ' }, ['comment']],
    [{ agree: true, comment: 'x'.repeat(4001) }, ['comment']],
    [{ agree: 'yes', comment: '' }, ['agree']],
  ])('%o gives errors on %o', (value, paths) => {
    expect(errorPaths(countersignSchema, value)).toEqual(paths);
  });
});

describe('withdrawSchema', () => {
  it.each([
    [{ reason: 'Address no longer available' }, []],
    [{ reason: '' }, ['reason']],
    [{ reason: 'x'.repeat(1001) }, ['reason']],
    [{}, ['reason']],
  ])('%o gives errors on %o', (value, paths) => {
    expect(errorPaths(withdrawSchema, value)).toEqual(paths);
  });
});

describe('officerConsentSchema', () => {
  it.each([
    [{ decision: 'CONSENT', method: 'PHONE', spokenToAlone: true }, []],
    [{ decision: 'REFUSE', method: 'IN_PERSON', spokenToAlone: false }, []],
    [{ decision: 'SPEAK_TO_OFFICER', method: 'PHONE', spokenToAlone: true }, ['decision']],
    [{ decision: 'CONSENT', method: 'EMAIL', spokenToAlone: true }, ['method']],
    [{ decision: 'CONSENT', method: 'PHONE' }, ['spokenToAlone']],
  ])('%o gives errors on %o', (value, paths) => {
    expect(errorPaths(officerConsentSchema, value)).toEqual(paths);
  });
});
