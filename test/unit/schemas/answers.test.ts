import { describe, expect, it } from 'vitest';
import {
  answerSchemaFor, childSafeguardingAnswerSchema, domesticAbuseAnswerSchema, linkTokenBodySchema, residentAnswerSchema, responderSchema,
} from '#schemas/answers';
import { toFieldErrors } from '#schemas/field-error';
import type { z } from 'zod';

const responder = { name: 'Pat Officer', role: 'Detective Sergeant', organisation: 'Wiltshire Police' };

function errorsOf(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : toFieldErrors(result.error);
}

describe('responderSchema', () => {
  it('trims each field', () => {
    expect(responderSchema.parse({ name: ' Pat ', role: ' DS ', organisation: ' Police ' })).toEqual({ name: 'Pat', role: 'DS', organisation: 'Police' });
  });

  it.each([
    ['a blank name', { ...responder, name: '   ' }, 'name'],
    ['a role over 200 characters', { ...responder, role: 'x'.repeat(201) }, 'role'],
    ['a missing organisation', { name: 'Pat', role: 'DS' }, 'organisation'],
  ])('rejects %s', (_label, value, path) => {
    expect(errorsOf(responderSchema, value).map((e) => e.path)).toEqual([path]);
  });
});

describe('domesticAbuseAnswerSchema', () => {
  it.each([
    ['no information, no summary', { outcome: 'NO_INFORMATION', restricted: false, responder }],
    ['information held with a summary', { outcome: 'INFORMATION_HELD', summary: 'Two call-outs', restricted: true, responder }],
  ])('accepts %s', (_label, value) => {
    expect(errorsOf(domesticAbuseAnswerSchema, value)).toEqual([]);
  });

  it.each([
    ['information held without a summary', { outcome: 'INFORMATION_HELD', restricted: true, responder }, 'summary'],
    ['information held with a blank summary', { outcome: 'INFORMATION_HELD', summary: '  ', restricted: true, responder }, 'summary'],
    ['a summary over 4000 characters', { outcome: 'INFORMATION_HELD', summary: 'x'.repeat(4001), restricted: true, responder }, 'summary'],
    ['an unknown outcome', { outcome: 'MAYBE', restricted: false, responder }, 'outcome'],
    ['no restricted flag', { outcome: 'NO_INFORMATION', responder }, 'restricted'],
    ['an unknown field', { outcome: 'NO_INFORMATION', restricted: false, responder, extra: 'x' }, 'extra'],
    ['an unknown field inside the responder', { outcome: 'NO_INFORMATION', restricted: false, responder: { ...responder, phone: '1' } }, 'responder.phone'],
  ])('rejects %s', (_label, value, path) => {
    expect(errorsOf(domesticAbuseAnswerSchema, value).map((e) => e.path)).toEqual([path]);
  });
});

describe('childSafeguardingAnswerSchema', () => {
  it.each([
    ['NOT_KNOWN', undefined, []],
    ['KNOWN_NO_CURRENT_INVOLVEMENT', undefined, ['summary']],
    ['KNOWN_NO_CURRENT_INVOLVEMENT', 'Closed in 2019', []],
    ['CURRENT_INVOLVEMENT', undefined, ['summary']],
    ['CURRENT_INVOLVEMENT', 'Child protection plan', []],
  ])('with outcome %s and summary %s, the errors are on %o', (outcome, summary, paths) => {
    const value = { outcome, restricted: false, responder, ...(summary === undefined ? {} : { summary }) };
    expect(errorsOf(childSafeguardingAnswerSchema, value).map((e) => e.path)).toEqual(paths);
  });
});

describe('residentAnswerSchema', () => {
  it.each([
    [{ decision: 'CONSENT', understood: true }, []],
    [{ decision: 'CONSENT', understood: false }, ['understood']],
    [{ decision: 'CONSENT' }, ['understood']],
    [{ decision: 'REFUSE' }, []],
    [{ decision: 'SPEAK_TO_OFFICER' }, []],
    [{ decision: 'MAYBE' }, ['decision']],
    [{ decision: 'REFUSE', reason: 'x' }, ['reason']],
  ])('%o gives errors on %o', (value, paths) => {
    expect(errorsOf(residentAnswerSchema, value).map((e) => e.path)).toEqual(paths);
  });
});

describe('answerSchemaFor', () => {
  it.each([
    ['DOMESTIC_ABUSE', domesticAbuseAnswerSchema],
    ['CHILD_SAFEGUARDING', childSafeguardingAnswerSchema],
    ['RESIDENT_CONSENT', residentAnswerSchema],
  ] as const)('gives the %s schema', (type, schema) => {
    expect(answerSchemaFor(type)).toBe(schema);
  });
});

describe('linkTokenBodySchema', () => {
  it('keeps the rest of the body for validation after the token is looked up', () => {
    expect(linkTokenBodySchema.parse({ token: 'abc', decision: 'REFUSE' })).toEqual({ token: 'abc', decision: 'REFUSE' });
  });

  it.each([
    ['a missing token', {}],
    ['an empty token', { token: '' }],
    ['a token over 200 characters', { token: 'x'.repeat(201) }],
  ])('rejects %s', (_label, value) => {
    expect(linkTokenBodySchema.safeParse(value).success).toBe(false);
  });
});
