import { afterAll, describe, expect, it } from 'vitest';
import { computeDueAt } from '#domain/deadlines';
import { setClockOffsetForTesting } from '#runtime/clock';
import { eventually } from '../support/api-client.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { consent, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

const local = useLocalStack();
// Signed in like a browser: a session started at the test's moved clock stays valid there,
// whereas an access token from the provider carries the real time.
const api = local.sessionApi;

afterAll(() => {
  setClockOffsetForTesting(0);
});

describe('a check that is not answered by its due time', () => {
  it('becomes OVERDUE, the officer and the senior probation officer are told once, the court list shows it, and a late answer still counts', async () => {
    // Prepare: the checks start an hour before they fall due; children's services answer at once.
    const hearingDate = addDays(todayInLondon(), 10);
    const dueAt = computeDueAt(hearingDate, 'SHORT_FORMAT');
    setClockOffsetForTesting(dueAt.getTime() - 3600_000 - Date.now());
    const proposalId = await startChecks(api, proposalBody({ hearingDate, today: todayInLondon(new Date(dueAt.getTime() - 3600_000)) }));
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.childrensServices.url ?? '', notKnown);

    // Act: it is now just before they fall due. A restart makes the workflow recompute its waits
    // from the moved clock (the same replay as after any stop).
    setClockOffsetForTesting(dueAt.getTime() - 2_000 - Date.now());
    await local.restart();

    // Assess: the unanswered checks go overdue; the answered one does not.
    const overdueView = await eventually(async () => {
      const view = await viewOf(api, proposalId);
      return view.checks.filter((check) => check.status === 'OVERDUE').length === 2 ? view : undefined;
    }, 'two checks to become overdue', 25_000);
    expect(overdueView.checks.find((check) => check.type === 'CHILD_SAFEGUARDING')?.status).toBe('RESPONDED');

    const notices = (await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === 'OVERDUE');
    expect(notices.map((notice) => `${notice.checkType} ${notice.to}`).sort(), JSON.stringify(notices.map((n) => n.id))).toEqual([
      'DOMESTIC_ABUSE court.officer@probation.example',
      'DOMESTIC_ABUSE spo@probation.example',
      'RESIDENT_CONSENT court.officer@probation.example',
      'RESIDENT_CONSENT spo@probation.example',
    ]);

    const list = await api.get<{ proposals: { proposalId: string; checks: Record<string, string>; checksComplete: boolean }[] }>(`/api/courts/B01LY00/hearings/${hearingDate}`, 'sentencer');
    expect(list.body.proposals.find((proposal) => proposal.proposalId === proposalId)).toMatchObject({
      checks: { domesticAbuse: 'OVERDUE', childSafeguarding: 'COMPLETE', residentConsent: 'OVERDUE' },
      checksComplete: false,
      adjournmentLikely: true,
    });

    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(200);
    expect((await api.answer(requests.residents[0]?.url ?? '', consent)).status).toBe(200);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    const allNotices = (await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === 'OVERDUE');
    expect(allNotices).toHaveLength(4);
  });

  it("stops a resident's link working after 7 days, with the same answer as any unusable link", async () => {
    setClockOffsetForTesting(0);
    const proposalId = await startChecks(api, proposalBody({ hearingDate: addDays(todayInLondon(), 20) }));
    const requests = await requestsFor(api, proposalId, 3);

    setClockOffsetForTesting(7 * 24 * 3600 * 1000 + 60_000);
    const expired = await api.answer(requests.residents[0]?.url ?? '', consent);
    const police = await api.answer(requests.police.url ?? '', noInformation);
    setClockOffsetForTesting(0);

    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ error: 'LINK_NOT_USABLE' });
    expect(police.status).toBe(200);
    expect((await viewOf(api, proposalId)).checks.find((check) => check.type === 'RESIDENT_CONSENT')?.status).not.toBe('RESPONDED');
  });
});
