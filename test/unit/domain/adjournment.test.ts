import { describe, expect, it } from 'vitest';
import { answeredAfterCurfew, checkAfterAdjournment, hearingDateAt, outcomeEndsChecks, roundSuffix, unansweredChecks, whyNotAdjourn, whyNotRecordOutcome } from '#domain/adjournment';
import { computeDueAt } from '#domain/deadlines';
import { countersForEvent, type EventFacts } from '#domain/performance-events';
import { counterNames, figuresFrom } from '#domain/performance';
import { decideWake, reminderPoints } from '#domain/reminders';

describe('whether a hearing may be adjourned', () => {
  const today = '2026-12-03';
  const open = { status: 'CHECKS_IN_PROGRESS' as const, hearingDate: '2026-12-10', sentenced: false, replaced: false, today };

  it('moves a hearing later, to a date not in the past', () => {
    expect(whyNotAdjourn({ ...open, newDate: '2026-12-17' })).toBeUndefined();
    // Recorded after the hearing day: the new date may be today.
    expect(whyNotAdjourn({ ...open, hearingDate: '2026-12-01', newDate: today })).toBeUndefined();
  });

  it.each([
    ['the current hearing date', '2026-12-10', 'must be different from the current hearing date'],
    ['a date in the past', '2026-12-02', 'must be today or in the future'],
    ['a date before the current hearing (brought forward, not adjourned)', '2026-12-08', 'must be after the current hearing date'],
  ])('refuses %s as a slip in the date (400)', (_name, newDate, message) => {
    expect(whyNotAdjourn({ ...open, newDate })).toEqual({ kind: 'FIELD', message: expect.stringContaining(message) });
  });

  it('lets a decided proposal, suitable or not, move with its hearing', () => {
    expect(whyNotAdjourn({ ...open, status: 'SUITABLE', newDate: '2026-12-17' })).toBeUndefined();
    expect(whyNotAdjourn({ ...open, status: 'UNSUITABLE', newDate: '2026-12-17' })).toBeUndefined();
    expect(whyNotAdjourn({ ...open, status: 'AWAITING_COUNTERSIGN', newDate: '2026-12-17' })).toBeUndefined();
  });

  it('refuses a withdrawn proposal and one the court has sentenced (409)', () => {
    expect(whyNotAdjourn({ ...open, status: 'WITHDRAWN', newDate: '2026-12-17' })).toMatchObject({ kind: 'STATE' });
    expect(whyNotAdjourn({ ...open, sentenced: true, newDate: '2026-12-17' })).toMatchObject({ kind: 'STATE' });
  });

  it('refuses an address another address replaced: the case\'s hearing moves on its current version (409)', () => {
    expect(whyNotAdjourn({ ...open, status: 'UNSUITABLE', replaced: true, newDate: '2026-12-17' })).toEqual({
      kind: 'STATE',
      error: 'NOT_ALLOWED',
      message: expect.stringContaining('current version'),
    });
  });
});

describe('whether the outcome may be recorded', () => {
  it('from the hearing day, once, and never on a withdrawn proposal', () => {
    const base = { status: 'SUITABLE' as const, hearingDate: '2026-12-10', sentenced: false, replaced: false };
    expect(whyNotRecordOutcome({ ...base, today: '2026-12-09' })).toBe('The outcome can be recorded on or after the hearing date');
    expect(whyNotRecordOutcome({ ...base, today: '2026-12-10' })).toBeUndefined();
    expect(whyNotRecordOutcome({ ...base, today: '2026-12-20' })).toBeUndefined();
    expect(whyNotRecordOutcome({ ...base, sentenced: true, today: '2026-12-10' })).toBe('The hearing outcome has already been recorded');
    expect(whyNotRecordOutcome({ ...base, status: 'WITHDRAWN', today: '2026-12-10' })).toBe('A withdrawn proposal has no hearing outcome');
    expect(whyNotRecordOutcome({ ...base, status: 'UNSUITABLE', replaced: true, today: '2026-12-10' })).toContain('current version');
  });

  it('counts every check without an answer, a resident asking to speak to someone among them', () => {
    expect(unansweredChecks([{ status: 'RESPONDED' }, { status: 'REQUESTED' }, { status: 'OVERDUE' }, { status: 'NEEDS_CONTACT' }, { status: 'CANCELLED' }])).toBe(3);
  });
});

describe('what a sentence does to the checks still open', () => {
  it('ends them after another sentence, and keeps them open when a curfew was imposed', () => {
    expect(outcomeEndsChecks('OTHER_SENTENCE')).toBe(true);
    expect(outcomeEndsChecks('CURFEW_IMPOSED')).toBe(false);
  });

  it('finds the answers that came after a curfew was imposed, oldest first, and none after another sentence', () => {
    const imposedAt = '2026-12-10T15:00:00.000Z';
    const checks = [
      { checkId: 'before', status: 'RESPONDED' as const, respondedAt: '2026-12-10T09:00:00.000Z' },
      { checkId: 'later', status: 'RESPONDED' as const, respondedAt: '2026-12-14T10:00:00.000Z' },
      { checkId: 'late', status: 'RESPONDED' as const, respondedAt: '2026-12-11T10:00:00.000Z' },
      { checkId: 'open', status: 'OVERDUE' as const },
      { checkId: 'cancelled', status: 'CANCELLED' as const },
    ];
    expect(answeredAfterCurfew({ outcome: 'CURFEW_IMPOSED', at: imposedAt }, checks).map((check) => check.checkId)).toEqual(['late', 'later']);
    expect(answeredAfterCurfew({ outcome: 'OTHER_SENTENCE', at: imposedAt }, checks)).toEqual([]);
    expect(answeredAfterCurfew(undefined, checks)).toEqual([]);
  });
});

describe('a check when the hearing moves', () => {
  const newHearing = '2026-12-17';
  const newDue = computeDueAt(newHearing, 'SHORT_FORMAT');

  it('an overdue check is due again at the new due time when that is still ahead', () => {
    expect(checkAfterAdjournment({ status: 'OVERDUE' }, newHearing, 'SHORT_FORMAT', new Date('2026-12-09T12:00:00Z'))).toEqual({ dueAt: newDue.toISOString(), status: 'REQUESTED', dueAgain: true });
  });

  it('stays overdue when even the new due time has passed', () => {
    expect(checkAfterAdjournment({ status: 'OVERDUE' }, newHearing, 'SHORT_FORMAT', new Date(newDue.getTime() + 1000))).toMatchObject({ status: 'OVERDUE', dueAgain: false });
  });

  it('a waiting check, or a resident who asked to speak to someone, gets the new due time and keeps its status', () => {
    const at = new Date('2026-12-09T12:00:00Z');
    expect(checkAfterAdjournment({ status: 'REQUESTED' }, newHearing, 'ORAL', at)).toEqual({ dueAt: computeDueAt(newHearing, 'ORAL').toISOString(), status: 'REQUESTED', dueAgain: false });
    expect(checkAfterAdjournment({ status: 'NEEDS_CONTACT' }, newHearing, 'ORAL', at)).toMatchObject({ status: 'NEEDS_CONTACT' });
  });

  it('an answered or cancelled check is history: its due time does not move', () => {
    expect(checkAfterAdjournment({ status: 'RESPONDED' }, newHearing, 'ORAL', new Date())).toBeUndefined();
    expect(checkAfterAdjournment({ status: 'CANCELLED' }, newHearing, 'ORAL', new Date())).toBeUndefined();
  });

  it('the new due date is reminded with new references, none the same as the first date\'s', () => {
    expect(roundSuffix(undefined)).toBe('');
    expect(roundSuffix(0)).toBe('');
    expect(roundSuffix(1)).toBe('#R1');
    expect(roundSuffix(2)).toBe('#R2');
  });

  it('a reminder point of the new date that passed before the hearing moved is not sent late', () => {
    // Moved on Monday 14 December at 10:00: the new due time is Wednesday 16 December 17:00, so its
    // "two working days before" point (Monday 09:00) had passed when the hearing moved.
    const dueAt = computeDueAt('2026-12-17', 'SHORT_FORMAT');
    const movedAt = new Date('2026-12-14T10:00:00Z');
    const points = reminderPoints(dueAt);
    expect(decideWake({ dueAt, now: new Date('2026-12-14T11:00:00Z'), status: 'REQUESTED', points, requestedAt: movedAt })).toMatchObject({ action: 'WAIT' });
    expect(decideWake({ dueAt, now: new Date('2026-12-16T09:30:00Z'), status: 'REQUESTED', points, requestedAt: movedAt })).toMatchObject({ action: 'REMIND', reminderKey: 'DUE_DAY' });
  });
});

describe('the hearing date in force at an instant', () => {
  const adjournments = [
    { previousHearingDate: '2026-12-10', hearingDate: '2026-12-17', cause: 'CHECKS_OUTSTANDING' as const, at: '2026-12-10T15:00:00.000Z' },
    { previousHearingDate: '2026-12-17', hearingDate: '2027-01-07', cause: 'OTHER' as const, at: '2026-12-17T15:00:00.000Z' },
  ];

  it('is the first date before any adjournment, then each new date from its adjournment on', () => {
    expect(hearingDateAt('2027-01-07', adjournments, '2026-12-01T00:00:00.000Z')).toBe('2026-12-10');
    expect(hearingDateAt('2027-01-07', adjournments, '2026-12-10T15:00:00.000Z')).toBe('2026-12-17');
    expect(hearingDateAt('2027-01-07', adjournments, '2026-12-20T00:00:00.000Z')).toBe('2027-01-07');
    expect(hearingDateAt('2026-12-10', [], '2026-12-20T00:00:00.000Z')).toBe('2026-12-10');
  });
});

describe('the P&Q counts of adjournments and sentences', () => {
  const proposal: EventFacts['proposal'] = {
    courtCode: 'B01LY00',
    createdAt: '2026-12-01T09:00:00.000Z',
    hearingDate: '2026-12-17',
    policeForce: 'WILTSHIRE',
    localAuthority: 'SWINDON',
    decisions: [],
    countersignatures: [],
    adjournments: [{ previousHearingDate: '2026-12-10', hearingDate: '2026-12-17', cause: 'CHECKS_OUTSTANDING', at: '2026-12-10T15:00:00.000Z' }],
  };

  it('an adjournment for checks counts in the adjourned hearing\'s week, and the new hearing is one more hearing in its own', () => {
    const increments = countersForEvent({
      action: 'HEARING_ADJOURNED',
      actor: 'court.officer',
      at: '2026-12-10T15:00:00.000Z',
      proposal,
      recorded: { cause: 'CHECKS_OUTSTANDING', previousHearingDate: '2026-12-10', hearingDate: '2026-12-17' },
    });
    expect(increments).toEqual([
      { courtCode: 'B01LY00', week: '2026-W50', counts: { [counterNames.adjourned]: 1, [counterNames.adjournedForChecks]: 1 } },
      { courtCode: 'B01LY00', week: '2026-W51', counts: { [counterNames.hearings]: 1 } },
    ]);
  });

  it('an adjournment for another reason, with the checks already complete, counts the new hearing as answered before it', () => {
    const increments = countersForEvent({
      action: 'HEARING_ADJOURNED',
      actor: 'court.officer',
      at: '2026-12-10T15:00:00.000Z',
      proposal: { ...proposal, checksCompletedAt: '2026-12-08T10:00:00.000Z' },
      recorded: { cause: 'OTHER', previousHearingDate: '2026-12-10', hearingDate: '2026-12-17' },
    });
    expect(increments).toEqual([
      { courtCode: 'B01LY00', week: '2026-W50', counts: { [counterNames.adjourned]: 1 } },
      { courtCode: 'B01LY00', week: '2026-W51', counts: { [counterNames.hearings]: 1, [counterNames.hearingsAnsweredBefore]: 1 } },
    ]);
  });

  it('checks completed before the adjournment, counted after it, still count for the hearing they were complete before', () => {
    const increments = countersForEvent({ action: 'CHECKS_COMPLETE', actor: 'WORKFLOW', at: '2026-12-08T10:00:00.000Z', proposal });
    expect(increments).toEqual([{ courtCode: 'B01LY00', week: '2026-W50', counts: { [counterNames.hearingsAnsweredBefore]: 1 } }]);
  });

  it('a curfew imposed with a check unanswered is counted apart; another sentence is not a curfew', () => {
    const outcome = (recorded: EventFacts['recorded']) => countersForEvent({ action: 'HEARING_OUTCOME_RECORDED', actor: 'court.officer', at: '2026-12-17T15:00:00.000Z', proposal, recorded });
    expect(outcome({ outcome: 'CURFEW_IMPOSED', checksUnanswered: 2, hearingDate: '2026-12-17' })).toEqual([
      { courtCode: 'B01LY00', week: '2026-W51', counts: { [counterNames.curfewsImposed]: 1, [counterNames.curfewsImposedUnanswered]: 1 } },
    ]);
    expect(outcome({ outcome: 'CURFEW_IMPOSED', checksUnanswered: 0, hearingDate: '2026-12-17' })).toEqual([{ courtCode: 'B01LY00', week: '2026-W51', counts: { [counterNames.curfewsImposed]: 1 } }]);
    expect(outcome({ outcome: 'OTHER_SENTENCE', checksUnanswered: 1, hearingDate: '2026-12-17' })).toEqual([{ courtCode: 'B01LY00', week: '2026-W51', counts: { [counterNames.otherSentences]: 1 } }]);
    // Adjourned is counted by the HEARING_ADJOURNED record written with it.
    expect(outcome({ outcome: 'ADJOURNED', checksUnanswered: 1, hearingDate: '2026-12-17' })).toEqual([]);
  });

  it('the figures add them up over the period', () => {
    const figures = figuresFrom(
      [
        { courtCode: 'B01LY00', week: '2026-W50', counts: { [counterNames.adjourned]: 3, [counterNames.adjournedForChecks]: 2 } },
        { courtCode: 'B01LY00', week: '2026-W51', counts: { [counterNames.curfewsImposed]: 4, [counterNames.curfewsImposedUnanswered]: 1, [counterNames.otherSentences]: 2 } },
      ],
      ['2026-W50', '2026-W51'],
    );
    expect(figures.adjournments).toEqual({ total: 3, causedByChecks: 2 });
    expect(figures.sentences).toEqual({ curfewsImposed: 4, curfewsImposedUnanswered: 1, other: 2 });
  });
});
