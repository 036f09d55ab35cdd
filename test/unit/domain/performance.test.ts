import { describe, expect, it } from 'vitest';
import {
  agencyTrend,
  answeredBeforeHearingShare,
  bucketOf,
  describeHours,
  emptyHistogram,
  figuresFrom,
  isIsoWeek,
  isPeriod,
  isoWeekAt,
  isoWeekOf,
  mondayOf,
  percentileHours,
  periodContaining,
  previousPeriod,
  shown,
  shownText,
  weeksOfPeriod,
} from '#domain/performance';
import { countersForEvent, operationalMetrics, withRegionTotals, type EventFacts } from '#domain/performance-events';

describe('ISO weeks and periods', () => {
  it.each([
    ['2026-12-03', '2026-W49'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
  });

  it('counts an instant in the London week: 23:30 UTC on a Sunday in summer is already Monday', () => {
    expect(isoWeekAt(new Date('2026-06-14T23:30:00Z'))).toBe('2026-W25');
    expect(isoWeekAt(new Date('2026-12-13T23:30:00Z'))).toBe('2026-W50');
  });

  it('knows the Monday of a week, and which weeks exist', () => {
    expect(mondayOf('2026-W49')).toBe('2026-11-30');
    expect(mondayOf('2025-W01')).toBe('2024-12-30');
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
  });

  it('makes a month or a quarter of the weeks whose Thursday falls in it, so no week is in two', () => {
    expect(weeksOfPeriod({ kind: 'month', value: '2026-12' })).toEqual(['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53']);
    expect(weeksOfPeriod({ kind: 'month', value: '2026-11' })).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    const quarter = weeksOfPeriod({ kind: 'quarter', value: '2026-Q4' });
    expect(quarter).toHaveLength(14);
    expect(quarter[0]).toBe('2026-W40');
    const year = ['Q1', 'Q2', 'Q3', 'Q4'].flatMap((q) => weeksOfPeriod({ kind: 'quarter', value: `2026-${q}` }));
    expect(new Set(year).size).toBe(53);
    expect(weeksOfPeriod({ kind: 'year', value: '2026' })).toEqual(year);
  });

  it('checks a period as asked for, and finds the one containing a day and the one before', () => {
    expect(isPeriod('month', '2026-13')).toBe(false);
    expect(isPeriod('quarter', '2026-Q5')).toBe(false);
    expect(isPeriod('week', '2026-W49')).toBe(true);
    expect(periodContaining('quarter', '2026-12-03')).toEqual({ kind: 'quarter', value: '2026-Q4' });
    expect(periodContaining('month', '2026-12-31')).toEqual({ kind: 'month', value: '2026-12' });
    expect(previousPeriod({ kind: 'quarter', value: '2026-Q1' })).toEqual({ kind: 'quarter', value: '2025-Q4' });
    expect(previousPeriod({ kind: 'week', value: '2026-W01' })).toEqual({ kind: 'week', value: '2025-W52' });
  });
});

describe('histograms and percentiles', () => {
  const hours = (h: number) => h * 3_600_000;

  it('puts a time in the first bucket whose bound it does not pass, and a very long one in the open bucket', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(hours(1))).toBe(0);
    expect(bucketOf(hours(1) + 1)).toBe(1);
    expect(bucketOf(hours(30))).toBe(6);
    expect(bucketOf(hours(24 * 30))).toBe(14);
  });

  it('reads the median and the 90th percentile from the buckets', () => {
    const histogram = emptyHistogram();
    // 10 answers: 5 within 4 hours, 4 within 2 days, 1 after 3 weeks.
    histogram[bucketOf(hours(3))] = 5;
    histogram[bucketOf(hours(40))] = 4;
    histogram[bucketOf(hours(24 * 30))] = 1;
    expect(percentileHours(histogram, 0.5)).toBe(4);
    expect(percentileHours(histogram, 0.9)).toBe(48);
    expect(percentileHours(histogram, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(percentileHours(emptyHistogram(), 0.5)).toBeUndefined();
    expect([4, 48, 1, Number.POSITIVE_INFINITY].map(describeHours)).toEqual(['4 hours', '2 days', '1 hour', 'more than 21 days']);
  });
});

describe('suppression of small cells', () => {
  it('shows 0 and 5 or more, and "fewer than 5" for 1 to 4', () => {
    expect([0, 1, 4, 5, 12].map((count) => shownText(shown(count)))).toEqual(['0', 'fewer than 5', 'fewer than 5', '5', '12']);
  });

  it('shows a share only of a group of 5 or more', () => {
    expect(answeredBeforeHearingShare({ hearings: 10, answeredBeforeHearing: 4, withdrawnBeforeHearing: 2 })).toEqual({ percent: 50 });
    expect(answeredBeforeHearingShare({ hearings: 5, answeredBeforeHearing: 4, withdrawnBeforeHearing: 2 })).toEqual({ suppressed: true });
    expect(answeredBeforeHearingShare({ hearings: 0, answeredBeforeHearing: 0, withdrawnBeforeHearing: 0 })).toEqual({ none: true });
  });
});

describe('figuresFrom', () => {
  it('adds up the weeks of the period across courts, and leaves out weeks outside it', () => {
    const figures = figuresFrom(
      [
        { courtCode: 'A', week: '2026-W49', counts: { started: 4, 'outcome.SUITABLE': 2, 'outcome.WITHDRAWN': 1, hearings: 3, 'hearings.answeredBefore': 2, 'overdue.DOMESTIC_ABUSE': 1, 'tta.PF.WILTSHIRE.5': 2, 'cs.condition.AGENCY_CONCERN': 1 } },
        { courtCode: 'B', week: '2026-W50', counts: { started: 3, 'outcome.UNSUITABLE': 1, hearings: 2, 'hearings.withdrawnBefore': 1, 'tta.PF.WILTSHIRE.7': 1, 'tta.DOMESTIC_ABUSE.7': 1 } },
        { courtCode: 'A', week: '2026-W48', counts: { started: 100 } },
      ],
      ['2026-W49', '2026-W50'],
    );
    expect(figures.started).toBe(7);
    expect(figures.outcomes).toEqual({ SUITABLE: 2, UNSUITABLE: 1, WITHDRAWN: 1, OPEN: 3 });
    expect(figures.byWeek).toEqual([
      { week: '2026-W49', hearings: 3, answeredBeforeHearing: 2, withdrawnBeforeHearing: 0, adjournmentsLikely: 1, overdue: 1 },
      { week: '2026-W50', hearings: 2, answeredBeforeHearing: 0, withdrawnBeforeHearing: 1, adjournmentsLikely: 1, overdue: 0 },
    ]);
    expect(figures.timeToAnswer.policeForce.WILTSHIRE?.[5]).toBe(2);
    expect(figures.timeToAnswer.policeForce.WILTSHIRE?.[7]).toBe(1);
    expect(figures.timeToAnswer.checkType.DOMESTIC_ABUSE[7]).toBe(1);
    expect(figures.countersigning.conditions.AGENCY_CONCERN).toBe(1);
    // W49 is the earlier half of the two weeks, W50 the later.
    expect(figures.timeToAnswerByHalf.policeForce.WILTSHIRE?.earlier[5]).toBe(2);
    expect(figures.timeToAnswerByHalf.policeForce.WILTSHIRE?.later[7]).toBe(1);
    expect(figures.timeToAnswerByHalf.policeForce.WILTSHIRE?.later[5]).toBe(0);
  });
});

describe('agencyTrend', () => {
  const histogram = (counts: Record<number, number>) => emptyHistogram().map((_, bucket) => counts[bucket] ?? 0);
  const hoursOf = (bucket: number) => percentileHours(histogram({ [bucket]: 1 }), 0.5) ?? 0;

  it('says an agency is slower when its median in the later half of the period is in a later bucket', () => {
    expect(agencyTrend({ earlier: histogram({ 3: 5 }), later: histogram({ 3: 1, 6: 5 }) })).toEqual({ change: 'SLOWER', earlierHours: hoursOf(3), laterHours: hoursOf(6) });
  });

  it('says faster, or about the same, the other way and when the medians share a bucket', () => {
    expect(agencyTrend({ earlier: histogram({ 6: 5 }), later: histogram({ 2: 6 }) })).toMatchObject({ change: 'FASTER' });
    expect(agencyTrend({ earlier: histogram({ 4: 5 }), later: histogram({ 4: 3, 5: 2 }) })).toMatchObject({ change: 'SAME' });
  });

  it('says nothing when either half has fewer than 5 answers (a one-week period has no earlier half)', () => {
    expect(agencyTrend({ earlier: histogram({ 3: 4 }), later: histogram({ 6: 9 }) })).toEqual({ change: 'TOO_FEW' });
    expect(agencyTrend({ earlier: emptyHistogram(), later: histogram({ 6: 9 }) })).toEqual({ change: 'TOO_FEW' });
  });
});

describe('countersForEvent', () => {
  const proposal: EventFacts['proposal'] = {
    courtCode: 'B01LY00',
    createdAt: '2026-11-30T10:00:00.000Z',
    hearingDate: '2026-12-08',
    policeForce: 'WILTSHIRE',
    localAuthority: 'SWINDON',
    decisions: [
      { at: '2026-12-02T10:00:00.000Z', outcome: 'SUITABLE', conditions: ['AGENCY_CONCERN'] },
      { at: '2026-12-03T10:00:00.000Z', outcome: 'SUITABLE', conditions: ['AGENCY_CONCERN', 'SENT_BACK_BEFORE'] },
    ],
    countersignatures: [
      { at: '2026-12-02T16:00:00.000Z', agree: false, decidedAt: '2026-12-02T10:00:00.000Z' },
      { at: '2026-12-04T10:00:00.000Z', agree: true, decidedAt: '2026-12-03T10:00:00.000Z' },
    ],
  };
  const event = (action: string, at: string, extra: Partial<EventFacts> = {}) => countersForEvent({ action, actor: 'someone', at, proposal, ...extra });

  it('counts a start in its week and the hearing in the hearing week', () => {
    expect(event('PROPOSAL_CREATED', proposal.createdAt)).toEqual([
      { courtCode: 'B01LY00', week: '2026-W49', counts: { started: 1 } },
      { courtCode: 'B01LY00', week: '2026-W50', counts: { hearings: 1 } },
    ]);
  });

  it('counts checks complete before the hearing day, and not on it', () => {
    expect(event('CHECKS_COMPLETE', '2026-12-07T23:59:00.000Z')).toEqual([{ courtCode: 'B01LY00', week: '2026-W50', counts: { 'hearings.answeredBefore': 1 } }]);
    expect(event('CHECKS_COMPLETE', '2026-12-08T00:01:00.000Z')).toEqual([]);
  });

  it('counts the outcome in the week the proposal started, whenever it happens', () => {
    expect(event('DECISION_UNSUITABLE', '2026-12-20T10:00:00.000Z')).toEqual([{ courtCode: 'B01LY00', week: '2026-W49', counts: { 'outcome.UNSUITABLE': 1 } }]);
    expect(event('PROPOSAL_WITHDRAWN', '2026-12-01T10:00:00.000Z')).toEqual([
      { courtCode: 'B01LY00', week: '2026-W49', counts: { 'outcome.WITHDRAWN': 1 } },
      { courtCode: 'B01LY00', week: '2026-W50', counts: { 'hearings.withdrawnBefore': 1 } },
    ]);
  });

  it('takes back "answered before the hearing" when a proposal answered in time is withdrawn before its hearing', () => {
    expect(countersForEvent({ action: 'PROPOSAL_WITHDRAWN', actor: 'someone', at: '2026-12-05T10:00:00.000Z', proposal: { ...proposal, checksCompletedAt: '2026-12-02T10:00:00.000Z' } })[1]).toEqual({
      courtCode: 'B01LY00',
      week: '2026-W50',
      counts: { 'hearings.withdrawnBefore': 1, 'hearings.answeredBefore': -1 },
    });
  });

  it('counts a suitable decision that needs a countersignature by its conditions, not as an outcome, and the SPO round that follows', () => {
    expect(event('DECISION_SUITABLE', '2026-12-03T10:00:00.000Z')).toEqual([
      { courtCode: 'B01LY00', week: '2026-W49', counts: { 'cs.needed': 1, 'cs.condition.AGENCY_CONCERN': 1, 'cs.condition.SENT_BACK_BEFORE': 1 } },
    ]);
    // Sent back after 6 hours (bucket of 8 hours), agreed after 24 hours (bucket of 24 hours).
    expect(event('COUNTERSIGNATURE_REFUSED', '2026-12-02T16:00:00.000Z')).toEqual([{ courtCode: 'B01LY00', week: '2026-W49', counts: { 'cs.disagreed': 1, 'cs.wait.3': 1 } }]);
    expect(event('COUNTERSIGNED', '2026-12-04T10:00:00.000Z')).toEqual([
      { courtCode: 'B01LY00', week: '2026-W49', counts: { 'cs.agreed': 1, 'cs.wait.5': 1 } },
      { courtCode: 'B01LY00', week: '2026-W49', counts: { 'outcome.SUITABLE': 1 } },
    ]);
  });

  it('counts an answer’s time by check type and agency, and how a resident answered', () => {
    const requestedAt = '2026-11-30T10:00:00.000Z';
    expect(event('CHECK_ANSWERED', '2026-11-30T13:00:00.000Z', { check: { type: 'DOMESTIC_ABUSE', requestedAt } })).toEqual([
      { courtCode: 'B01LY00', week: '2026-W49', counts: { 'tta.DOMESTIC_ABUSE.2': 1, 'tta.PF.WILTSHIRE.2': 1 } },
    ]);
    expect(event('CHECK_ANSWERED', '2026-12-01T10:00:00.000Z', { check: { type: 'CHILD_SAFEGUARDING', requestedAt } })[0]?.counts).toEqual({ 'tta.CHILD_SAFEGUARDING.5': 1, 'tta.LA.SWINDON.5': 1 });
    expect(event('CHECK_ANSWERED', '2026-11-30T11:00:00.000Z', { check: { type: 'RESIDENT_CONSENT', requestedAt, source: { via: 'LINK' }, residentDecision: 'CONSENT' } })[0]?.counts).toEqual({
      'tta.RESIDENT_CONSENT.0': 1,
      'residents.DIRECT': 1,
    });
    expect(event('CHECK_ANSWERED', '2026-11-30T11:00:00.000Z', { check: { type: 'RESIDENT_CONSENT', source: { via: 'OFFICER', spokenToAlone: false }, residentDecision: 'REFUSE' } })[0]?.counts).toEqual({
      'residents.REFUSED': 1,
      'residents.BY_OFFICER': 1,
      'residents.NOT_ALONE': 1,
    });
    expect(event('RESIDENT_ASKED_TO_SPEAK', '2026-11-30T11:00:00.000Z')[0]?.counts).toEqual({ 'residents.ASKED_TO_SPEAK': 1 });
  });

  it("adds the same counts to the court's region's totals, and metrics by region and check type only", () => {
    const increments = event('CHECK_ANSWERED', '2026-11-30T13:00:00.000Z', { check: { type: 'DOMESTIC_ABUSE', requestedAt: '2026-11-30T10:00:00.000Z' } });
    const withRegion = withRegionTotals(increments, (court) => (court === 'B01LY00' ? 'SOUTH_WEST' : undefined));
    expect(withRegion.map((increment) => increment.courtCode)).toEqual(['B01LY00', 'REGION#SOUTH_WEST']);
    expect(withRegion[1]?.counts).toEqual(withRegion[0]?.counts);
    expect(withRegionTotals(increments, () => undefined)).toEqual(increments);
    expect(operationalMetrics([...increments, ...event('PROPOSAL_CREATED', proposal.createdAt)], () => 'SOUTH_WEST')).toEqual([
      { name: 'ChecksAnswered', region: 'SOUTH_WEST', checkType: 'DOMESTIC_ABUSE', value: 1 },
      { name: 'ProposalsStarted', region: 'SOUTH_WEST', value: 1 },
    ]);
  });

  it('counts nothing for a view or a reminder', () => {
    expect(event('PROPOSAL_VIEWED', '2026-12-01T10:00:00.000Z')).toEqual([]);
    expect(event('REMINDER_SENT', '2026-12-01T10:00:00.000Z')).toEqual([]);
  });
});
