import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse } from '../support/api-client.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { consent, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { watchTaskCallbacks, type TaskCallbackWatch } from '../model/support/task-callbacks.ts';
import { storeReader, type StoreReader } from '../model/support/stored-state.ts';

/**
 * Duplicates and races (docs/reliability.md, section 2), measured against the local stack:
 * the same answer sent many times at once, and the same proposal started many times at once with
 * one Idempotency-Key. Each test prints its figures (`[races] …`) for the reliability document.
 */
// The link endpoints' per-client limit (the WAF rule's stand-in, links.test.ts) would refuse these bursts from one address.
const { stack, api } = useLocalStack({ logLevel: process.env.RACES_LOG_LEVEL ?? 'SILENT', linkRequestsPerMinute: 100_000 });
let store: StoreReader;
let callbacks: TaskCallbackWatch;

beforeAll(async () => {
  store = storeReader(stack);
  callbacks = await watchTaskCallbacks();
});

afterAll(() => {
  callbacks?.stop();
  store?.close();
});

function report(line: string): void {
  process.stdout.write(`[races] ${line}\n`);
}

/** How many identical answers each link gets at once (RACES_COPIES, default 20). */
const copies = Number(process.env.RACES_COPIES ?? 20);

const countOf = (statuses: number[], wanted: (status: number) => boolean) => statuses.filter(wanted).length;

describe('the same answer sent 20 times at once', () => {
  it.each(Array.from({ length: Number(process.env.RACES_REPEAT ?? 1) }, (_, index) => index + 1))('on each of the three links together: one stored answer and one task completion per check, 19 refusals (410), no 5xx (round %i)', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const links = [
      { type: 'DOMESTIC_ABUSE', url: requests.police.url ?? '', answer: noInformation },
      { type: 'CHILD_SAFEGUARDING', url: requests.childrensServices.url ?? '', answer: notKnown },
      { type: 'RESIDENT_CONSENT', url: requests.residents[0]?.url ?? '', answer: consent },
    ];

    const started = performance.now();
    const results = await Promise.all(links.map((link) => Promise.all(Array.from({ length: copies }, () => api.answer(link.url, link.answer)))));
    const elapsedMs = performance.now() - started;

    const stored = await store.proposal(proposalId);
    for (const [index, link] of links.entries()) {
      const statuses = (results[index] ?? []).map((response) => response.status);
      expect(countOf(statuses, (status) => status >= 500), `${link.type}: ${statuses.join(',')}`).toBe(0);
      expect(countOf(statuses, (status) => status === 200), link.type).toBe(1);
      expect(countOf(statuses, (status) => status === 410), link.type).toBe(copies - 1);
      const check = stored.checks.find((candidate) => candidate.type === link.type);
      expect(check?.status).toBe('RESPONDED');
      expect(stored.audit.filter((record) => record.action === 'CHECK_ANSWERED' && record.checkId === check?.checkId)).toHaveLength(1);
    }

    // The workflow moves on once, on one completion of each check's task.
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    const after = await store.proposal(proposalId);
    expect(after.audit.filter((record) => record.action === 'CHECKS_COMPLETE')).toHaveLength(1);
    const completions = after.checks.map((check) => callbacks.completionsOfCheck(check.checkId));
    expect(completions).toEqual([1, 1, 1]);
    const attempts = callbacks.calls.filter((call) => call.command === 'SendTaskSuccess' && after.checks.some((check) => check.checkId === call.output?.checkId));
    report(`${copies}x3 concurrent answers: per link 1x200 + ${copies - 1}x410, 0 5xx; CHECK_ANSWERED 1 per check; accepted SendTaskSuccess per check ${completions.join('/')} (attempts ${attempts.length}); CHECKS_COMPLETE 1; burst ${Math.round(elapsedMs)} ms`);
  });
});

describe('an answer through a link that is being replaced at that moment', () => {
  it('is refused once the new link is sent: the old link and the resend never both succeed (5 proposals, police and resident: 10 pairs)', async () => {
    const proposals = await Promise.all(Array.from({ length: 5 }, () => startChecks(api, proposalBody())));
    const pairs: { label: string; answer: number; resend: number; answeredAfterResend: boolean }[] = [];
    await Promise.all(
      proposals.map(async (proposalId) => {
        const requests = await requestsFor(api, proposalId, 3);
        const stored = await store.proposal(proposalId);
        const targets = [
          { type: 'DOMESTIC_ABUSE', url: requests.police.url ?? '', answer: noInformation },
          { type: 'RESIDENT_CONSENT', url: requests.residents[0]?.url ?? '', answer: consent },
        ];
        await Promise.all(
          targets.map(async (target) => {
            const checkId = stored.checks.find((check) => check.type === target.type)?.checkId ?? '';
            const [answer, resend] = await Promise.all([api.answer(target.url, target.answer), api.post(`/api/proposals/${proposalId}/checks/${checkId}/resend`, {}, 'court.officer')]);
            const audit = (await store.proposal(proposalId)).audit.filter((record) => record.checkId === checkId);
            const answered = audit.find((record) => record.action === 'CHECK_ANSWERED');
            const resent = audit.find((record) => record.action === 'LINK_RESENT');
            pairs.push({ label: `${proposalId.slice(0, 8)} ${target.type}`, answer: answer.status, resend: resend.status, answeredAfterResend: answered !== undefined && resent !== undefined && resent.seq < answered.seq });
          }),
        );
      }),
    );
    const outcomes = pairs.map((pair) => `${pair.answer}/${pair.resend}`);
    report(`old-link answer racing a resend, ${pairs.length} pairs (answer/resend): ${summariseText(outcomes)}`);
    expect(pairs.filter((pair) => pair.answer >= 500 || pair.resend >= 500)).toEqual([]);
    expect(pairs.filter((pair) => pair.answeredAfterResend)).toEqual([]);
    for (const pair of pairs) {
      expect([`${pair.answer}/${pair.resend}`], pair.label).toSatisfy(([outcome]: string[]) => outcome === '200/409' || outcome === '410/200');
    }
  });
});

describe('starting checks 50 times at once with one Idempotency-Key', () => {
  it('creates one proposal and one execution, and answers every request with the same proposal id, no 5xx', async () => {
    const hearingDate = addDays(todayInLondon(), 23);
    const body = proposalBody({ hearingDate });
    const key = `races-${randomUUID()}`;
    const executionsBefore = new Set((await store.executions()).map((execution) => execution.name));
    const listedBefore = await courtList(hearingDate);

    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 50 }, () => api.post<{ proposalId: string }>('/api/proposals', body, 'court.officer', { 'idempotency-key': key })));
    const elapsedMs = performance.now() - started;

    const statuses = responses.map((response) => response.status);
    expect(countOf(statuses, (status) => status >= 500), statuses.join(',')).toBe(0);
    expect(statuses.every((status) => status === 200 || status === 201), statuses.join(',')).toBe(true);
    const ids = new Set(responses.map((response) => response.body.proposalId));
    expect(ids.size).toBe(1);
    const [proposalId] = [...ids];

    const listed = (await courtList(hearingDate)).filter((id) => !listedBefore.includes(id));
    expect(listed).toEqual([proposalId]);
    const newExecutions = (await store.executions()).filter((execution) => !executionsBefore.has(execution.name ?? ''));
    expect(newExecutions.map((execution) => execution.name)).toEqual([proposalId]);
    // One workflow: each check is requested once.
    const requests = await requestsFor(api, proposalId ?? '', 3);
    expect(requests.all).toHaveLength(3);
    const stored = await store.proposal(proposalId ?? '');
    expect(stored.audit.filter((record) => record.action === 'PROPOSAL_CREATED')).toHaveLength(1);
    expect(stored.checks).toHaveLength(3);

    // The same key with another body: a clear conflict, and still one proposal.
    const different = await api.post<{ error: string; message: string }>('/api/proposals', { ...body, policeForce: 'AVON_AND_SOMERSET' }, 'court.officer', { 'idempotency-key': key });
    expect(different.status).toBe(409);
    expect(different.body).toEqual({ error: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was already used with a different request body' });
    expect((await courtList(hearingDate)).filter((id) => !listedBefore.includes(id))).toEqual([proposalId]);
    report(`50 concurrent POST /api/proposals, one key: statuses ${summarise(statuses)}; 1 proposal id; 1 proposal listed; 1 execution; 3 requests; same key + other body ${different.status} ${different.body.error}; burst ${Math.round(elapsedMs)} ms`);
  });

  it('with two different bodies racing for one key: one proposal, one execution; the other body gets 409 every time', async () => {
    const hearingDate = addDays(todayInLondon(), 24);
    const bodies = [proposalBody({ hearingDate }), { ...proposalBody({ hearingDate }), policeForce: 'AVON_AND_SOMERSET' }];
    const key = `races-${randomUUID()}`;
    const executionsBefore = new Set((await store.executions()).map((execution) => execution.name));
    const listedBefore = await courtList(hearingDate);

    const responses = await Promise.all(Array.from({ length: 50 }, (_, index) => api.post<{ proposalId?: string; error?: string }>('/api/proposals', bodies[index % 2], 'court.officer', { 'idempotency-key': key })));

    const groups = [0, 1].map((parity) => responses.filter((_, index) => index % 2 === parity));
    const all = responses.map((response) => response.status);
    expect(countOf(all, (status) => status >= 500), all.join(',')).toBe(0);
    const winner = groups.findIndex((group) => group.some((response: ApiResponse<{ proposalId?: string }>) => response.status === 201 || response.status === 200));
    expect(winner).toBeGreaterThanOrEqual(0);
    const loser = 1 - winner;
    expect(groups[winner]?.every((response) => response.status === 201 || response.status === 200)).toBe(true);
    expect(new Set(groups[winner]?.map((response) => response.body.proposalId)).size).toBe(1);
    expect(groups[loser]?.map((response) => `${response.status} ${response.body.error}`)).toEqual(Array.from({ length: 25 }, () => '409 IDEMPOTENCY_KEY_REUSED'));
    const proposalId = groups[winner]?.[0]?.body.proposalId;
    expect((await courtList(hearingDate)).filter((id) => !listedBefore.includes(id))).toEqual([proposalId]);
    expect((await store.executions()).filter((execution) => !executionsBefore.has(execution.name ?? '')).map((execution) => execution.name)).toEqual([proposalId]);
    report(`25+25 concurrent POST with one key and two bodies: winner body ${winner === 0 ? 'A' : 'B'} 25x2xx one id, other body 25x409 IDEMPOTENCY_KEY_REUSED; 1 proposal; 1 execution`);
  });
});

async function courtList(hearingDate: string): Promise<string[]> {
  const list = await api.get<{ proposals: { proposalId: string }[] }>(`/api/courts/B01LY00/hearings/${hearingDate}`, 'sentencer');
  expect(list.status).toBe(200);
  return list.body.proposals.map((proposal) => proposal.proposalId);
}

function summarise(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([status, count]) => `${count}x${status}`).join(' + ');
}

function summariseText(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([value, count]) => `${count}x ${value}`).join(', ');
}
