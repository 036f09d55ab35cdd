import { describe, expect, it } from 'vitest';
import { contactFromForm, resendFromForm } from '#pages/staff/action-forms';
import { proposalPageView } from '#pages/staff/proposal-sections';
import { answeredChecks, check, now, stored } from './staff-fixtures.ts';

const officer = { viewer: { id: 'court.officer', role: 'COURT_OFFICER' as const }, now, staffName: (id: string) => id };
const linked = { linkTokenHash: 'hash' };

describe('the proposal page: sending links again', () => {
  it('offers "Send the link again" on each check waiting for its link, explaining what it does', () => {
    const view = proposalPageView(
      stored({}, [check('DOMESTIC_ABUSE', { ...linked, resendCount: 2, linkSentAt: '2026-03-02T09:00:00Z' }), check('CHILD_SAFEGUARDING', { ...linked, status: 'OVERDUE' }), check('RESIDENT_CONSENT', { ...linked, residentId: 'r1' })]),
      officer,
    );
    expect(view.checks.map((row) => row.resend?.resendCount)).toEqual([2, 0, 0]);
    expect(view.checks[0]?.resend).toMatchObject({ sentBefore: 'Sent again 2 times', lastSentAt: '2026-03-02T09:00:00Z' });
    expect(view.checks[0]?.resend?.explanation).toBe(
      'If the police cannot find the message, or the link has stopped working, send it again. A new link goes to domestic-abuse-enquiries@wiltshire.police.example (from the directory), and the link sent before stops working. Nothing else changes: the answer is still waited for as before.',
    );
    expect(view.checks[2]?.resend?.explanation).toContain('If Alex Resident cannot find the message');
    expect(view.checks[2]?.resend?.explanation).toContain('A new link goes to alex@example.org, and');
    expect(view.actions.contactsToChange).toEqual([expect.objectContaining({ residentId: 'r1', name: 'Alex Resident', email: 'alex@example.org', mobile: '' })]);
  });

  it('offers neither for answered checks, a resident who asked to speak to someone, a request not yet sent, or a senior probation officer', () => {
    expect(proposalPageView(stored({ status: 'AWAITING_DECISION' }, answeredChecks()), officer).checks.every((row) => row.resend === undefined)).toBe(true);
    const view = proposalPageView(stored({}, [check('DOMESTIC_ABUSE'), check('CHILD_SAFEGUARDING', linked), check('RESIDENT_CONSENT', { ...linked, residentId: 'r1', status: 'NEEDS_CONTACT' })]), officer);
    expect(view.checks.map((row) => row.resend !== undefined)).toEqual([false, true, false]);
    expect(view.actions.contactsToChange).toEqual([]);
    const spo = proposalPageView(stored({}, [check('DOMESTIC_ABUSE', linked)]), { ...officer, viewer: { id: 'spo', role: 'SENIOR_PROBATION_OFFICER' } });
    expect(spo.checks[0]?.resend).toBeUndefined();
  });

  it('shows again what was typed in the contact form after an error', () => {
    const view = proposalPageView(stored({}, [check('RESIDENT_CONSENT', { ...linked, residentId: 'r1' })]), { ...officer, values: { 'contact-r1-email': '', 'contact-r1-mobile': '01632' } });
    expect(view.actions.contactsToChange[0]).toMatchObject({ email: '', mobile: '01632' });
  });
});

describe('the resend and contact forms', () => {
  it('send the resend count as a number, and anything else for the schema to refuse', () => {
    expect(resendFromForm({ _csrf: 't', resendCount: '3' })).toEqual({ resendCount: 3 });
    expect(resendFromForm({ _csrf: 't' })).toEqual({ resendCount: '' });
  });

  it('leave blank contact fields out', () => {
    expect(contactFromForm({ _csrf: 't', email: ' new@example.org ', mobile: '' })).toEqual({ email: 'new@example.org' });
  });
});
