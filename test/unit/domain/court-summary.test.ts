import { describe, expect, it } from 'vitest';
import { adjournmentLikely, suitabilityForCourt, summariseChecksForCourt } from '#domain/court-summary';
import type { CheckState } from '#domain/check-rules';
import type { CheckStatus, CheckType, ProposalStatus } from '#domain/statuses';

const now = new Date('2026-12-10T12:00:00Z');
const future = '2026-12-13T17:00:00.000Z';
const past = '2026-12-09T17:00:00.000Z';
const responder = { name: 'Pat', role: 'Analyst', organisation: 'Swindon Borough Council' };

const check = (checkId: string, type: CheckType, status: CheckStatus, dueAt = future): CheckState => {
  if (status !== 'RESPONDED') return { checkId, type, status, dueAt };
  const answer = type === 'RESIDENT_CONSENT'
    ? { decision: 'CONSENT' as const, understood: true }
    : { outcome: 'NO_INFORMATION' as const, restricted: false, responder };
  return { checkId, type, status, answer, dueAt };
};
const agenciesAnswered = [check('da', 'DOMESTIC_ABUSE', 'RESPONDED'), check('cs', 'CHILD_SAFEGUARDING', 'RESPONDED')];

describe('summariseChecksForCourt', () => {
  it('is complete when every check has an answer', () => {
    const checks = [...agenciesAnswered, check('r1', 'RESIDENT_CONSENT', 'RESPONDED'), check('r2', 'RESIDENT_CONSENT', 'RESPONDED')];
    expect(summariseChecksForCourt(checks, now)).toEqual({
      domesticAbuse: 'COMPLETE', childSafeguarding: 'COMPLETE', residentConsent: 'COMPLETE', checksComplete: true,
    });
  });

  it('treats resident consent as complete when no other adults were declared', () => {
    expect(summariseChecksForCourt(agenciesAnswered, now)).toMatchObject({ residentConsent: 'COMPLETE', checksComplete: true });
  });

  it('never treats a missing agency check as complete', () => {
    expect(summariseChecksForCourt([], now)).toEqual({
      domesticAbuse: 'OUTSTANDING', childSafeguarding: 'OUTSTANDING', residentConsent: 'COMPLETE', checksComplete: false,
    });
  });

  it.each<[string, CheckState, 'OUTSTANDING' | 'OVERDUE']>([
    ['requested and not yet due', check('r2', 'RESIDENT_CONSENT', 'REQUESTED'), 'OUTSTANDING'],
    ['requested and past due', check('r2', 'RESIDENT_CONSENT', 'REQUESTED', past), 'OVERDUE'],
    ['marked overdue', check('r2', 'RESIDENT_CONSENT', 'OVERDUE'), 'OVERDUE'],
    ['waiting for an officer to make contact, past due', check('r2', 'RESIDENT_CONSENT', 'NEEDS_CONTACT', past), 'OVERDUE'],
    ['cancelled, past due', check('r2', 'RESIDENT_CONSENT', 'CANCELLED', past), 'OUTSTANDING'],
  ])('shows resident consent as %s when one of two residents is %s', (_label, second, expected) => {
    const checks = [...agenciesAnswered, check('r1', 'RESIDENT_CONSENT', 'RESPONDED'), second];
    expect(summariseChecksForCourt(checks, now)).toMatchObject({ residentConsent: expected, checksComplete: false });
  });

  it('summarises each group on its own', () => {
    const checks = [check('da', 'DOMESTIC_ABUSE', 'OVERDUE', past), check('cs', 'CHILD_SAFEGUARDING', 'REQUESTED'), check('r1', 'RESIDENT_CONSENT', 'RESPONDED')];
    expect(summariseChecksForCourt(checks, now)).toEqual({
      domesticAbuse: 'OVERDUE', childSafeguarding: 'OUTSTANDING', residentConsent: 'COMPLETE', checksComplete: false,
    });
  });
});

describe('suitabilityForCourt', () => {
  it.each<[ProposalStatus, string]>([
    ['SUITABLE', 'SUITABLE'],
    ['UNSUITABLE', 'UNSUITABLE'],
    ['CHECKS_IN_PROGRESS', 'NOT_DECIDED'],
    ['AWAITING_DECISION', 'NOT_DECIDED'],
    ['AWAITING_COUNTERSIGN', 'NOT_DECIDED'],
    ['WITHDRAWN', 'NOT_DECIDED'],
  ])('shows a %s proposal to the court as %s', (status, expected) => {
    expect(suitabilityForCourt(status)).toBe(expected);
  });
});

describe('adjournmentLikely', () => {
  const started = new Date('2026-12-01T10:00:00Z');
  const dueLater = '2026-12-10T17:00:00.000Z';
  const stateOf = (type: CheckState['type'], status: CheckState['status'], dueAt = dueLater): CheckState => ({
    checkId: `${type}-${status}`,
    type,
    status,
    dueAt,
    ...(status === 'RESPONDED' ? { answer: type === 'RESIDENT_CONSENT' ? { decision: 'CONSENT', understood: true } : { outcome: type === 'DOMESTIC_ABUSE' ? 'NO_INFORMATION' : 'NOT_KNOWN', restricted: false, responder: { name: 'A', role: 'B', organisation: 'C' } } } : {}),
  });

  it.each<[string, CheckState[], Date, Date, boolean]>([
    ['checks outstanding, in good time', [stateOf('DOMESTIC_ABUSE', 'REQUESTED'), stateOf('CHILD_SAFEGUARDING', 'REQUESTED')], started, new Date('2026-12-02T10:00:00Z'), false],
    ['a check overdue', [stateOf('DOMESTIC_ABUSE', 'OVERDUE'), stateOf('CHILD_SAFEGUARDING', 'RESPONDED')], started, new Date('2026-12-11T10:00:00Z'), true],
    ['started the morning of an oral report', [stateOf('DOMESTIC_ABUSE', 'REQUESTED', '2026-12-01T14:00:00.000Z'), stateOf('CHILD_SAFEGUARDING', 'REQUESTED', '2026-12-01T14:00:00.000Z')], started, new Date('2026-12-01T10:00:01Z'), true],
    ['started late but every check already answered', [stateOf('DOMESTIC_ABUSE', 'RESPONDED', '2026-12-01T14:00:00.000Z'), stateOf('CHILD_SAFEGUARDING', 'RESPONDED', '2026-12-01T14:00:00.000Z')], started, new Date('2026-12-01T12:00:00Z'), false],
  ])('%s: %s', (_label, checks, startedAt, now, expected) => {
    expect(adjournmentLikely(checks, startedAt, now)).toBe(expected);
  });
});
