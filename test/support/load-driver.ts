import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { apiClient, type ApiResponse, type OutboxMessage } from './api-client.ts';
import { addDays, todayInLondon } from './dates.ts';
import { consent, noInformation, notKnown, proposalBody } from './proposals.ts';

/**
 * Drives a running stack with simulated people, through the HTTP API only, for the benchmark
 * (test/bench) and the load harness (test/reliability): a court officer starts the checks, the
 * police, children's services and each resident answer through the links in their messages (read
 * from GET /api/dev/outbox, the local stand-in for GOV.UK Notify), and the officer records the
 * decision once the workflow has found every check answered.
 *
 * In two phases, so that every proposal is truly in flight at once: first the officers start all
 * of them, at most `startConcurrency` at a time, each officer waiting until the workflow has sent
 * the proposal's requests before starting the next (as an officer sees the checks "requested");
 * then, with all of them waiting for answers, the responders answer and the officers decide, all
 * proposals at once. At most `httpConcurrency` requests are open at once (a pool every request
 * waits for), plus one outbox poller outside the pool. Every request that gets an answer it should
 * not (a 5xx, an unexpected 4xx, a network failure) is an error, and its proposal does not count
 * as completed.
 *
 * Starts are paced by default, as officers start checks one after another. `burst: true` sends
 * every start at the same moment instead, outside the pool (the unpaced burst of the benchmark and
 * the load harness): the local stack then queues each function's invocations behind its
 * concurrency limit, as Lambda would throttle them, and the burst must slow down, never fail
 * (infra/local/function-concurrency.ts).
 */

type Api = ReturnType<typeof apiClient>;

/** The endpoints we time, by the name the report uses. */
export type Endpoint = 'startChecks' | 'answer' | 'readProposal' | 'courtList' | 'decision' | 'outbox';

export interface LoadError {
  endpoint: Endpoint | 'workflow';
  status?: number;
  message: string;
}

export interface LoadOptions {
  baseUrl: string;
  /** Proposals driven end to end. */
  proposals: number;
  /** Officers starting proposals at once, each waiting for its requests to be sent (default 16). */
  startConcurrency?: number;
  /** Every start sent at once, outside the pool, none waiting for another (default false). */
  burst?: boolean;
  /** At most this many HTTP requests open at once, outbox poller aside (default 32). */
  httpConcurrency?: number;
  /** Adults at the address, each with a link (default 1). */
  residentsPerProposal?: number;
  /** Hearings are spread over this many days from 14 days ahead, and over two courts (default 20). */
  hearingDays?: number;
  /** After each police answer: time until the proposal view and the court list show it (default true). */
  measureVisibility?: boolean;
  /** Give up on a proposal after this long (default 5 minutes). */
  proposalTimeoutMs?: number;
  /** The stack's Step Functions endpoint: after the run, every workflow must have ended, none failed. */
  stepFunctionsEndpoint?: string;
  /** Reuse an API client (and its sign-ins) across runs on the same stack. */
  api?: Api;
  onProgress?: (progress: { completed: number; failed: number; proposals: number }) => void;
}

export interface LoadResult {
  proposals: number;
  completed: number;
  failed: number;
  errors: LoadError[];
  /** From the first request to the last proposal completed or failed. */
  durationMs: number;
  httpConcurrency: number;
  startConcurrency: number;
  /** Proposals started and waiting for answers at once, when the answering began. */
  inFlight: number;
  /** Starting every proposal (to its requests sent), then answering and deciding. */
  phasesMs: { start: number; answerAndDecide: number };
  requests: number;
  /** Every request's latency in ms, by endpoint. */
  latencies: Record<Endpoint, number[]>;
  /**
   * From an answer's POST returning to the end of the first read that shows it answered, in ms.
   * These reads go ahead of every request waiting in the pool, so the driver's queue is not in them.
   */
  visibility: { proposalView: number[]; courtList: number[] };
  /** From the last answer's POST returning to the officer seeing the proposal AWAITING_DECISION, in ms (includes their polling). */
  workflowToDecision: number[];
  /**
   * The workflow's own latency, from the stack's stored times: the last answer recorded (its
   * CHECK_ANSWERED audit record) to the checks found complete (CHECKS_COMPLETE), in ms.
   */
  workflowAfterLastAnswer: number[];
  /** With `stepFunctionsEndpoint`: executions that ended other than SUCCEEDED, and those still running other than the failed proposals'. */
  workflows?: { failed: number; running: number };
}

/** The officers who start checks, with the court they work at and that court's sentencer. */
export const simulatedOfficers = [
  { officer: 'court.officer', court: 'B01LY00', sentencer: 'sentencer' },
  { officer: 'court.officer2', court: 'B01LY00', sentencer: 'sentencer' },
  { officer: 'other.officer', court: 'C01CF00', sentencer: 'other.sentencer' },
] as const;

/**
 * A bounded pool: at most `size` callers run at once, the rest wait in order; `urgent` callers go
 * before every waiting one (the reads that time how soon an answer shows, which must not measure
 * the driver's own queue).
 */
export function createPool(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const urgentWaiting: (() => void)[] = [];
  return {
    size,
    async run<T>(task: () => Promise<T>, options: { urgent?: boolean } = {}): Promise<T> {
      if (running >= size) {
        await new Promise<void>((resolve) => (options.urgent === true ? urgentWaiting : waiting).push(resolve));
      } else {
        running += 1;
      }
      try {
        return await task();
      } finally {
        const next = urgentWaiting.shift() ?? waiting.shift();
        if (next === undefined) running -= 1;
        else next();
      }
    },
  };
}

/** Nearest-rank percentile of a list of numbers (NaN when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  return { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: values.length === 0 ? Number.NaN : Math.max(...values) };
}

class UnexpectedResponse extends Error {
  constructor(
    readonly endpoint: Endpoint | 'workflow',
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads GET /api/dev/outbox in one loop for every proposal under way (one request at a time, the
 * next no sooner than 200 ms or twice the last read's time after it: the whole outbox comes back
 * each time), and hands each proposal its request messages once all of them are there.
 */
export function createOutboxWatcher(api: Api, timed: <T>(endpoint: Endpoint, call: () => Promise<ApiResponse<T>>) => Promise<ApiResponse<T>>) {
  const waiters = new Map<string, { expected: number; resolve: (messages: OutboxMessage[]) => void }>();
  const requests = new Map<string, OutboxMessage[]>();
  const seen = new Set<string>();
  let running = false;
  let stopped = false;
  let loop: Promise<void> | undefined;
  let lastError: Error | undefined;

  const deliver = () => {
    for (const [proposalId, waiter] of waiters) {
      const found = requests.get(proposalId) ?? [];
      if (found.length >= waiter.expected) {
        waiters.delete(proposalId);
        waiter.resolve(found);
      }
    }
  };

  async function poll(): Promise<void> {
    while (!stopped) {
      if (waiters.size === 0) {
        running = false;
        return;
      }
      const started = performance.now();
      try {
        const response = await timed<OutboxMessage[]>('outbox', () => api.call<OutboxMessage[]>('GET', '/api/dev/outbox'));
        if (response.status !== 200) throw new UnexpectedResponse('outbox', response.status, `GET /api/dev/outbox answered ${response.status}`);
        for (const message of response.body) {
          if (message.kind !== 'REQUEST' || seen.has(message.id)) continue;
          seen.add(message.id);
          const list = requests.get(message.proposalId) ?? [];
          list.push(message);
          requests.set(message.proposalId, list);
        }
        deliver();
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
      }
      await sleep(Math.max(200, 2 * (performance.now() - started)));
    }
    running = false;
  }

  return {
    /** The request messages of a proposal, once `expected` of them have been sent. */
    requestsFor(proposalId: string, expected: number, timeoutMs: number): Promise<OutboxMessage[]> {
      return new Promise<OutboxMessage[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(proposalId);
          reject(new UnexpectedResponse('outbox', undefined, `Timed out waiting for ${expected} requests for a proposal${lastError === undefined ? '' : ` (last outbox error: ${lastError.message})`}`));
        }, timeoutMs);
        waiters.set(proposalId, {
          expected,
          resolve: (messages) => {
            clearTimeout(timer);
            requests.delete(proposalId);
            resolve(messages);
          },
        });
        deliver();
        if (!running && !stopped) {
          running = true;
          loop = poll();
        }
      });
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

function emptyLatencies(): Record<Endpoint, number[]> {
  return { startChecks: [], answer: [], readProposal: [], courtList: [], decision: [], outbox: [] };
}

/** Runs `proposals` simulated proposals from start to decision; never throws for a failed proposal. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const api = options.api ?? apiClient(options.baseUrl);
  const httpConcurrency = options.httpConcurrency ?? 32;
  const startConcurrency = Math.max(1, options.startConcurrency ?? 16);
  const residents = options.residentsPerProposal ?? 1;
  const hearingDays = options.hearingDays ?? 20;
  const measureVisibility = options.measureVisibility ?? true;
  const proposalTimeoutMs = options.proposalTimeoutMs ?? 300_000;
  const pool = createPool(httpConcurrency);
  const latencies = emptyLatencies();
  const visibility = { proposalView: [] as number[], courtList: [] as number[] };
  const workflowToDecision: number[] = [];
  const workflowAfterLastAnswer: number[] = [];
  const errors: LoadError[] = [];
  let requests = 0;
  let completed = 0;
  let failed = 0;

  async function timed<T>(endpoint: Endpoint, call: () => Promise<ApiResponse<T>>): Promise<ApiResponse<T>> {
    const started = performance.now();
    requests += 1;
    let response: ApiResponse<T>;
    try {
      response = await call();
    } catch (error) {
      throw new UnexpectedResponse(endpoint, undefined, `Request failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    latencies[endpoint].push(performance.now() - started);
    return response;
  }
  const pooled = <T>(endpoint: Endpoint, call: () => Promise<ApiResponse<T>>, urgent = false) => pool.run(() => timed(endpoint, call), { urgent });
  const expect = <T>(endpoint: Endpoint, response: ApiResponse<T>, status: number, what: string): ApiResponse<T> => {
    if (response.status !== status) {
      throw new UnexpectedResponse(endpoint, response.status, `${what} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
    }
    return response;
  };

  const outbox = createOutboxWatcher(api, timed);
  const today = todayInLondon();

  // Sign everyone in once, outside the timings.
  await Promise.all([...new Set(simulatedOfficers.flatMap((person) => [person.officer, person.sentencer]))].map((user) => api.call('GET', '/health', { user })));

  type ProposalView = { status: string; checks: { type: string; status: string }[]; needsAttention?: { error: string }; events: { type: string; at: string }[] };
  type CourtList = { proposals: { proposalId: string; checks: { domesticAbuse: string } }[] };

  interface Started {
    index: number;
    person: (typeof simulatedOfficers)[number];
    hearingDate: string;
    proposalId: string;
    messages: OutboxMessage[];
  }

  async function startOne(index: number): Promise<Started> {
    const person = simulatedOfficers[index % simulatedOfficers.length] as (typeof simulatedOfficers)[number];
    const hearingDate = addDays(today, 14 + (index % hearingDays));
    const body = proposalBody({
      courtCode: person.court,
      hearingDate,
      residents: Array.from({ length: residents }, (_unused, resident) => ({ fullName: `Resident ${index}-${resident}`, relationship: 'PARTNER', email: `resident-${index}-${resident}@example.org`, language: 'en' })),
      noOtherAdults: residents === 0,
    });
    const post = () => api.call<{ proposalId: string }>('POST', '/api/proposals', { user: person.officer, body });
    const created = expect('startChecks', await (options.burst === true ? timed('startChecks', post) : pooled('startChecks', post)), 201, 'POST /api/proposals');
    const proposalId = created.body.proposalId;
    const messages = await outbox.requestsFor(proposalId, 2 + residents, proposalTimeoutMs);
    return { index, person, hearingDate, proposalId, messages };
  }

  async function finishOne({ person, hearingDate, proposalId, messages }: Started): Promise<void> {
    const readView = async (urgent = false) =>
      expect('readProposal', await pooled<ProposalView>('readProposal', () => api.call('GET', `/api/proposals/${proposalId}`, { user: person.officer }), urgent), 200, 'GET /api/proposals/{id}').body;
    const answer = async (message: OutboxMessage, fields: object) => {
      if (message.url === undefined) throw new UnexpectedResponse('answer', undefined, 'A request message without a link');
      expect('answer', await pooled('answer', () => api.answer(message.url as string, fields)), 200, 'POST /api/responses');
      return performance.now();
    };
    const police = messages.find((message) => message.checkType === 'DOMESTIC_ABUSE');
    const childrensServices = messages.find((message) => message.checkType === 'CHILD_SAFEGUARDING');
    if (police === undefined || childrensServices === undefined) throw new UnexpectedResponse('outbox', undefined, 'A proposal without a police or children\'s services request');

    const policeAnswered = await answer(police, noInformation);
    if (measureVisibility) {
      const inView = async () => {
        for (;;) {
          const view = await readView(true);
          if (view.checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.status === 'RESPONDED') return performance.now();
          await sleep(25);
        }
      };
      const inCourtList = async () => {
        for (;;) {
          const list = expect('courtList', await pooled<CourtList>('courtList', () => api.call('GET', `/api/courts/${person.court}/hearings/${hearingDate}`, { user: person.sentencer }), true), 200, 'GET court list').body;
          if (list.proposals.find((entry) => entry.proposalId === proposalId)?.checks.domesticAbuse === 'COMPLETE') return performance.now();
          await sleep(25);
        }
      };
      const [viewAt, listAt] = await Promise.all([inView(), inCourtList()]);
      visibility.proposalView.push(viewAt - policeAnswered);
      visibility.courtList.push(listAt - policeAnswered);
    }
    const others = messages.filter((message) => message !== police);
    const answeredAt = await Promise.all(others.map((message) => answer(message, message === childrensServices ? notKnown : consent)));
    const lastAnswer = Math.max(policeAnswered, ...answeredAt);

    // The workflow assesses the checks asynchronously: the officer looks again until it is ready
    // (ahead of the driver's queue, so that what is timed is the stack, not the driver).
    for (let wait = 100; ; wait = Math.min(wait * 2, 500)) {
      const view = await readView(true);
      if (view.status === 'AWAITING_DECISION') {
        const stored = storedWorkflowLatency(view.events);
        if (stored !== undefined) workflowAfterLastAnswer.push(stored);
        break;
      }
      if (view.needsAttention !== undefined) throw new UnexpectedResponse('workflow', undefined, `The workflow failed: the proposal needs attention (${view.needsAttention.error})`);
      if (view.status !== 'CHECKS_IN_PROGRESS') throw new UnexpectedResponse('workflow', undefined, `Proposal became ${view.status} instead of AWAITING_DECISION`);
      await sleep(wait);
    }
    workflowToDecision.push(performance.now() - lastAnswer);
    const decided = expect(
      'decision',
      await pooled<{ status: string }>('decision', () => api.call('POST', `/api/proposals/${proposalId}/decision`, { user: person.officer, body: { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'All checks clear' } })),
      200,
      'POST decision',
    );
    if (decided.body.status !== 'SUITABLE') throw new UnexpectedResponse('decision', 200, `Decision left the proposal ${decided.body.status}`);
  }

  const recordFailure = (error: unknown) => {
    failed += 1;
    if (errors.length < 1_000) {
      errors.push(
        error instanceof UnexpectedResponse
          ? { endpoint: error.endpoint, ...(error.status === undefined ? {} : { status: error.status }), message: error.message }
          : { endpoint: 'workflow', message: error instanceof Error ? error.message : String(error) },
      );
    }
    options.onProgress?.({ completed, failed, proposals: options.proposals });
  };
  const withDeadline = <T>(work: Promise<T>, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new UnexpectedResponse('workflow', undefined, `${what} did not finish within ${proposalTimeoutMs} ms`)), proposalTimeoutMs);
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  };

  const started = performance.now();
  const inFlightNow: Started[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.burst === true ? options.proposals : startConcurrency, options.proposals) }, async () => {
      for (let index = next++; index < options.proposals; index = next++) {
        try {
          inFlightNow.push(await withDeadline(startOne(index), `Starting proposal ${index}`));
        } catch (error) {
          recordFailure(error);
        }
      }
    }),
  );
  const answeringStarted = performance.now();
  await Promise.all(
    inFlightNow.map(async (proposal) => {
      try {
        await withDeadline(finishOne(proposal), `Proposal ${proposal.index}`);
        completed += 1;
        options.onProgress?.({ completed, failed, proposals: options.proposals });
      } catch (error) {
        recordFailure(error);
      }
    }),
  );
  const durationMs = performance.now() - started;
  const phasesMs = { start: answeringStarted - started, answerAndDecide: performance.now() - answeringStarted };
  await outbox.stop();
  const workflows = options.stepFunctionsEndpoint === undefined ? undefined : await workflowsAfterRun(options.stepFunctionsEndpoint);
  // The workflows of proposals that failed above are left running: count only the others.
  if (workflows !== undefined) workflows.running = Math.max(0, workflows.running - failed);
  if (workflows !== undefined && (workflows.failed > 0 || workflows.running > 0)) {
    errors.push({ endpoint: 'workflow', message: `After the run, ${workflows.failed} workflows had failed and ${workflows.running} were still running` });
  }
  return { proposals: options.proposals, completed, failed, errors, durationMs, httpConcurrency, startConcurrency, inFlight: inFlightNow.length, phasesMs, requests, latencies, visibility, workflowToDecision, workflowAfterLastAnswer, ...(workflows === undefined ? {} : { workflows }) };
}

/** From the last CHECK_ANSWERED to CHECKS_COMPLETE in a proposal's audit events, in ms; undefined without both. */
function storedWorkflowLatency(events: readonly { type: string; at: string }[]): number | undefined {
  const lastAnswer = Math.max(...events.filter((event) => event.type === 'CHECK_ANSWERED').map((event) => Date.parse(event.at)));
  const complete = events.find((event) => event.type === 'CHECKS_COMPLETE');
  if (complete === undefined || !Number.isFinite(lastAnswer)) return undefined;
  return Date.parse(complete.at) - lastAnswer;
}

/** Waits (up to 60 s) for every execution to end; then how many ended otherwise than SUCCEEDED, and how many still run. */
async function workflowsAfterRun(endpoint: string): Promise<{ failed: number; running: number }> {
  const client = new SFNClient({ endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const stateMachineArn = 'arn:aws:states:eu-west-2:000000000000:stateMachine:curfew-checks';
  const count = async (statusFilter: 'RUNNING' | 'FAILED' | 'TIMED_OUT' | 'ABORTED') => {
    let total = 0;
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter, maxResults: 1000, ...(nextToken === undefined ? {} : { nextToken }) }));
      total += page.executions?.length ?? 0;
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return total;
  };
  try {
    const deadline = Date.now() + 60_000;
    let running = await count('RUNNING');
    while (running > 0 && Date.now() < deadline) {
      await sleep(500);
      running = await count('RUNNING');
    }
    return { failed: (await count('FAILED')) + (await count('TIMED_OUT')) + (await count('ABORTED')), running };
  } finally {
    client.destroy();
  }
}
