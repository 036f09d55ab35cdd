import { describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { eventually, type OutboxMessage } from '../support/api-client.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { consent, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { setClockOffsetForTesting } from '#runtime/clock';
import { watchCheckpoints } from '#runtime/checkpoints';

const { stack, api, sessionApi, table } = useLocalStack();

async function executionStatus(proposalId: string): Promise<string | undefined> {
  const client = new SFNClient({ endpoint: stack.stepFunctionsEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    return (await client.send(new DescribeExecutionCommand({ executionArn: `arn:aws:states:eu-west-2:000000000000:execution:curfew-checks:${proposalId}` }))).status;
  } finally {
    client.destroy();
  }
}

async function messagesOf(proposalId: string, kind: string, expected: number): Promise<OutboxMessage[]> {
  return eventually(async () => {
    const found = (await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === kind);
    return found.length === expected ? found : undefined;
  }, `${expected} ${kind} messages`);
}

/** The withdrawal link in a resident's confirmation of consent. */
async function withdrawalLinkOf(proposalId: string): Promise<string> {
  const [confirmation] = await messagesOf(proposalId, 'CONSENT_CONFIRMED', 1);
  const token = /\/w\/([^/]+)$/.exec(confirmation?.url ?? '')?.[1];
  expect(token).toBeDefined();
  return token ?? '';
}

/** Opens the withdrawal link as a browser would (not following the redirect): the cookie the page needs. */
async function openWithdrawalLink(token: string): Promise<string> {
  const response = await fetch(`${stack.url}/w/${token}`, { redirect: 'manual' });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/withdraw-consent');
  const setCookie = response.headers.getSetCookie();
  expect(setCookie[0]).toMatch(/^withdrawal=.*Path=\/withdraw-consent.*HttpOnly.*SameSite=Lax/);
  return setCookie[0]?.split(';')[0] ?? '';
}

async function withdrawalPage(cookie: string, method: 'GET' | 'POST'): Promise<{ status: number; text: string }> {
  const response = await fetch(`${stack.url}/withdraw-consent`, {
    method,
    headers: { cookie, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(method === 'POST' ? { body: 'lang=en' } : {}),
  });
  return { status: response.status, text: (await response.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
}

async function pageText(path: string, user: string): Promise<string> {
  const response = await sessionApi.get<{ page?: string }>(path, user);
  expect(response.status).toBe(200);
  return (response.body.page ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

async function answerAgencies(proposalId: string) {
  const requests = await requestsFor(api, proposalId, 3);
  await api.answer(requests.police.url ?? '', noInformation);
  await api.answer(requests.childrensServices.url ?? '', notKnown);
  return requests;
}

async function suitableProposal(hearingDate?: string): Promise<{ proposalId: string; checkId: string; hearingDate: string }> {
  const body = proposalBody(hearingDate === undefined ? {} : { hearingDate });
  const proposalId = await startChecks(api, body);
  const requests = await answerAgencies(proposalId);
  expect((await api.answer(requests.residents[0]?.url ?? '', consent)).status).toBe(200);
  await statusBecomes(api, proposalId, 'AWAITING_DECISION');
  expect((await api.post(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Every check clear' }, 'court.officer')).status).toBe(200);
  const view = await statusBecomes(api, proposalId, 'SUITABLE');
  const checkId = view.checks.find((check) => check.type === 'RESIDENT_CONSENT')?.checkId ?? '';
  return { proposalId, checkId, hearingDate: body.hearingDate };
}

/**
 * The hearing has happened: its date moves to yesterday (with the court list's key), as it will
 * for every proposal once the day is over. Moving the whole stack's clock would restart it for
 * nothing the rule does not read from the hearing date.
 */
async function hearingWasYesterday(proposalId: string, checkIds: readonly string[]): Promise<string> {
  const yesterday = addDays(todayInLondon(), -1);
  const courtHearing = `B01LY00#${yesterday}`;
  await table().send(new UpdateCommand({ TableName: stack.tableName, Key: { pk: `PROPOSAL#${proposalId}`, sk: 'PROPOSAL' }, UpdateExpression: 'SET hearingDate = :date, courtHearing = :key', ExpressionAttributeValues: { ':date': yesterday, ':key': courtHearing } }));
  for (const checkId of checkIds) {
    await table().send(new UpdateCommand({ TableName: stack.tableName, Key: { pk: `PROPOSAL#${proposalId}`, sk: `CHECK#${checkId}` }, UpdateExpression: 'SET courtHearing = :key', ExpressionAttributeValues: { ':key': courtHearing } }));
  }
  return yesterday;
}

describe("a resident's confirmation of consent", () => {
  it('reaches them when they consent through their link, with a withdrawal link and nothing else', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    const [confirmation] = await messagesOf(proposalId, 'CONSENT_CONFIRMED', 1);
    expect(confirmation?.to).toBe(requests.residents[0]?.to);
    expect(confirmation?.url).toMatch(/\/w\/[A-Za-z0-9_-]{43}$/);
  });
});

describe('a resident who withdraws through their link before the hearing', () => {
  it('shows a page on GET that changes nothing; the POST makes a suitable proposal unsuitable, tells the officer and SPO, and the court sees it; the link is then spent', async () => {
    const { proposalId, checkId, hearingDate } = await suitableProposal();
    const token = await withdrawalLinkOf(proposalId);
    const cookie = await openWithdrawalLink(token);

    // A scanner (or the resident) opening the page, twice: nothing changes.
    for (let visit = 0; visit < 2; visit += 1) {
      const page = await withdrawalPage(cookie, 'GET');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Withdraw your consent to a curfew at your home');
      expect(page.text).not.toContain('Sam');
      expect(page.text).not.toContain('Example');
      expect(page.text).not.toContain('High Street');
    }
    expect((await viewOf(api, proposalId)).status).toBe('SUITABLE');

    const withdrawn = await withdrawalPage(cookie, 'POST');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.text).toContain('You have withdrawn your consent');
    const view = await viewOf(api, proposalId);
    expect(view.status).toBe('UNSUITABLE');
    expect(view.unsuitableReason).toBe('CONSENT_WITHDRAWN');
    expect((view as unknown as { consentWithdrawal: unknown }).consentWithdrawal).toMatchObject({ afterHearing: false });
    const audit = await api.get<{ records: { action: string; actor: string; checkId?: string; via?: string; afterHearing?: boolean; status?: string }[] }>(`/api/proposals/${proposalId}/audit`, 'court.officer');
    expect(audit.body.records.find((record) => record.action === 'CONSENT_WITHDRAWN')).toMatchObject({ actor: 'RESIDENT', checkId, via: 'LINK', afterHearing: false, status: 'UNSUITABLE' });

    const notices = await messagesOf(proposalId, 'CONSENT_WITHDRAWN', 2);
    expect(notices.map((message) => message.to).sort()).toEqual(['court.officer@probation.example', 'spo@probation.example']);
    expect(notices.every((message) => message.url === undefined)).toBe(true);

    const list = await api.get<{ proposals: { proposalId: string; suitability: string; consentWithdrawn?: string }[] }>(`/api/courts/B01LY00/hearings/${hearingDate}`, 'sentencer');
    expect(list.body.proposals.find((proposal) => proposal.proposalId === proposalId)).toMatchObject({ suitability: 'UNSUITABLE', consentWithdrawn: 'BEFORE_HEARING' });
    const completeness = await pageText(`/court-list/${proposalId}`, 'sentencer');
    expect(completeness).toContain('Consent withdrawn for this address');
    expect(completeness).not.toContain('Alex Resident');
    const officerPage = await pageText(`/proposals/${proposalId}`, 'court.officer');
    expect(officerPage).toContain('Alex Resident withdrew their consent through the link in their confirmation');
    expect(officerPage).toMatch(/Consent withdrawn \d{1,2} \w+ \d{4} at [\d:]+[ap]m, through the link in their confirmation/);

    // The link is spent: the form again, and the page, say so and change nothing.
    const again = await withdrawalPage(cookie, 'POST');
    expect(again.status).toBe(410);
    expect(again.text).toContain('Your consent has already been withdrawn');
    expect((await withdrawalPage(cookie, 'GET')).status).toBe(410);
    expect((await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === 'CONSENT_WITHDRAWN')).toHaveLength(2);
    expect((await viewOf(api, proposalId)).events.filter((event) => event.type === 'CONSENT_WITHDRAWN')).toHaveLength(1);
  });

  it('refuses an unknown token, no cookie, and a page from another site changes nothing', async () => {
    expect((await withdrawalPage('withdrawal=' + 'A'.repeat(43), 'GET')).status).toBe(404);
    expect((await withdrawalPage('withdrawal=' + 'A'.repeat(43), 'POST')).status).toBe(404);
    expect((await withdrawalPage('', 'POST')).status).toBe(404);
    // The answer link's cookie is not a withdrawal cookie.
    expect((await withdrawalPage('link=' + 'A'.repeat(43), 'POST')).status).toBe(404);
  });
});

describe('a resident who withdraws during the checks', () => {
  it('ends the checks as a refusal does: unsuitable, the open requests cancelled and their recipients told, the workflow stopped', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    const cookie = await openWithdrawalLink(await withdrawalLinkOf(proposalId));
    expect((await withdrawalPage(cookie, 'POST')).status).toBe(200);

    const view = await viewOf(api, proposalId);
    expect(view.status).toBe('UNSUITABLE');
    expect(view.checks.filter((check) => check.status === 'CANCELLED')).toHaveLength(2);
    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(410);
    const noLongerNeeded = await messagesOf(proposalId, 'NO_LONGER_NEEDED', 2);
    expect(noLongerNeeded.map((message) => message.to).sort()).toEqual([requests.childrensServices.to, requests.police.to].sort());
    await messagesOf(proposalId, 'CONSENT_WITHDRAWN', 2);
    await eventually(async () => ((await executionStatus(proposalId)) === 'ABORTED' ? true : undefined), 'the workflow to stop');
  });

  it('wakes the workflow waiting for the decision, which ends', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await answerAgencies(proposalId);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    const checkId = (await viewOf(api, proposalId)).checks.find((check) => check.type === 'RESIDENT_CONSENT')?.checkId ?? '';
    expect((await api.post(`/api/proposals/${proposalId}/consent-withdrawals`, { checkId }, 'court.officer')).status).toBe(200);
    expect((await viewOf(api, proposalId)).status).toBe('UNSUITABLE');
    await eventually(async () => ((await executionStatus(proposalId)) === 'SUCCEEDED' ? true : undefined), 'the workflow to end');
  });
});

describe('a withdrawal whose process dies before the workflow is stopped', () => {
  it('has its workflow stopped by the repair a little later, though the spent link cannot be used again', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    const cookie = await openWithdrawalLink(await withdrawalLinkOf(proposalId));
    // The process "dies" just after the withdrawal's write, as at the crash harness's crash point.
    watchCheckpoints((name) => {
      if (name === 'consent-withdrawn') throw new Error('crash');
    });
    try {
      expect((await withdrawalPage(cookie, 'POST')).status).toBe(500);
    } finally {
      watchCheckpoints(undefined);
    }
    expect((await viewOf(api, proposalId)).status).toBe('UNSUITABLE');
    expect(await executionStatus(proposalId)).toBe('RUNNING');

    try {
      setClockOffsetForTesting(60_000);
      expect(await stack.runScheduledFunction('start-pending-workflows')).toMatchObject({ ended: 1 });
      await eventually(async () => ((await executionStatus(proposalId)) === 'ABORTED' ? true : undefined), 'the workflow to stop');
      expect(await stack.runScheduledFunction('start-pending-workflows')).toMatchObject({ ended: 0 });
    } finally {
      setClockOffsetForTesting(0);
    }
  });
});

describe('a withdrawal after the hearing', () => {
  it('keeps the status, flags the proposal, alerts the officer and SPO, and the court list shows it', async () => {
    const { proposalId, checkId } = await suitableProposal();
    const yesterday = await hearingWasYesterday(proposalId, (await viewOf(api, proposalId)).checks.map((check) => check.checkId));
    const cookie = await openWithdrawalLink(await withdrawalLinkOf(proposalId));
    expect((await withdrawalPage(cookie, 'POST')).status).toBe(200);

    const view = await viewOf(api, proposalId);
    expect(view.status).toBe('SUITABLE');
    expect((view as unknown as { consentWithdrawal: unknown }).consentWithdrawal).toMatchObject({ afterHearing: true });
    const alerts = await messagesOf(proposalId, 'CONSENT_WITHDRAWN_AFTER_HEARING', 2);
    expect(alerts.map((message) => message.to).sort()).toEqual(['court.officer@probation.example', 'spo@probation.example']);
    const audit = await api.get<{ records: { action: string; via?: string; afterHearing?: boolean; status?: string; checkId?: string }[] }>(`/api/proposals/${proposalId}/audit`, 'court.officer');
    expect(audit.body.records.find((record) => record.action === 'CONSENT_WITHDRAWN')).toMatchObject({ checkId, via: 'LINK', afterHearing: true, status: 'SUITABLE' });

    const list = await api.get<{ proposals: { proposalId: string; suitability: string; consentWithdrawn?: string }[] }>(`/api/courts/B01LY00/hearings/${yesterday}`, 'sentencer');
    expect(list.body.proposals.find((proposal) => proposal.proposalId === proposalId)).toMatchObject({ suitability: 'SUITABLE', consentWithdrawn: 'AFTER_HEARING' });
    expect(await pageText(`/court-list?date=${yesterday}`, 'sentencer')).toContain('Consent withdrawn after the hearing');
    expect(await pageText(`/proposals/${proposalId}`, 'court.officer')).toContain('Consent withdrawn after the hearing. The curfew address no longer has consent');
  });

  it('is recorded by the officer the same way, once', async () => {
    const { proposalId, checkId } = await suitableProposal();
    await hearingWasYesterday(proposalId, (await viewOf(api, proposalId)).checks.map((check) => check.checkId));
    const recorded = await api.post<{ status: string; consentWithdrawal?: { afterHearing: boolean } }>(`/api/proposals/${proposalId}/consent-withdrawals`, { checkId }, 'court.officer');
    expect(recorded.status).toBe(200);
    expect(recorded.body.status).toBe('SUITABLE');
    expect(recorded.body.consentWithdrawal?.afterHearing).toBe(true);
    await messagesOf(proposalId, 'CONSENT_WITHDRAWN_AFTER_HEARING', 2);
    expect(await pageText(`/proposals/${proposalId}`, 'court.officer')).toMatch(/Consent withdrawn \d{1,2} \w+ \d{4} at [\d:]+[ap]m, recorded by Casey Officer/);

    const twice = await api.post<{ error: string }>(`/api/proposals/${proposalId}/consent-withdrawals`, { checkId }, 'court.officer');
    expect(twice.status).toBe(409);
    expect(twice.body.error).toBe('ALREADY_WITHDRAWN');
    // The resident's link, used after the officer recorded it, says it is done and changes nothing.
    const cookie = await openWithdrawalLink(await withdrawalLinkOf(proposalId));
    const page = await withdrawalPage(cookie, 'POST');
    expect(page.status).toBe(410);
    expect(page.text).toContain('The probation court team has already recorded that you withdrew your consent');
    expect((await viewOf(api, proposalId)).events.filter((event) => event.type === 'CONSENT_WITHDRAWN')).toHaveLength(1);
    expect((await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === 'CONSENT_WITHDRAWN_AFTER_HEARING')).toHaveLength(2);
  });
});

describe('the officer recording a withdrawal', () => {
  it('refuses bad input, another check, a resident who has not consented, and other roles, changing nothing', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const view = await viewOf(api, proposalId);
    const residentCheck = view.checks.find((check) => check.type === 'RESIDENT_CONSENT')?.checkId ?? '';
    const policeCheck = view.checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.checkId ?? '';
    const path = `/api/proposals/${proposalId}/consent-withdrawals`;
    expect((await api.post(path, {}, 'court.officer')).status).toBe(400);
    expect((await api.post(path, { checkId: residentCheck, extra: 1 }, 'court.officer')).status).toBe(400);
    expect((await api.post(path, { checkId: 42 }, 'court.officer')).status).toBe(400);
    expect((await api.post(path, { checkId: policeCheck }, 'court.officer')).status).toBe(404);
    expect((await api.post(path, { checkId: residentCheck }, 'court.officer')).status).toBe(409);
    expect((await api.post(path, { checkId: residentCheck }, 'spo')).status).toBe(403);
    expect((await api.post(path, { checkId: residentCheck }, 'sentencer')).status).toBe(403);
    expect((await api.post(`/api/proposals/no-such-proposal/consent-withdrawals`, { checkId: residentCheck }, 'court.officer')).status).toBe(404);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    const after = await viewOf(api, proposalId);
    expect(after.status).toBe('CHECKS_IN_PROGRESS');
    expect(after.events.some((event) => event.type === 'CONSENT_WITHDRAWN')).toBe(false);
  });

  it('is offered on the proposal page for each resident whose consent stands', async () => {
    const { proposalId } = await suitableProposal();
    const page = await pageText(`/proposals/${proposalId}`, 'court.officer');
    expect(page).toContain('Record that a resident withdrew their consent');
    expect(page).toContain('Which resident withdrew their consent? Alex Resident');
    expect(await pageText(`/proposals/${proposalId}`, 'spo')).not.toContain('Record that a resident withdrew their consent');
  });
});
