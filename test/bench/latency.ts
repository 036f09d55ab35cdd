import { apiClient, type ApiResponse, type OutboxMessage } from '../support/api-client.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { createOutboxWatcher, createPool, percentiles, simulatedOfficers, type Endpoint, type LoadError, type Percentiles } from '../support/load-driver.ts';
import { consent, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { measureFloor, summarizeProfile, type FloorReport } from './floor.ts';
import type { StorageOperation } from './stack-child.ts';
import { waitUntilIdle, type StackProcess } from './stack-process.ts';

/**
 * Latency of the staff and link endpoints, each measured on its own, `samples` requests at a time
 * with at most `concurrency` open at once, on a stack that is otherwise idle except for what those
 * requests set off (a new proposal starts its workflow; an answer wakes it):
 * - start checks: POST /api/proposals (as three officers at two courts, hearings over 20 days);
 * - answer a check: POST /api/responses (children's services, with the resident still to answer,
 *   so no answer is a proposal's last);
 * - read a proposal: GET /api/proposals/{id} (an audited view);
 * - court list: GET /api/courts/{court}/hearings/{date} (audited for each proposal listed).
 * Beside them, the storage floor of one answer (floor.ts), from the DynamoDB commands a single
 * answer was recorded sending in this run.
 */
export interface LatencyReport {
  samples: number;
  concurrency: number;
  /** Proposals on each court list read. */
  proposalsPerCourtList: number;
  endpoints: Record<'startChecks' | 'answer' | 'readProposal' | 'courtList', Percentiles>;
  floor: FloorReport;
  /**
   * The storage floor of one proposal's whole journey: every DynamoDB command the handlers sent for
   * one proposal started, answered by the police, children's services and a resident, moved on by
   * the workflow, and decided (with its messages delivered), replayed raw `journeyConcurrency` at a
   * time. Its `perSecond` is the most proposals per second the storage alone would allow at that
   * concurrency: the scale phase's proposals per second are reported over it.
   */
  journeyFloor: FloorReport;
  /** Each endpoint's p50 (and p95) over the floor's. */
  ratioToFloor: Record<'startChecks' | 'answer' | 'readProposal' | 'courtList', { p50: number; p95: number }>;
  errors: LoadError[];
}

const hearingDays = 20;

export async function measureLatency(options: { stack: StackProcess; samples: number; concurrency: number; journeyConcurrency: number }): Promise<LatencyReport> {
  const { stack, samples, concurrency } = options;
  const api = apiClient(stack.url);
  const pool = createPool(concurrency);
  const errors: LoadError[] = [];
  const latencies: Record<Endpoint, number[]> = { startChecks: [], answer: [], readProposal: [], courtList: [], decision: [], outbox: [] };
  const timed = async <T>(endpoint: Endpoint, call: () => Promise<ApiResponse<T>>): Promise<ApiResponse<T>> => {
    const started = performance.now();
    const response = await call();
    latencies[endpoint].push(performance.now() - started);
    return response;
  };
  const check = (endpoint: Endpoint, response: ApiResponse<unknown>, status: number) => {
    if (response.status !== status) errors.push({ endpoint, status: response.status, message: JSON.stringify(response.body).slice(0, 300) });
    return response.status === status;
  };
  const today = todayInLondon();
  await Promise.all([...new Set(simulatedOfficers.flatMap((person) => [person.officer, person.sentencer]))].map((user) => api.call('GET', '/health', { user })));

  // Warm every route up once (module load, JIT), outside the timings.
  const warm = simulatedOfficers[0];
  const warmCreated = await api.post<{ proposalId: string }>('/api/proposals', proposalBody({ courtCode: warm.court }), warm.officer);
  await api.get(`/api/proposals/${warmCreated.body.proposalId}`, warm.officer);
  await api.get(`/api/courts/${warm.court}/hearings/${addDays(today, 14)}`, warm.sentencer);

  // Start checks.
  const created: { proposalId: string; officer: string; court: string; sentencer: string; hearingDate: string }[] = [];
  await Promise.all(
    Array.from({ length: samples }, (_unused, index) =>
      pool.run(async () => {
        const person = simulatedOfficers[index % simulatedOfficers.length] as (typeof simulatedOfficers)[number];
        const hearingDate = addDays(today, 14 + (index % hearingDays));
        const response = await timed('startChecks', () => api.post<{ proposalId: string }>('/api/proposals', proposalBody({ courtCode: person.court, hearingDate }), person.officer));
        if (check('startChecks', response, 201)) created.push({ proposalId: response.body.proposalId, officer: person.officer, court: person.court, sentencer: person.sentencer, hearingDate });
      }),
    ),
  );

  // Every request sent (the workflows are then idle, waiting for answers).
  const watcher = createOutboxWatcher(api, (_endpoint, call) => call());
  const requests = new Map<string, OutboxMessage[]>();
  await Promise.all([warmCreated.body.proposalId, ...created.map(({ proposalId }) => proposalId)].map(async (proposalId) => requests.set(proposalId, await watcher.requestsFor(proposalId, 3, 300_000))));
  await watcher.stop();
  await waitUntilIdle(stack, 500);

  // One answer alone (the warm-up proposal's), to record the DynamoDB commands an answer sends: the floor's profile.
  const measured = created;
  const linkOf = (proposalId: string, type: string) => requests.get(proposalId)?.find((message) => message.checkType === type)?.url ?? '';
  await stack.storageOperations(true);
  check('answer', await api.answer(linkOf(warmCreated.body.proposalId, 'CHILD_SAFEGUARDING'), notKnown), 200);
  const profile = await stack.storageOperations(true);

  // Answer a check.
  await Promise.all(measured.map(({ proposalId }) => pool.run(async () => check('answer', await timed('answer', () => api.answer(linkOf(proposalId, 'CHILD_SAFEGUARDING'), notKnown)), 200))));

  // The floor, in the same run, at the same concurrency.
  await waitUntilIdle(stack, 500);
  const floor = await measureFloor({ dynamoDbEndpoint: stack.dynamoDbEndpoint, profile, samples, concurrency });

  // Read a proposal.
  await Promise.all(measured.map(({ proposalId, officer }) => pool.run(async () => check('readProposal', await timed('readProposal', () => api.get(`/api/proposals/${proposalId}`, officer)), 200))));

  // Court list: each list in turn, so the concurrent reads are of different lists.
  const lists = [...new Map(measured.map((entry) => [`${entry.court}#${entry.hearingDate}`, entry])).values()];
  await Promise.all(
    Array.from({ length: samples }, (_unused, index) =>
      pool.run(async () => {
        const list = lists[index % lists.length] as (typeof lists)[number];
        check('courtList', await timed('courtList', () => api.get(`/api/courts/${list.court}/hearings/${list.hearingDate}`, list.sentencer)), 200);
      }),
    ),
  );

  const journeyProfile = await recordWholeJourney(stack, api, { court: warm.court, officer: warm.officer, hearingDate: addDays(today, 14 + hearingDays) }, check);
  const journeyFloor = await measureFloor({ dynamoDbEndpoint: stack.dynamoDbEndpoint, profile: journeyProfile, samples: Math.min(samples, 100), concurrency: options.journeyConcurrency, describe: summarizeProfile });

  const endpoints = {
    startChecks: percentiles(latencies.startChecks),
    answer: percentiles(latencies.answer),
    readProposal: percentiles(latencies.readProposal),
    courtList: percentiles(latencies.courtList),
  };
  const ratio = (value: Percentiles) => ({ p50: value.p50 / floor.latencyMs.p50, p95: value.p95 / floor.latencyMs.p95 });
  return {
    samples,
    concurrency,
    proposalsPerCourtList: measured.length / lists.length,
    endpoints,
    floor,
    journeyFloor,
    ratioToFloor: { startChecks: ratio(endpoints.startChecks), answer: ratio(endpoints.answer), readProposal: ratio(endpoints.readProposal), courtList: ratio(endpoints.courtList) },
    errors,
  };
}

/**
 * Every DynamoDB command the handlers send for one proposal's whole journey, on a stack otherwise
 * idle: started, its three requests sent, answered (no concern), moved on by the workflow, decided
 * SUITABLE, and its messages delivered. What the bench itself reads to find the links (the local
 * outbox) is left out.
 */
async function recordWholeJourney(
  stack: StackProcess,
  api: ReturnType<typeof apiClient>,
  person: { court: string; officer: string; hearingDate: string },
  check: (endpoint: Endpoint, response: ApiResponse<unknown>, status: number) => boolean,
): Promise<StorageOperation[]> {
  const recorded: StorageOperation[] = [];
  // Until nothing more is sent for half a second: the workflow's steps and the deliveries they set off.
  const settle = async () => {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const sent = await stack.storageOperations(true);
      if (sent.length === 0) return;
      recorded.push(...sent);
    }
  };
  await waitUntilIdle(stack, 500);
  const started = await api.post<{ proposalId: string }>('/api/proposals', proposalBody({ courtCode: person.court, hearingDate: person.hearingDate }), person.officer);
  check('startChecks', started, 201);
  await settle();

  const watcher = createOutboxWatcher(api, (_endpoint, call) => call());
  const requests = await watcher.requestsFor(started.body.proposalId, 3, 60_000);
  await watcher.stop();
  await stack.storageOperations(true);

  const linkOf = (type: string) => requests.find((message) => message.checkType === type)?.url ?? '';
  for (const [type, answer] of [['DOMESTIC_ABUSE', noInformation], ['CHILD_SAFEGUARDING', notKnown], ['RESIDENT_CONSENT', consent]] as const) {
    check('answer', await api.answer(linkOf(type), answer), 200);
  }
  await settle();
  check('decision', await api.post(`/api/proposals/${started.body.proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Every check answered; nothing of concern' }, person.officer), 200);
  await settle();
  return recorded;
}
