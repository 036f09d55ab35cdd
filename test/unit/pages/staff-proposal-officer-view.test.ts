import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '#domain/audit-chain';
import { proposalPageView, proposalVersion } from '#pages/staff/proposal-sections';
import { formErrors } from '#pages/staff/form-errors';
import type { ProposalItem } from '#store/items';
import type { StoredProposal } from '#store/proposal-store';
import { answeredChecks, check, now, proposal, stored } from './staff-fixtures.ts';

const officer = { viewer: { id: 'court.officer', role: 'COURT_OFFICER' as const }, now, staffName: (id: string) => id };

function audited(base: StoredProposal, ...actions: string[]): StoredProposal {
  const records = actions.map((action, index): AuditRecord => ({ seq: index + 1, proposalId: 'p1', action, actor: 'court.officer', at: '2026-03-02T09:00:00Z', checkId: 'RESIDENT_CONSENT-r1', prevHash: '', hash: '' }));
  return { ...base, audit: [...base.audit, ...records] };
}

describe('what the officer needs on the proposal page', () => {
  it('shows the curfew dates and each period in words', () => {
    const periods: ProposalItem['curfew']['periods'] = [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], from: '19:00', to: '07:00' }, { days: ['SAT', 'SUN'], from: '14:00', to: '00:00' }];
    const view = proposalPageView(stored({ curfew: { ...proposal().curfew, periods } }), officer);
    expect(view.curfew).toEqual({ startDate: '2026-03-17', endDate: '2026-06-14', periods: ['Monday to Friday, 7pm to 7am the next day', 'Saturday and Sunday, 2pm to midnight'] });
  });

  it('says on each answered check whether it raised a concern, and which', () => {
    const checks = answeredChecks();
    const view = proposalPageView(stored({ status: 'AWAITING_DECISION', concerns: true }, checks), officer);
    expect(view.checks.map((row) => row.concern)).toEqual([{ reasons: ['The police hold information. A senior probation officer must countersign a suitable decision.'] }, { reasons: [] }, { reasons: [] }]);

    const notAlone = check('RESIDENT_CONSENT', { residentId: 'r1', status: 'RESPONDED', source: { via: 'OFFICER', recordedBy: 'court.officer', method: 'PHONE', spokenToAlone: false }, answer: { decision: 'CONSENT', understood: true } });
    const refused = check('RESIDENT_CONSENT', { residentId: 'r1', status: 'RESPONDED', source: { via: 'LINK' }, answer: { decision: 'REFUSE' } });
    const rows = (one: ReturnType<typeof check>) => proposalPageView(stored({}, [check('DOMESTIC_ABUSE'), one]), officer).checks.map((row) => row.concern);
    expect(rows(notAlone)).toEqual([undefined, { reasons: ['Alex Resident was not spoken to alone when their consent was recorded. A senior probation officer must countersign a suitable decision.'] }]);
    // A refusal is not "no concern": it makes the proposal unsuitable, which the page says instead.
    expect(rows(refused)).toEqual([undefined, undefined]);
  });

  it("gives each resident's language and how their link reaches them, as stored", () => {
    const residents = [
      { residentId: 'r1', fullName: 'Alex Resident', relationship: 'PARTNER' as const, email: 'alex@example.org', mobile: '07700900123', language: 'en' as const },
      { residentId: 'r2', fullName: 'Bryn Resident', relationship: 'PARENT' as const, mobile: '07700900456', language: 'cy' as const },
    ];
    const view = proposalPageView(stored({ residents }, [check('DOMESTIC_ABUSE'), check('RESIDENT_CONSENT', { residentId: 'r1' }), check('RESIDENT_CONSENT', { residentId: 'r2' })]), officer);
    expect(view.checks.map((row) => [row.language, row.channel])).toEqual([
      [undefined, undefined],
      ['English', 'Email'],
      ['Welsh (Cymraeg)', 'Text message'],
    ]);
    // Without an address nothing can be sent: the officer records the answer.
    const unreachable = proposalPageView(stored({ residents: [{ residentId: 'r1', fullName: 'Alex Resident', relationship: 'PARTNER', language: 'en' }] }, [check('RESIDENT_CONSENT', { residentId: 'r1' })]), officer);
    expect(unreachable.checks[0]?.channel).toBe('No message: the officer records their answer');
  });
});

describe('keeping the proposal page up to date', () => {
  it('fingerprints what the page shows: the same items the same, an answer or a later attempt different, a view of the page not', () => {
    const waiting = stored();
    const version = proposalVersion(waiting);
    expect(version).toMatch(/^[\w-]{22}$/);
    expect(proposalVersion(stored())).toBe(version);
    expect(proposalVersion(audited(waiting, 'PROPOSAL_VIEWED', 'RESTRICTED_ANSWERS_VIEWED'))).toBe(version);
    expect(proposalVersion(audited(waiting, 'LATER_ANSWER_ATTEMPTED'))).not.toBe(version);
    const answered = stored({}, [check('DOMESTIC_ABUSE', { status: 'RESPONDED', respondedAt: '2026-03-02T09:30:00Z' }), check('CHILD_SAFEGUARDING'), check('RESIDENT_CONSENT', { residentId: 'r1' })]);
    expect(proposalVersion(answered)).not.toBe(version);
    expect(proposalVersion(stored({ status: 'AWAITING_DECISION' }))).not.toBe(version);
    // Nothing anyone wrote, and no name, can be read from it.
    expect(version).not.toContain('Alex');
  });

  it('tells the page where to ask and what it was drawn from, while there is something to wait for', () => {
    const waiting = stored();
    expect(proposalPageView(waiting, officer).live).toEqual({ changesUrl: '/proposals/p1/changes', refreshUrl: '/proposals/p1', version: proposalVersion(waiting), keep: false });
    expect(proposalPageView(stored({ status: 'SUITABLE' }, answeredChecks()), officer).live).toBeUndefined();
    expect(proposalPageView(stored({ status: 'WITHDRAWN' }), officer).live).toBeUndefined();
  });

  it('keeps a page a plain GET would not give back (restricted answers shown, a form sent back with errors): the script only offers a refresh', () => {
    expect(proposalPageView(stored(), { ...officer, restrictedReason: 'Writing the report' }).live?.keep).toBe(true);
    const errors = formErrors([{ path: 'reason', message: 'Enter the reason for withdrawing' }], () => ({ slot: 'withdraw-reason', anchor: 'withdraw-reason' }));
    expect(proposalPageView(stored(), { ...officer, errors, values: { 'withdraw-reason': '' } }).live?.keep).toBe(true);
  });
});
