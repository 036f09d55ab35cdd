import { describe, expect, it } from 'vitest';
import {
  answerRaisesConcern, assessAnsweredChecks, checkConcerns, mayRecordConsentAgain, countersign, decide, hasConcerns, mayWithdraw, outstandingChecks,
} from '#domain/check-rules';
import type { CheckState } from '#domain/check-rules';
import { countersigningPolicy, countersigningRequirement } from '#domain/countersigning-policy';
import type { CheckAnswer } from '#schemas/answers';
import type { CheckType, ProposalStatus } from '#domain/statuses';

const responder = { name: 'Pat Officer', role: 'Detective Sergeant', organisation: 'Wiltshire Police' };
const noPoliceInfo: CheckAnswer = { outcome: 'NO_INFORMATION', restricted: false, responder };
const policeInfo: CheckAnswer = { outcome: 'INFORMATION_HELD', summary: 'Call-outs in 2024', restricted: true, responder };
const notKnown: CheckAnswer = { outcome: 'NOT_KNOWN', restricted: false, responder };
const knownNoInvolvement: CheckAnswer = { outcome: 'KNOWN_NO_CURRENT_INVOLVEMENT', summary: 'Closed 2019', restricted: false, responder };
const currentInvolvement: CheckAnswer = { outcome: 'CURRENT_INVOLVEMENT', summary: 'Child in need plan', restricted: true, responder };
const consent: CheckAnswer = { decision: 'CONSENT', understood: true };
const refuse: CheckAnswer = { decision: 'REFUSE' };
const speakToOfficer: CheckAnswer = { decision: 'SPEAK_TO_OFFICER' };

const dueAt = '2026-12-13T17:00:00.000Z';
const answered = (checkId: string, type: CheckType, answer: CheckAnswer): CheckState => ({ checkId, type, status: 'RESPONDED', answer, dueAt });
const allClear = (): CheckState[] => [
  answered('da', 'DOMESTIC_ABUSE', noPoliceInfo),
  answered('cs', 'CHILD_SAFEGUARDING', notKnown),
  { ...answered('r1', 'RESIDENT_CONSENT', consent), residentId: 'res-1' },
];
const withConcern = (): CheckState[] => [answered('da', 'DOMESTIC_ABUSE', policeInfo), ...allClear().slice(1)];
/** The checked-in policy's answer today: its first version is the rule decide had in code. */
const policy = (checks: readonly CheckState[], sentBack = false) => countersigningRequirement(countersigningPolicy, { at: new Date(dueAt), facts: { checks, sentBack } });
const withOutstanding = (): CheckState[] => [...allClear().slice(0, 2), { checkId: 'r1', type: 'RESIDENT_CONSENT', status: 'REQUESTED', dueAt }];

describe('answerRaisesConcern', () => {
  it.each<[CheckType, CheckAnswer, boolean]>([
    ['DOMESTIC_ABUSE', noPoliceInfo, false],
    ['DOMESTIC_ABUSE', policeInfo, true],
    ['CHILD_SAFEGUARDING', notKnown, false],
    ['CHILD_SAFEGUARDING', knownNoInvolvement, true],
    ['CHILD_SAFEGUARDING', currentInvolvement, true],
    ['RESIDENT_CONSENT', consent, false],
    ['RESIDENT_CONSENT', refuse, false],
    ['RESIDENT_CONSENT', speakToOfficer, false],
  ])('a %s answer %o raises a concern: %s', (type, answer, expected) => {
    expect(answerRaisesConcern(type, answer)).toBe(expected);
  });
});

describe('hasConcerns', () => {
  it.each([
    ['no answer raises one', allClear(), false],
    ['the police hold information', withConcern(), true],
    ['children\'s services know the family', [allClear()[0]!, answered('cs', 'CHILD_SAFEGUARDING', knownNoInvolvement)], true],
    ['nothing has been answered', [{ checkId: 'da', type: 'DOMESTIC_ABUSE', status: 'REQUESTED', dueAt } satisfies CheckState], false],
  ])('when %s: %s', (_label, checks, expected) => {
    expect(hasConcerns(checks)).toBe(expected);
  });
});

describe('checkConcerns', () => {
  const residentConsent = (extra: Partial<CheckState>): CheckState => ({ ...answered('r1', 'RESIDENT_CONSENT', consent), residentId: 'res-1', ...extra });
  it.each<[string, CheckState, string[]]>([
    ['consent through the resident\'s own link', residentConsent({ source: { via: 'LINK' } }), []],
    ['consent recorded by an officer who spoke to them alone', residentConsent({ source: { via: 'OFFICER', spokenToAlone: true } }), []],
    ['consent recorded by an officer who did not speak to them alone', residentConsent({ source: { via: 'OFFICER', spokenToAlone: false } }), ['CONSENT_NOT_GIVEN_ALONE']],
    ['consent after the resident asked to speak to someone', residentConsent({ source: { via: 'OFFICER', spokenToAlone: true }, needsContactAt: dueAt }), ['ASKED_TO_SPEAK_FIRST']],
    ['both', residentConsent({ source: { via: 'OFFICER', spokenToAlone: false }, needsContactAt: dueAt }), ['CONSENT_NOT_GIVEN_ALONE', 'ASKED_TO_SPEAK_FIRST']],
    ['a refusal, which is not a concern but an end', residentConsent({ answer: refuse, source: { via: 'OFFICER', spokenToAlone: false } }), []],
    ['police information', answered('da', 'DOMESTIC_ABUSE', policeInfo), ['POLICE_INFORMATION_HELD']],
  ])('%s: %o', (_label, check, expected) => {
    expect(checkConcerns(check)).toEqual(expected);
  });

  it('makes a suitable decision on consent not taken alone wait for a countersignature', () => {
    const checks = [...allClear().slice(0, 2), { ...answered('r1', 'RESIDENT_CONSENT', consent), residentId: 'res-1', source: { via: 'OFFICER', spokenToAlone: false } } satisfies CheckState];
    expect(decide('AWAITING_DECISION', 'SUITABLE', checks, policy(checks))).toEqual({ ok: true, nextStatus: 'AWAITING_COUNTERSIGN' });
  });
});

describe('outstandingChecks', () => {
  it.each<[string, CheckState, string[]]>([
    ['a responded check with an answer', answered('x', 'DOMESTIC_ABUSE', noPoliceInfo), []],
    ['a requested check', { checkId: 'x', type: 'DOMESTIC_ABUSE', status: 'REQUESTED', dueAt }, ['x']],
    ['an overdue check', { checkId: 'x', type: 'CHILD_SAFEGUARDING', status: 'OVERDUE', dueAt }, ['x']],
    ['a resident who asked to speak to an officer', { checkId: 'x', type: 'RESIDENT_CONSENT', status: 'NEEDS_CONTACT', answer: speakToOfficer, dueAt }, ['x']],
    ['a cancelled check', { checkId: 'x', type: 'DOMESTIC_ABUSE', status: 'CANCELLED', dueAt }, ['x']],
    ['a check marked responded with no answer', { checkId: 'x', type: 'DOMESTIC_ABUSE', status: 'RESPONDED', dueAt }, ['x']],
    ['a check marked responded with "speak to an officer"', answered('x', 'RESIDENT_CONSENT', speakToOfficer), ['x']],
  ])('counts %s as outstanding: %o', (_label, check, expected) => {
    expect(outstandingChecks([check])).toEqual(expected);
  });
});

describe('assessAnsweredChecks', () => {
  it('waits for a decision when every check is answered, noting no concerns', () => {
    expect(assessAnsweredChecks(allClear())).toEqual({ status: 'AWAITING_DECISION', concerns: false });
  });

  it('waits for a decision with concerns flagged when an agency raised one', () => {
    expect(assessAnsweredChecks(withConcern())).toEqual({ status: 'AWAITING_DECISION', concerns: true });
  });

  it('makes the proposal unsuitable when any resident refuses, even with other checks outstanding', () => {
    const checks: CheckState[] = [
      { checkId: 'da', type: 'DOMESTIC_ABUSE', status: 'REQUESTED', dueAt },
      answered('r1', 'RESIDENT_CONSENT', consent),
      answered('r2', 'RESIDENT_CONSENT', refuse),
    ];
    expect(assessAnsweredChecks(checks)).toEqual({ status: 'UNSUITABLE', concerns: false, reason: 'CONSENT_NOT_GIVEN' });
  });

  it('reports outstanding checks when a resident asked to speak to an officer', () => {
    const checks: CheckState[] = [...allClear().slice(0, 2), { checkId: 'r1', type: 'RESIDENT_CONSENT', status: 'NEEDS_CONTACT', answer: speakToOfficer, dueAt }];
    expect(assessAnsweredChecks(checks)).toEqual({ status: 'CHECKS_INCOMPLETE', outstanding: ['r1'] });
  });
});

describe('decide', () => {
  it.each<[string, ProposalStatus, CheckState[], ReturnType<typeof decide>]>([
    ['all clear', 'AWAITING_DECISION', allClear(), { ok: true, nextStatus: 'SUITABLE' }],
    ['a concern', 'AWAITING_DECISION', withConcern(), { ok: true, nextStatus: 'AWAITING_COUNTERSIGN' }],
    ['a check outstanding', 'AWAITING_DECISION', withOutstanding(), { ok: false, error: 'CHECKS_INCOMPLETE', outstanding: ['r1'] }],
    ['checks still in progress', 'CHECKS_IN_PROGRESS', withOutstanding(), { ok: false, error: 'CHECKS_INCOMPLETE', outstanding: ['r1'] }],
    ['checks in progress but all answered', 'CHECKS_IN_PROGRESS', allClear(), { ok: false, error: 'NOT_ALLOWED', reason: expect.any(String) }],
    ['a decision awaiting countersignature', 'AWAITING_COUNTERSIGN', withConcern(), { ok: false, error: 'NOT_ALLOWED', reason: expect.any(String) }],
    ['an already suitable proposal', 'SUITABLE', allClear(), { ok: false, error: 'NOT_ALLOWED', reason: expect.any(String) }],
    ['an unsuitable proposal', 'UNSUITABLE', allClear(), { ok: false, error: 'NOT_ALLOWED', reason: expect.any(String) }],
    ['a withdrawn proposal with cancelled checks', 'WITHDRAWN', [{ checkId: 'da', type: 'DOMESTIC_ABUSE', status: 'CANCELLED', dueAt }], { ok: false, error: 'NOT_ALLOWED', reason: expect.any(String) }],
    ['a resident refusal', 'AWAITING_DECISION', [...allClear().slice(0, 2), answered('r1', 'RESIDENT_CONSENT', refuse)], { ok: false, error: 'NOT_ALLOWED', reason: 'A resident has not given consent' }],
  ])('deciding SUITABLE with %s (%s)', (_label, status, checks, expected) => {
    expect(decide(status, 'SUITABLE', checks, policy(checks))).toEqual(expected);
  });

  it.each<[ProposalStatus, ReturnType<typeof decide>]>([
    ['CHECKS_IN_PROGRESS', { ok: true, nextStatus: 'UNSUITABLE' }],
    ['AWAITING_DECISION', { ok: true, nextStatus: 'UNSUITABLE' }],
    ['AWAITING_COUNTERSIGN', { ok: true, nextStatus: 'UNSUITABLE' }],
    ['SUITABLE', { ok: false, error: 'NOT_ALLOWED', reason: 'The proposal is already SUITABLE' }],
    ['UNSUITABLE', { ok: false, error: 'NOT_ALLOWED', reason: 'The proposal is already UNSUITABLE' }],
    ['WITHDRAWN', { ok: false, error: 'NOT_ALLOWED', reason: 'The proposal is already WITHDRAWN' }],
  ])('deciding UNSUITABLE from %s, whatever the checks say', (status, expected) => {
    expect(decide(status, 'UNSUITABLE', withOutstanding(), { required: true })).toEqual(expected);
  });
});

describe('a decision sent back by a senior probation officer', () => {
  it('needs a countersignature again for a new suitable decision, even without a concern', () => {
    expect(decide('AWAITING_DECISION', 'SUITABLE', allClear(), policy(allClear(), true))).toEqual({ ok: true, nextStatus: 'AWAITING_COUNTERSIGN' });
    expect(decide('AWAITING_DECISION', 'SUITABLE', allClear(), policy(allClear()))).toEqual({ ok: true, nextStatus: 'SUITABLE' });
  });

  it('lets consent be recorded again only before deciding, and only consent that raised a concern unless a decision was sent back', () => {
    const linkConsent = { ...answered('r1', 'RESIDENT_CONSENT', consent), source: { via: 'LINK' } } satisfies CheckState;
    const notAlone = { ...answered('r1', 'RESIDENT_CONSENT', consent), source: { via: 'OFFICER', spokenToAlone: false } } satisfies CheckState;
    expect(mayRecordConsentAgain('AWAITING_DECISION', notAlone)).toBe(true);
    expect(mayRecordConsentAgain('AWAITING_DECISION', linkConsent)).toBe(false);
    expect(mayRecordConsentAgain('AWAITING_DECISION', linkConsent, { returned: true })).toBe(true);
    expect(mayRecordConsentAgain('AWAITING_COUNTERSIGN', notAlone)).toBe(false);
    expect(mayRecordConsentAgain('AWAITING_DECISION', answered('da', 'DOMESTIC_ABUSE', policeInfo), { returned: true })).toBe(false);
  });
});

describe('countersign', () => {
  it.each<[ProposalStatus, boolean, string, string, ReturnType<typeof countersign>]>([
    ['AWAITING_COUNTERSIGN', true, 'po-1', 'spo-1', { ok: true, nextStatus: 'SUITABLE' }],
    ['AWAITING_COUNTERSIGN', false, 'po-1', 'spo-1', { ok: true, nextStatus: 'AWAITING_DECISION' }],
    ['AWAITING_COUNTERSIGN', true, 'po-1', 'po-1', { ok: false, error: 'SAME_PERSON' }],
    ['AWAITING_COUNTERSIGN', false, 'po-1', 'po-1', { ok: false, error: 'SAME_PERSON' }],
    ['CHECKS_IN_PROGRESS', true, 'po-1', 'spo-1', { ok: false, error: 'NOT_ALLOWED', reason: expect.any(String) }],
    ['AWAITING_DECISION', true, 'po-1', 'spo-1', { ok: false, error: 'NOT_ALLOWED', reason: expect.any(String) }],
    ['SUITABLE', true, 'po-1', 'spo-1', { ok: false, error: 'NOT_ALLOWED', reason: expect.any(String) }],
    ['UNSUITABLE', false, 'po-1', 'spo-1', { ok: false, error: 'NOT_ALLOWED', reason: expect.any(String) }],
    ['WITHDRAWN', true, 'po-1', 'spo-1', { ok: false, error: 'NOT_ALLOWED', reason: expect.any(String) }],
  ])('from %s, agree=%s, decided by %s, countersigned by %s', (status, agree, decidedBy, countersigner, expected) => {
    expect(countersign(status, agree, decidedBy, countersigner)).toEqual(expected);
  });
});

describe('mayWithdraw', () => {
  it.each<[ProposalStatus, boolean]>([
    ['CHECKS_IN_PROGRESS', true],
    ['AWAITING_DECISION', true],
    ['AWAITING_COUNTERSIGN', true],
    ['SUITABLE', false],
    ['UNSUITABLE', false],
    ['WITHDRAWN', false],
  ])('from %s: %s', (status, expected) => {
    expect(mayWithdraw(status)).toBe(expected);
  });
});
