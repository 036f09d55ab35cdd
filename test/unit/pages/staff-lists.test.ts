import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '#domain/calendar-date';
import { NotFoundError } from '#runtime/errors';
import { courtListQuery } from '#pages/staff/court-list-query';
import { completenessView, courtListView } from '#pages/staff/court-views';
import { myProposalsView, queueView, sentBackBefore } from '#pages/staff/proposal-lists';
import { answeredChecks, check, now, proposal, restrictedSummary } from './staff-fixtures.ts';

describe("the officer's and senior probation officer's lists", () => {
  it('show open proposals with what they wait for, overdue marked', () => {
    const listed = [
      { proposal: proposal(), checks: [check('DOMESTIC_ABUSE', { status: 'OVERDUE' }), check('CHILD_SAFEGUARDING', { status: 'RESPONDED' }), check('RESIDENT_CONSENT', { residentId: 'r1' })] },
      { proposal: proposal({ proposalId: 'p2', status: 'WITHDRAWN' }), checks: [] },
    ];
    const rows = myProposalsView(listed, now, { show: 'open', search: '' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ waitingFor: 'Waiting for: police, resident Alex Resident', overdue: true, overdueNames: 'police' });
    const queue = queueView([...listed, { proposal: proposal({ proposalId: 'p3', status: 'AWAITING_COUNTERSIGN' }), checks: answeredChecks() }], now);
    expect(queue.countersign.map((row) => row.proposalId)).toEqual(['p3']);
    expect(queue.overdue).toEqual([expect.objectContaining({ proposalId: 'p1', check: 'Police domestic abuse enquiry' })]);
  });

  it("say why a decision sent back before waits again, even when no concern is left", () => {
    const noConcern = answeredChecks().map((item) => (item.type === 'DOMESTIC_ABUSE' ? { ...item, answer: { outcome: 'NO_INFORMATION' as const, restricted: false, responder: { name: 'PC Lee', role: 'DA officer', organisation: 'Wiltshire Police' } } } : item));
    const staffAction = { by: 'court.officer', at: '2026-03-02T09:00:00Z' };
    const returned = { decision: { ...staffAction, outcome: 'SUITABLE' as const, rationale: 'Agreed by phone' }, countersignature: { ...staffAction, by: 'spo', agree: false as const, comment: 'Speak to her alone' } };
    const firstRound = queueView([{ proposal: proposal({ status: 'AWAITING_COUNTERSIGN' }), checks: noConcern }], now);
    const secondRound = queueView([{ proposal: proposal({ status: 'AWAITING_COUNTERSIGN', returns: [returned] }), checks: noConcern }], now);
    expect(firstRound.countersign[0]?.reasons).toEqual([]);
    expect(secondRound.countersign[0]?.reasons).toEqual([sentBackBefore]);
  });
});

describe('the court views', () => {
  it('show completeness and provenance by category, never free text or reasons', () => {
    const rows = courtListView([{ proposal: proposal({ status: 'SUITABLE' }), checks: answeredChecks() }], now);
    expect(rows[0]).toMatchObject({ checksComplete: true, suitability: { text: 'Suitable' } });
    const refused = answeredChecks().map((item) => (item.type === 'RESIDENT_CONSENT' ? { ...item, answer: { decision: 'REFUSE' as const } } : item));
    const view = completenessView(proposal({ status: 'UNSUITABLE' }), refused, now);
    expect(JSON.stringify(view)).not.toContain(restrictedSummary);
    expect(JSON.stringify(view)).not.toContain('Alex Resident');
    expect(view.checks.map((row) => row.outcome)).toEqual(['Information held', "Not known to children's services", 'Consent not given for this address']);
    expect(view.checks[0]?.askedWho).toBe('Wiltshire Police');
    expect(courtListView([{ proposal: proposal({ status: 'WITHDRAWN' }), checks: [] }], now)[0]?.suitability.text).toBe('Withdrawn');
  });

  it('choose the court and date from the query, hiding other courts', () => {
    expect(courtListQuery({}, ['B01LY00'], '2026-03-02', isCalendarDate)).toMatchObject({ court: 'B01LY00', date: '2026-03-02' });
    expect(courtListQuery({ date: '2026-02-30' }, ['B01LY00'], '2026-03-02', isCalendarDate).errors.summary).toEqual([{ text: 'Hearing date must be a real date', href: '#date-day' }]);
    expect(() => courtListQuery({ court: 'C01CF00' }, ['B01LY00'], '2026-03-02', isCalendarDate)).toThrow(NotFoundError);
  });
});
