import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainEventMakers, domainEventOf, type AuditedChange } from '#domain/domain-events';
import { domainEventSchemas, domainEventTypes } from '#schemas/domain-events';

const proposalId = randomUUID();
const checkId = randomUUID();
const at = '2026-12-03T10:15:00.000Z';
const change = (action: string, fields: Record<string, unknown> = {}): AuditedChange => ({ proposalId, action, actor: 'staff-officer-1', at, ...fields });
const base = { eventVersion: 1, occurredAt: at, proposalId };

describe('domainEventOf: which audit actions are events, and what each carries', () => {
  it.each([
    ['PROPOSAL_CREATED', 'ProposalStarted', change('PROPOSAL_CREATED', { courtCode: 'B01LY00', hearingDate: '2026-12-17', reportType: 'ORAL' }), { status: 'CHECKS_IN_PROGRESS', courtCode: 'B01LY00', hearingDate: '2026-12-17', reportType: 'ORAL' }],
    ['CHECK_ANSWERED', 'CheckAnswered', change('CHECK_ANSWERED', { checkId, checkType: 'DOMESTIC_ABUSE' }), { checkId, checkType: 'DOMESTIC_ABUSE', checkStatus: 'RESPONDED' }],
    ['RESIDENT_ASKED_TO_SPEAK', 'CheckAnswered', change('RESIDENT_ASKED_TO_SPEAK', { checkId, checkType: 'RESIDENT_CONSENT' }), { checkId, checkType: 'RESIDENT_CONSENT', checkStatus: 'NEEDS_CONTACT' }],
    ['CONSENT_RECORDED_AGAIN', 'CheckAnswered', change('CONSENT_RECORDED_AGAIN', { checkId }), { checkId, checkType: 'RESIDENT_CONSENT', checkStatus: 'RESPONDED' }],
    ['CHECKS_COMPLETE', 'ChecksAssessed', change('CHECKS_COMPLETE'), { status: 'AWAITING_DECISION', consentNotGiven: false }],
    ['CONSENT_NOT_GIVEN', 'ChecksAssessed', change('CONSENT_NOT_GIVEN'), { status: 'UNSUITABLE', consentNotGiven: true }],
    ['DECISION_SUITABLE', 'ProposalDecided', change('DECISION_SUITABLE', { status: 'AWAITING_COUNTERSIGN' }), { outcome: 'SUITABLE', status: 'AWAITING_COUNTERSIGN' }],
    ['DECISION_UNSUITABLE', 'ProposalDecided', change('DECISION_UNSUITABLE', { status: 'UNSUITABLE' }), { outcome: 'UNSUITABLE', status: 'UNSUITABLE' }],
    ['COUNTERSIGNED', 'DecisionCountersigned', change('COUNTERSIGNED', { status: 'SUITABLE' }), { agreed: true, status: 'SUITABLE' }],
    ['COUNTERSIGNATURE_REFUSED', 'DecisionCountersigned', change('COUNTERSIGNATURE_REFUSED', { status: 'AWAITING_DECISION' }), { agreed: false, status: 'AWAITING_DECISION' }],
    ['PROPOSAL_WITHDRAWN', 'ProposalWithdrawn', change('PROPOSAL_WITHDRAWN'), { status: 'WITHDRAWN' }],
    ['HEARING_ADJOURNED', 'HearingAdjourned', change('HEARING_ADJOURNED', { cause: 'CHECKS_OUTSTANDING', previousHearingDate: '2026-12-17', hearingDate: '2027-01-07' }), { cause: 'CHECKS_OUTSTANDING', previousHearingDate: '2026-12-17', hearingDate: '2027-01-07' }],
    ['ALTERNATIVE_ADDRESS_PROPOSED', 'AddressChanged', change('ALTERNATIVE_ADDRESS_PROPOSED', { previousProposalId: checkId, caseId: 'case-1', version: 2 }), { previousProposalId: checkId, caseId: 'case-1', version: 2 }],
    ['CONSENT_WITHDRAWN', 'ConsentWithdrawn', change('CONSENT_WITHDRAWN', { checkId, via: 'LINK', afterHearing: true, status: 'SUITABLE' }), { checkId, via: 'LINK', afterHearing: true, status: 'SUITABLE' }],
    ['HEARING_OUTCOME_RECORDED', 'HearingOutcomeRecorded', change('HEARING_OUTCOME_RECORDED', { outcome: 'CURFEW_IMPOSED', checksUnanswered: 0 }), { outcome: 'CURFEW_IMPOSED', checksUnanswered: 0 }],
  ] as const)('%s is %s', (_action, type, audited, facts) => {
    expect(domainEventOf(audited)).toEqual({ type, facts: { ...base, ...facts } });
  });

  it.each(['PROPOSAL_VIEWED', 'RESTRICTED_ANSWERS_VIEWED', 'CHECK_REQUESTED', 'REMINDER_SENT', 'LINK_RESENT', 'AUDIT_TRAIL_EXPORTED', 'REPLACED_BY_ALTERNATIVE_ADDRESS', 'toString', '__proto__'])(
    '%s is not an event',
    (action) => {
      expect(domainEventOf(change(action))).toBeUndefined();
    },
  );

  it('makes every event type from some action, and every event is in the schemas', () => {
    const made = new Set(Object.keys(domainEventMakers).map((action) => domainEventMakers[action]?.(change(action)).type));
    expect([...made].sort()).toEqual([...domainEventTypes].sort());
  });

  it('refuses an entry that lacks what its event needs, naming the field and not its value', () => {
    expect(() => domainEventOf(change('HEARING_ADJOURNED', { cause: 'BECAUSE I SAID SO', previousHearingDate: '2026-12-17', hearingDate: '2027-01-07' }))).toThrow(/HEARING_ADJOURNED.*HearingAdjourned.*: cause$/);
    expect(() => domainEventOf(change('HEARING_ADJOURNED', { cause: 'BECAUSE I SAID SO' }))).not.toThrow(/SAID/);
    expect(() => domainEventOf(change('CHECK_ANSWERED', { checkType: 'DOMESTIC_ABUSE' }))).toThrow(/checkId/);
  });
});

/**
 * Words a person typed or that name someone: none may reach an event. Always two words, so no id,
 * code or key of an event (none has a space) can contain one by chance.
 */
const word = fc.string({ minLength: 1, maxLength: 12 }).filter((text) => /^[^\s"\\\p{C}]+$/u.test(text));
const personal = fc.tuple(word, word).map(([first, second]) => `${first} ${second}`);

describe('nothing personal reaches an event', () => {
  it('passes ids, codes, dates, statuses and counts and drops everything else an entry carries (names, addresses, reasons, staff ids)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(domainEventMakers)),
        fc.record({ name: personal, address: personal, reason: personal, staffId: personal, email: personal }),
        (action, person) => {
          const carried = change(action, {
            courtCode: 'B01LY00',
            hearingDate: '2026-12-17',
            previousHearingDate: '2026-12-10',
            reportType: 'STANDARD',
            checkId,
            checkType: 'RESIDENT_CONSENT',
            status: 'SUITABLE',
            cause: 'OTHER',
            outcome: action === 'HEARING_OUTCOME_RECORDED' ? 'OTHER_SENTENCE' : undefined,
            checksUnanswered: 1,
            via: 'OFFICER',
            afterHearing: false,
            previousProposalId: randomUUID(),
            caseId: 'case-2',
            version: 3,
            actor: person.staffId,
            reason: person.reason,
            fullName: person.name,
            defendant: { givenName: person.name, address: person.address },
            email: person.email,
            rationale: person.reason,
          });
          const made = domainEventOf(carried);
          const text = JSON.stringify(made);
          for (const value of Object.values(person)) expect(text).not.toContain(value);
          // And what an event does carry is only what its schema lists.
          if (made !== undefined) expect(domainEventSchemas[made.type].safeParse({ ...made.facts, eventId: randomUUID(), sequence: 4 }).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('each schema refuses a field it does not list, so a maker that copied one would fail', () => {
    for (const type of domainEventTypes) {
      expect(domainEventSchemas[type].safeParse({ eventId: randomUUID(), sequence: 1, ...base, fullName: 'Alex Resident' }).success).toBe(false);
    }
  });
});
