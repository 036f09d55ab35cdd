import { afterAll, describe, expect, it } from 'vitest';
import { computeDueAt } from '#domain/deadlines';
import { reminderPoints } from '#domain/reminders';
import { setClockOffsetForTesting } from '#runtime/clock';
import { apiClient, eventually, type OutboxMessage } from '../support/api-client.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { consent, noInformation, notKnown, proposalBody, speakToOfficer } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes, viewOf, type ProposalViewBody } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * The officer sends a link again, or changes a resident's contact details and sends a new link
 * there: the old link stops working, the new one answers, the workflow keeps waiting and carries
 * on with the answer, and nothing is sent for a check that no longer waits.
 */
const { stack, api } = useLocalStack();

afterAll(() => {
  setClockOffsetForTesting(0);
});

type View = ProposalViewBody & { residents: { residentId: string; email?: string; mobile?: string }[]; checks: (ProposalViewBody['checks'][number] & { resendCount: number })[] };
type AuditTrail = { records: { action: string; actor: string; checkId?: string }[] };

const resends = async (proposalId: string): Promise<OutboxMessage[]> => (await api.outbox()).filter((message) => message.proposalId === proposalId && message.id.startsWith('RESEND#'));
const auditOf = async (proposalId: string) => (await api.get<AuditTrail>(`/api/proposals/${proposalId}/audit`, 'court.officer')).body.records;
const checkOf = (view: ProposalViewBody, type: string) => {
  const check = view.checks.find((candidate) => candidate.type === type);
  if (check === undefined) throw new Error(`no ${type} check`);
  return check;
};

describe('sending a link again', () => {
  it('replaces the link: the old one is refused, the new one answers, and the workflow carries on', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const police = checkOf(await viewOf(api, proposalId), 'DOMESTIC_ABUSE');

    const resent = await api.post<View>(`/api/proposals/${proposalId}/checks/${police.checkId}/resend`, {}, 'court.officer');
    expect(resent.status).toBe(200);
    expect(resent.body.checks.find((check) => check.checkId === police.checkId)).toMatchObject({ status: 'REQUESTED', resendCount: 1 });

    const [message, ...others] = await resends(proposalId);
    expect(others).toEqual([]);
    expect(message).toMatchObject({ id: `RESEND#${police.checkId}#1`, kind: 'REQUEST', checkType: 'DOMESTIC_ABUSE', to: requests.police.to });
    expect(message?.url).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
    expect(message?.url).not.toBe(requests.police.url);

    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(410);
    expect((await api.answer(message?.url ?? '', noInformation)).status).toBe(200);

    const records = await auditOf(proposalId);
    expect(records.filter((record) => record.action === 'LINK_RESENT')).toEqual([expect.objectContaining({ actor: 'court.officer', checkId: police.checkId })]);

    // The workflow kept waiting on the same task: the answer through the new link completes it.
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
  });

  it('refuses a check that has been answered (409) and sends nothing', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', noInformation);
    const police = checkOf(await viewOf(api, proposalId), 'DOMESTIC_ABUSE');

    const refused = await api.post<{ error: string }>(`/api/proposals/${proposalId}/checks/${police.checkId}/resend`, {}, 'court.officer');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('NOT_WAITING');
    expect(await resends(proposalId)).toEqual([]);
    expect((await auditOf(proposalId)).map((record) => record.action)).not.toContain('LINK_RESENT');
  });

  it('refuses a resend count that is out of date, so a second click sends no second link', async () => {
    const proposalId = await startChecks(api, proposalBody());
    await requestsFor(api, proposalId, 3);
    const cs = checkOf(await viewOf(api, proposalId), 'CHILD_SAFEGUARDING');
    expect((await api.post(`/api/proposals/${proposalId}/checks/${cs.checkId}/resend`, { resendCount: 0 }, 'court.officer')).status).toBe(200);
    const again = await api.post<{ error: string }>(`/api/proposals/${proposalId}/checks/${cs.checkId}/resend`, { resendCount: 0 }, 'court.officer');
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('ALREADY_RESENT');
    expect((await resends(proposalId)).map((message) => message.id)).toEqual([`RESEND#${cs.checkId}#1`]);
    // Two at once with the count they both saw: one link is sent.
    const both = await Promise.all([1, 1].map((count) => api.post(`/api/proposals/${proposalId}/checks/${cs.checkId}/resend`, { resendCount: count }, 'court.officer')));
    expect(both.map((response) => response.status).sort()).toEqual([200, 409]);
    expect((await resends(proposalId)).map((message) => message.id).sort()).toEqual([`RESEND#${cs.checkId}#1`, `RESEND#${cs.checkId}#2`]);
  });

  it('does not send a new link to a resident who asked to speak to someone', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.residents[0]?.url ?? '', speakToOfficer);
    const view = await viewOf(api, proposalId);
    const resident = checkOf(view, 'RESIDENT_CONSENT');
    expect(resident.status).toBe('NEEDS_CONTACT');
    expect((await api.post(`/api/proposals/${proposalId}/checks/${resident.checkId}/resend`, {}, 'court.officer')).status).toBe(409);
    expect((await api.post(`/api/proposals/${proposalId}/residents/${resident.residentId ?? ''}/contact`, { email: 'new@example.org' }, 'court.officer')).status).toBe(409);
    expect(await resends(proposalId)).toEqual([]);
  });
});

describe("changing a resident's contact details", () => {
  it('sends a new link to the new address, and the audit trail says so without the address', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const view = await viewOf(api, proposalId);
    const residentId = view.residents[0]?.residentId ?? '';
    const check = checkOf(view, 'RESIDENT_CONSENT');

    const changed = await api.post<View>(`/api/proposals/${proposalId}/residents/${residentId}/contact`, { email: 'alex.new@example.org', mobile: '07700 900123' }, 'court.officer');
    expect(changed.status).toBe(200);
    expect(changed.body.residents[0]).toMatchObject({ residentId, email: 'alex.new@example.org', mobile: '07700900123' });

    const [message, ...others] = await resends(proposalId);
    expect(others).toEqual([]);
    expect(message).toMatchObject({ id: `RESEND#${check.checkId}#1`, kind: 'REQUEST', checkType: 'RESIDENT_CONSENT', residentId, to: 'alex.new@example.org' });

    const records = await auditOf(proposalId);
    expect(records.filter((record) => ['RECIPIENT_CHANGED', 'LINK_RESENT'].includes(record.action)).map((record) => [record.action, record.actor, record.checkId])).toEqual([
      ['RECIPIENT_CHANGED', 'court.officer', check.checkId],
      ['LINK_RESENT', 'court.officer', check.checkId],
    ]);
    // The whole number, not a prefix: a record's hex hash can contain "07700" by chance.
    expect(JSON.stringify(records)).not.toMatch(/alex\.new|07700 ?900123|447700900123|alex@example/);
    const verified = await api.get<{ verification: { valid: boolean } }>(`/api/proposals/${proposalId}/audit`, 'court.officer');
    expect(verified.body.verification.valid).toBe(true);

    expect((await api.answer(requests.residents[0]?.url ?? '', consent)).status).toBe(410);
    expect((await api.answer(message?.url ?? '', consent)).status).toBe(200);

    // A field left out is removed: only a mobile now.
    const second = await startChecks(api, proposalBody());
    await requestsFor(api, second, 3);
    const secondResident = (await viewOf(api, second)).residents[0]?.residentId ?? '';
    const mobileOnly = await api.post<View>(`/api/proposals/${second}/residents/${secondResident}/contact`, { mobile: '+447700900124' }, 'court.officer');
    expect(mobileOnly.body.residents[0]).not.toHaveProperty('email');
    expect((await resends(second))[0]?.to).toBe('+447700900124');
  });

  it('refuses a bad mobile number with 400 and changes nothing', async () => {
    const proposalId = await startChecks(api, proposalBody());
    await requestsFor(api, proposalId, 3);
    const before = await viewOf(api, proposalId);
    const residentId = before.residents[0]?.residentId ?? '';

    const refused = await api.post<{ error: string; fields: { path: string; message: string }[] }>(`/api/proposals/${proposalId}/residents/${residentId}/contact`, { mobile: '01632 960000' }, 'court.officer');
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual([{ path: 'mobile', message: 'Enter a UK mobile number, like 07700 900123' }]);
    expect((await api.post(`/api/proposals/${proposalId}/residents/${residentId}/contact`, {}, 'court.officer')).status).toBe(400);
    expect((await api.post(`/api/proposals/${proposalId}/residents/${residentId}/contact`, { email: 'not an address' }, 'court.officer')).status).toBe(400);

    const after = await viewOf(api, proposalId);
    expect(after.residents).toEqual(before.residents);
    expect(await resends(proposalId)).toEqual([]);
    expect((await auditOf(proposalId)).map((record) => record.action)).not.toContain('RECIPIENT_CHANGED');
  });

  it("answers another court's officer with 404, as for a proposal that does not exist, and changes nothing", async () => {
    const proposalId = await startChecks(api, proposalBody());
    await requestsFor(api, proposalId, 3);
    const view = await viewOf(api, proposalId);
    const residentId = view.residents[0]?.residentId ?? '';
    const police = checkOf(view, 'DOMESTIC_ABUSE');
    expect((await api.post(`/api/proposals/${proposalId}/checks/${police.checkId}/resend`, {}, 'other.officer')).status).toBe(404);
    expect((await api.post(`/api/proposals/${proposalId}/residents/${residentId}/contact`, { email: 'x@example.org' }, 'other.officer')).status).toBe(404);
    expect((await api.post(`/api/proposals/${proposalId}/checks/not-a-check/resend`, {}, 'court.officer')).status).toBe(404);
    expect(await resends(proposalId)).toEqual([]);
    expect((await viewOf(api, proposalId)).residents).toEqual(view.residents);
  });
});

describe('a reminder after the link was sent again', () => {
  it('goes to the new address with a link of its own, which works, and the link sent again stops', async () => {
    // It is a few seconds before the due-day reminder point (as in reminders.test.ts).
    const hearingDate = addDays(todayInLondon(), 12);
    const dueAt = computeDueAt(hearingDate, 'SHORT_FORMAT');
    const point = reminderPoints(dueAt).find((candidate) => candidate.key === 'DUE_DAY');
    if (point === undefined) throw new Error('no due-day reminder');
    const lead = 8_000;
    setClockOffsetForTesting(point.at.getTime() - lead - Date.now());
    try {
      const shifted = apiClient(stack.url, { auth: 'session' });
      // A police force with no other enquiry outstanding in this stack: with several, the force's
      // morning digest replaces its reminders (domain/agency-digest.ts), and this is about a reminder.
      const body = { ...proposalBody({ hearingDate, today: todayInLondon(new Date(point.at.getTime() - lead)) }), policeForce: 'DORSET' };
      const proposalId = await startChecks(shifted, body);
      const requests = await requestsFor(shifted, proposalId, 3);
      const view = await viewOf(shifted, proposalId);
      const residentId = view.residents[0]?.residentId ?? '';
      await shifted.post(`/api/proposals/${proposalId}/residents/${residentId}/contact`, { email: 'alex.moved@example.org' }, 'court.officer');
      await shifted.post(`/api/proposals/${proposalId}/checks/${checkOf(view, 'DOMESTIC_ABUSE').checkId}/resend`, {}, 'court.officer');
      await shifted.answer(requests.childrensServices.url ?? '', notKnown);
      const sent = (await shifted.outbox()).filter((message) => message.proposalId === proposalId && message.id.startsWith('RESEND#'));

      const reminders = await eventually(async () => {
        const found = (await shifted.outbox()).filter((message) => message.proposalId === proposalId && message.kind === 'REMINDER');
        return found.length >= 2 ? found : undefined;
      }, 'two reminders', 25_000);
      const byType = (type: string) => reminders.find((message) => message.checkType === type);
      const resentTo = (type: string) => sent.find((message) => message.checkType === type);
      expect(byType('RESIDENT_CONSENT')?.to).toBe('alex.moved@example.org');
      // Each reminder issues a new link (ADR 0013): only the newest works.
      expect(byType('DOMESTIC_ABUSE')?.url).not.toBe(resentTo('DOMESTIC_ABUSE')?.url);
      expect((await shifted.answer(resentTo('DOMESTIC_ABUSE')?.url ?? '', noInformation)).status).toBe(410);
      expect((await shifted.answer(byType('DOMESTIC_ABUSE')?.url ?? '', noInformation)).status).toBe(200);
      expect((await shifted.answer(resentTo('RESIDENT_CONSENT')?.url ?? '', consent)).status).toBe(410);
      expect((await shifted.answer(byType('RESIDENT_CONSENT')?.url ?? '', consent)).status).toBe(200);
    } finally {
      setClockOffsetForTesting(0);
    }
  });
});
