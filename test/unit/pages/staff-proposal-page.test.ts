import { describe, expect, it } from 'vitest';
import { consentFromForm, countersignFromForm, decisionFromForm, withdrawalFromForm } from '#pages/staff/action-forms';
import { parseRestrictedReason, proposalPageView } from '#pages/staff/proposal-sections';
import { checkSummaryView, countersignView } from '#pages/staff/report-views';
import { answeredChecks, check, now, proposal, restrictedSummary, stored } from './staff-fixtures.ts';

const officer = { viewer: { id: 'court.officer', role: 'COURT_OFFICER' as const }, now, staffName: (id: string) => (id === 'court.officer' ? 'Casey Officer' : id) };

describe('the proposal page', () => {
  it('explains why suitable cannot be chosen while checks are outstanding, and offers only unsuitable', () => {
    const view = proposalPageView(stored(), officer);
    expect(view.actions.suitableAllowed).toBe(false);
    expect(view.actions.suitableExplanation).toBe("Suitable cannot be chosen until every check is answered: waiting for police, children's services and resident Alex Resident.");
    expect(view.actions.outcomeItems.map((item) => item.value)).toEqual(['UNSUITABLE']);
    expect(view.waitingFor).toBe("Waiting for: police, children's services, resident Alex Resident");
    expect(view.checks.map((row) => row.status)).toEqual(['REQUESTED', 'REQUESTED', 'REQUESTED']);
  });

  it('names the court, with the code court staff also use', () => {
    const view = proposalPageView(stored(), officer);
    expect(view.details.find((row) => row.key === 'Court')?.value).toBe("Swindon Magistrates' Court (B01LY00)");
  });

  it('offers suitable when the proposal awaits a decision, noting the countersignature a concern needs', () => {
    const view = proposalPageView(stored({ status: 'AWAITING_DECISION', concerns: true }, answeredChecks()), officer);
    expect(view.actions.suitableAllowed).toBe(true);
    expect(view.actions.needsCountersign).toBe(true);
    expect(view.actions.outcomeItems.map((item) => item.value)).toEqual(['SUITABLE', 'UNSUITABLE']);
  });

  it('tells the officer in words that their suitable decision waits for countersigning, and offers to change it to unsuitable', () => {
    const view = proposalPageView(stored({ status: 'AWAITING_COUNTERSIGN', concerns: true, decision: { outcome: 'SUITABLE', rationale: 'ok', by: 'court.officer', at: '2026-03-02T09:00:00Z' } }, answeredChecks()), officer);
    expect(view.actions).toMatchObject({ decide: true, changingDecision: true, suitableAllowed: false });
    expect(view.actions.suitableExplanation).toBe('Your suitable decision is waiting for a senior probation officer to countersign it. Until then, you can change it to unsuitable if something has changed.');
    expect(view.actions.outcomeItems.map((item) => item.value)).toEqual(['UNSUITABLE']);
    expect(proposalPageView(stored({ status: 'AWAITING_DECISION' }, answeredChecks()), officer).actions.changingDecision).toBe(false);
  });

  it('withholds restricted text unless a reason was given', () => {
    const withheld = proposalPageView(stored({ status: 'AWAITING_DECISION' }, answeredChecks()), officer);
    expect(JSON.stringify(withheld)).not.toContain(restrictedSummary);
    expect(withheld.checks[0]).toMatchObject({ restricted: true, summaryWithheld: true });
    const shown = proposalPageView(stored({ status: 'AWAITING_DECISION' }, answeredChecks()), { ...officer, restrictedReason: 'Writing the report' });
    expect(shown.checks[0]?.summary).toBe(restrictedSummary);
  });

  it('marks overdue checks and puts a resident who asked to speak to someone first', () => {
    const view = proposalPageView(stored({}, [check('DOMESTIC_ABUSE', { dueAt: '2026-03-01T17:00:00Z' }), check('CHILD_SAFEGUARDING', { status: 'OVERDUE' }), check('RESIDENT_CONSENT', { residentId: 'r1', status: 'NEEDS_CONTACT' })]), officer);
    expect(view.checks.map((row) => row.tag.text)).toEqual(['Overdue', 'Overdue', 'Asked to speak to someone']);
    expect(view.actions.residentsToRecord).toEqual([expect.objectContaining({ residentId: 'r1', needsContact: true })]);
  });

  it('warns the officer when the checks cannot realistically be answered before the hearing', () => {
    const lateStart = stored({ createdAt: '2026-03-02T09:00:00Z' }, [check('DOMESTIC_ABUSE', { dueAt: '2026-03-02T17:00:00Z' }), check('CHILD_SAFEGUARDING', { dueAt: '2026-03-02T17:00:00Z' })]);
    expect(proposalPageView(lateStart, officer).adjournmentLikely).toBe(true);
    expect(proposalPageView(stored(), officer).adjournmentLikely).toBe(false);
  });

  it('gives a senior probation officer no officer actions', () => {
    const view = proposalPageView(stored({ status: 'AWAITING_COUNTERSIGN', decision: { outcome: 'SUITABLE', rationale: 'ok', by: 'court.officer', at: '2026-03-02T09:00:00Z' } }, answeredChecks()), { ...officer, viewer: { id: 'spo', role: 'SENIOR_PROBATION_OFFICER' } });
    expect(view.actions).toMatchObject({ decide: false, withdraw: false, residentsToRecord: [], countersign: true });
    expect(view.decision?.byName).toBe('Casey Officer');
  });

  it('takes a reason of a few words', () => {
    expect(parseRestrictedReason(undefined)).toEqual({});
    expect(parseRestrictedReason(' why ')).toEqual({ error: 'Say in a few words why you need to see restricted information' });
    expect(parseRestrictedReason('Writing the report')).toEqual({ reason: 'Writing the report' });
  });
});

describe('the check summary and countersigning views', () => {
  it('never carry anything anyone wrote', () => {
    const { proposal: item, checks } = stored({ status: 'AWAITING_DECISION' }, answeredChecks());
    const summary = checkSummaryView(item, checks, now, (id) => id);
    expect(JSON.stringify(summary)).not.toContain(restrictedSummary);
    expect(summary.checks.map((row) => row.outcome)).toEqual(['Information held', "Not known to children's services", 'Consent given']);
    expect(summary.checks[2]?.how).toBe('Recorded by court.officer by phone; spoken to alone');
    const countersign = countersignView(proposal({ status: 'AWAITING_COUNTERSIGN', decision: { outcome: 'SUITABLE', rationale: 'ok', by: 'court.officer', at: '2026-03-02T09:00:00Z' } }), checks, { viewerId: 'spo', staffName: (id) => id });
    expect(JSON.stringify(countersign)).not.toContain(restrictedSummary);
    expect(countersign.concerns).toEqual([expect.objectContaining({ outcome: 'Information held', restricted: true })]);
    expect(countersign.canCountersign).toBe(true);
    expect(countersignView(item, checks, { viewerId: 'spo', staffName: (id) => id }).notWaiting).toBe('This proposal is not waiting for a countersignature.');
  });
});

describe('the action forms', () => {
  it('send only the schema fields, leaving unanswered choices out', () => {
    expect(decisionFromForm({ _csrf: 't', outcome: '', rationale: 'why' })).toEqual({ rationale: 'why' });
    expect(withdrawalFromForm({ _csrf: 't', reason: 'moved' })).toEqual({ reason: 'moved' });
    expect(consentFromForm({ _csrf: 't', decision: 'CONSENT', method: 'PHONE', spokenToAlone: 'no' })).toEqual({ decision: 'CONSENT', method: 'PHONE', spokenToAlone: false });
    expect(countersignFromForm({ _csrf: 't', agree: 'yes', comment: '' })).toEqual({ agree: true, comment: '' });
  });
});
