import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { computeDueAt } from '#domain/deadlines';
import { localDynamoDbClientConfig, startDynamoDbLocal, type DynamoDbLocal } from '../../../infra/local/dynamodb-local.ts';
import { demoStaff } from '#infra/local/demo-staff';
import { apiClient, type OutboxMessage as ListedMessage } from '../../support/api-client.ts';
import { addDays, todayInLondon } from '../../support/dates.ts';
import { randomFrom } from '../../support/random.ts';
import { startFakeNotifyServer, type FakeNotifyServer } from '../../support/fake-notify-server.ts';
import { consent, informationHeld, noInformation, notKnown, proposalBody, refusal } from '../../support/proposals.ts';
import { startStackLife, type LifeEnd, type StackLife } from './stack-supervisor.ts';

/**
 * Crash recovery (issue 6, point 1): journeys driven through the HTTP API like users, while the
 * stack's process is SIGKILLed at random moments and at two deterministic crash points:
 * `answer-stored` (an answer committed, the workflow task not yet completed) and `message-sent`
 * (Notify accepted a message, it is not yet recorded as SENT). Then one last start, and every
 * invariant is read back from the table, the fake Notify and the API.
 *
 * Phases: (A) journeys are started and answered while the stack is killed; (B) the clock is moved
 * past the checks' deadline and the stack keeps being killed while it marks the unanswered checks
 * OVERDUE and tells the officer and the SPO; (C) a final clean start, quiescence, verification.
 * Every restart moves the handlers' clock on by `restartClockStepMs` (the restart "took" that
 * long), past the 2-minute limit after which a message left SENDING by a crash is settled by its
 * Notify reference: deployed, the one-minute sweep does that; here it would otherwise take 2 real
 * minutes per crash.
 */
export const crashPointNames = ['answer-stored', 'message-sent', 'hearing-moved', 'address-replaced'] as const;
export type CrashPointName = (typeof crashPointNames)[number];

export interface CrashRunOptions {
  journeys: number;
  /** Keep killing (in phase B if need be) until at least this many kills. */
  minKills: number;
  /** Kills while the overdue checks are being marked and notified (phase B) the run must reach. */
  minOverdueKills: number;
  /** Kills at each crash point the run must reach (it arms the one with fewest until then). */
  minKillsPerCrashPoint: number;
  /** Journeys driven at the same time. */
  concurrency: number;
  /** Up to this long (random) before each answer: people do not answer at once. */
  answerDelayMs: number;
  /** The chance that a pass through the armed crash point kills (1: the first pass). */
  crashPointChance: number;
  /** A life with a crash point armed is also killed by a timer after a random time in this range (ms). */
  timerKillMs: readonly [number, number];
  /** Fraction of lives with no crash point armed: only the timer kills them. */
  timerOnlyShare: number;
  seed: number;
  /** Stop killing (and report what did not finish) after this long. */
  timeoutMs: number;
  /** After the final start, how long everything may take to settle. */
  settleTimeoutMs: number;
  log?: (line: string) => void;
}

export interface CrashRunSummary {
  target: { journeys: number; kills: number; answersLost: 0; stuckChecks: 0; duplicateMessages: 0 };
  journeys: number;
  journeysByKind: Record<string, number>;
  kills: number;
  killsByCause: Record<string, number>;
  killsByPhase: { answering: number; overdue: number };
  unexpectedExits: string[];
  answersGiven: number;
  answersRetriedAfterCrash: number;
  answersLost: number;
  proposalsInWrongState: number;
  stuckChecks: number;
  checksMarkedOverdue: number;
  overdueNoticesMissing: number;
  /** ADJOURNED journeys whose hearing, adjournments, checks' due times or overdue notices did not follow every move. */
  adjournmentsNotFollowed: number;
  /** REFUSAL journeys whose other addresses are not one chain of versions, each with its own requests and workflow. */
  addressVersionsWrong: number;
  messages: number;
  duplicateMessages: number;
  duplicateOutboxMessages: number;
  messagesNotDelivered: number;
  strayNotifications: number;
  failedExecutions: number;
  apiMismatches: number;
  journeyErrors: string[];
  problems: string[];
  seed: number;
  durationSeconds: number;
  passed: boolean;
}

type OutboxMessage = ListedMessage & { deliveryStatus?: string };
type Kind = 'CLEAR' | 'CLEAR_DECIDED' | 'CONCERN' | 'REFUSAL' | 'UNANSWERED' | 'ADJOURNED';
type Answer = Record<string, unknown>;

interface Journey {
  index: number;
  kind: Kind;
  idempotencyKey: string;
  body: ReturnType<typeof proposalBody>;
  residents: number;
  police: Answer | undefined;
  childrensServices: Answer | undefined;
  residentAnswers: (Answer | undefined)[];
  expectedStatus: string;
  expectedConcerns: boolean;
  proposalId?: string;
  /** Phase A is over for this journey: answered and at its status (or its partial answers in). */
  done: boolean;
  answersRetried: number;
  /** ADJOURNED: the hearing date the officer last moved it to, and how many times it moved. */
  adjournedTo?: string;
  adjournments: number;
  /** REFUSAL: the proposals for other addresses, in order, each the next version of the one before. */
  otherAddresses: string[];
}

interface StoredCheck {
  checkId: string;
  type: string;
  residentId?: string;
  status: string;
  dueAt: string;
  answer?: Record<string, unknown>;
}


const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const concernFromChildrensServices = { outcome: 'KNOWN_NO_CURRENT_INVOLVEMENT', summary: 'Known in 2023, case closed.', restricted: false, responder: notKnown.responder };

/** What the residents, police and children's services will answer, and what that implies. */
function planJourney(index: number, kind: Kind, random: () => number, hearingDate: string, today: string): Journey {
  const residents = 1 + Math.floor(random() * 2);
  const residentBodies = Array.from({ length: residents }, (_, n) =>
    (index + n) % 3 === 0
      ? { fullName: `Resident ${index}-${n}`, relationship: 'FRIEND', mobile: `07700 9${String(10000 + index * 10 + n).slice(-5)}`, language: 'en' }
      : { fullName: `Resident ${index}-${n}`, relationship: n === 0 ? 'PARTNER' : 'PARENT', email: `resident-${index}-${n}@example.org`, language: n === 1 ? 'cy' : 'en' },
  );
  const body = proposalBody({ hearingDate, today, residents: residentBodies });
  const policeConcern = kind === 'CONCERN' && random() < 0.5;
  const journey: Journey = {
    index,
    kind,
    idempotencyKey: `crash-${randomUUID()}`,
    body,
    residents,
    police: policeConcern ? informationHeld : noInformation,
    childrensServices: kind === 'CONCERN' && !policeConcern ? concernFromChildrensServices : notKnown,
    residentAnswers: residentBodies.map(() => consent),
    expectedStatus: 'AWAITING_DECISION',
    expectedConcerns: kind === 'CONCERN',
    done: false,
    answersRetried: 0,
    adjournments: 0,
    otherAddresses: [],
  };
  if (kind === 'CLEAR_DECIDED') journey.expectedStatus = 'SUITABLE';
  if (kind === 'REFUSAL') {
    journey.residentAnswers[Math.floor(random() * residents)] = refusal;
    journey.expectedStatus = 'UNSUITABLE';
  }
  if (kind === 'UNANSWERED' || kind === 'ADJOURNED') {
    // Children's services answer; the police and the residents never do (ADJOURNED: and the hearing moves before the checks are due).
    journey.police = undefined;
    journey.residentAnswers = residentBodies.map(() => undefined);
    journey.expectedStatus = 'CHECKS_IN_PROGRESS';
    journey.expectedConcerns = false;
  }
  return journey;
}

function kindsFor(count: number, random: () => number): Kind[] {
  const cycle: Kind[] = ['CLEAR_DECIDED', 'CONCERN', 'REFUSAL', 'UNANSWERED', 'CLEAR', 'ADJOURNED'];
  const kinds = Array.from({ length: count }, (_, index) => cycle[index % cycle.length] as Kind);
  for (let i = kinds.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as Kind, kinds[i] as Kind];
  }
  return kinds;
}

export async function runCrashHarness(options: CrashRunOptions): Promise<CrashRunSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const random = randomFrom(options.seed);
  const problems: string[] = [];
  const journeyErrors: string[] = [];
  const unexpectedExits: string[] = [];
  const killsByCause: Record<string, number> = { timer: 0, 'answer-stored': 0, 'message-sent': 0, 'hearing-moved': 0, 'address-replaced': 0 };
  const killsByPhase = { answering: 0, overdue: 0 };
  const restartClockStepMs = 150_000;
  // Journeys and kills stop here, whatever is left undone (it is reported).
  const overallDeadline = started + options.timeoutMs;

  let dynamoDb: DynamoDbLocal | undefined;
  let fake: FakeNotifyServer | undefined;
  let life: StackLife | undefined;
  let table: DynamoDBDocumentClient | undefined;
  try {
    dynamoDb = await startDynamoDbLocal();
    table = DynamoDBDocumentClient.from(new DynamoDBClient(localDynamoDbClientConfig(dynamoDb.endpoint)));
    fake = await startFakeNotifyServer();
    const notify = { baseUrl: fake.url, apiKey: fake.key.apiKey, callbackBearerToken: `callback-${randomUUID()}` };
    const ports = { port: await freePort(), stepFunctionsPort: await freePort(), oidcPort: await freePort() };
    const tableName = 'curfew-checks';

    // Every journey's checks fall due at the same time, a few days ahead.
    const today = todayInLondon();
    const hearingDate = addDays(today, 10);
    const dueAt = computeDueAt(hearingDate, 'SHORT_FORMAT');
    const journeys = kindsFor(options.journeys, random).map((kind, index) => planJourney(index, kind, random, hearingDate, today));
    const court = journeys[0]?.body.courtCode ?? 'B01LY00';
    // The officer who started the checks and each senior probation officer of the court.
    const overdueRecipients = 1 + demoStaff.filter((user) => user.role === 'SENIOR_PROBATION_OFFICER' && user.courts.includes(court)).length;

    // --- The stack's lives ---
    let generation = 0;
    let clockOffsetMs = 0;
    let phase = 'answering' as 'answering' | 'overdue' | 'final';
    let current: { life: StackLife; api: ReturnType<typeof apiClient> } | undefined;
    let upWaiters: (() => void)[] = [];
    const totalKills = () => Object.values(killsByCause).reduce((sum, count) => sum + count, 0);

    function recordEnd(end: LifeEnd): void {
      if (end.cause === 'harness-kill') killsByCause.timer = (killsByCause.timer ?? 0) + 1;
      else if (end.cause === 'crash-point') killsByCause[end.point] = (killsByCause[end.point] ?? 0) + 1;
      else if (end.cause === 'unexpected') unexpectedExits.push(end.detail);
      if (end.cause === 'harness-kill' || end.cause === 'crash-point') {
        if (phase === 'answering') killsByPhase.answering += 1;
        else if (phase === 'overdue') killsByPhase.overdue += 1;
      }
      log(`life ${generation} ended: ${end.cause === 'crash-point' ? `crash point ${end.point}` : end.cause} (kills ${totalKills()})`);
    }

    /**
     * True while the life that serves is armed for a crash point still short of its minimum: the
     * timer gives that life four times the longest wait, so the crash point has time to fire on a
     * loaded machine (short timer kills once starved a crash point of lives long enough to reach it).
     */
    let lifeMustReachCrashPoint = false;

    function armFor(): string | undefined {
      lifeMustReachCrashPoint = false;
      if (phase === 'final') return undefined;
      const behind = crashPointNames.filter((name) => (killsByCause[name] ?? 0) < options.minKillsPerCrashPoint);
      if (behind.length > 0) {
        // The crash point with fewest kills, so each reaches its minimum.
        const name = [...behind].sort((a, b) => (killsByCause[a] ?? 0) - (killsByCause[b] ?? 0))[0];
        lifeMustReachCrashPoint = true;
        return `${name}:1`;
      }
      if (random() < options.timerOnlyShare) return undefined;
      const name = crashPointNames[Math.floor(random() * crashPointNames.length)];
      return `${name}:${options.crashPointChance}`;
    }

    /** Starts lives until one serves (a crash point may kill one while it starts). */
    async function bringUp(): Promise<StackLife> {
      for (;;) {
        generation += 1;
        const crashPoints = armFor();
        const started = await startStackLife(generation, { ...ports, dynamoDbEndpoint: dynamoDb?.endpoint ?? '', notify, clockOffsetMs, crashPoints });
        if ('endedBeforeReady' in started) {
          recordEnd(started.endedBeforeReady);
          if (started.endedBeforeReady.cause === 'unexpected' && unexpectedExits.length > 5) throw new Error(`The stack keeps failing to start: ${started.endedBeforeReady.detail}`);
          clockOffsetMs += restartClockStepMs;
          continue;
        }
        log(`life ${generation} up${crashPoints === undefined ? '' : ` (armed ${crashPoints})`}`);
        current = { life: started, api: apiClient(started.url, { auth: 'session' }) };
        const waiters = upWaiters;
        upWaiters = [];
        for (const wake of waiters) wake();
        return started;
      }
    }

    /** The stack as it is now, waiting for it to be up again if it is down. */
    async function up(): Promise<{ life: StackLife; api: ReturnType<typeof apiClient> }> {
      while (current === undefined) {
        await new Promise<void>((resolve) => upWaiters.push(resolve));
      }
      return current;
    }

    /**
     * Does something as a user would, again after a crash: a request that dies with the process
     * (or finds it down) is repeated once the stack is back. Gives up after `limitMs`.
     */
    async function asUser<T>(what: string, action: (api: ReturnType<typeof apiClient>) => Promise<T>, limitMs = 240_000): Promise<T> {
      const deadline = Math.min(Date.now() + limitMs, overallDeadline);
      for (;;) {
        const { life: at, api } = await up();
        try {
          return await action(api);
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          // Down, or dying: wait until this life has ended and another serves, or a moment if it still serves.
          await Promise.race([at.ended, sleep(500)]);
          if (current?.life === at) await sleep(250);
        }
      }
    }

    // --- What users see: the outbox (which message is for whom) and the links Notify delivered ---
    let outbox: OutboxMessage[] = [];
    const outboxPoller = (async () => {
      while (phase !== 'final') {
        try {
          const { api } = await up();
          outbox = (await api.outbox()) as OutboxMessage[];
        } catch {
          // The stack died under the request: try again.
        }
        await sleep(700);
      }
    })();

    const deliveredLink = (messageId: string): string | undefined => {
      const notification = fake?.notifications.find((candidate) => candidate.reference === messageId);
      const link = notification?.personalisation.link;
      return typeof link === 'string' ? link : undefined;
    };

    async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, limitMs = 240_000): Promise<T> {
      const deadline = Math.min(Date.now() + limitMs, overallDeadline);
      for (;;) {
        const value = await probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        await sleep(400);
      }
    }

    async function statusOf(proposalId: string): Promise<{ status: string; concerns: boolean }> {
      return asUser('read the proposal', async (api) => {
        const response = await api.get<{ status: string; concerns: boolean }>(`/api/proposals/${proposalId}`, 'court.officer');
        if (response.status !== 200) throw new Error(`GET proposal answered ${response.status}`);
        return response.body;
      });
    }

    async function answer(journey: Journey, url: string, body: Answer): Promise<void> {
      let attempts = 0;
      await asUser('answer through a link', async (api) => {
        attempts += 1;
        const response = await api.answer(url, body);
        // 200: stored now. 410 after a crash: our earlier attempt was stored and consumed the link.
        if (response.status === 200 || (response.status === 410 && attempts > 1)) return;
        throw new Error(`answer answered ${response.status}`);
      });
      if (attempts > 1) journey.answersRetried += 1;
    }

    async function runJourney(journey: Journey): Promise<void> {
      const proposalId = await asUser('start the checks', async (api) => {
        const created = await api.post<{ proposalId: string }>('/api/proposals', journey.body, 'court.officer', { 'idempotency-key': journey.idempotencyKey });
        if (created.status !== 201) throw new Error(`POST /api/proposals answered ${created.status}`);
        return created.body.proposalId;
      });
      journey.proposalId = proposalId;
      const requests = await waitFor(`the requests of journey ${journey.index}`, () => {
        const found = outbox.filter((message) => message.proposalId === proposalId && message.kind === 'REQUEST');
        return found.length >= 2 + journey.residents && found.every((message) => deliveredLink(message.id) !== undefined) ? found : undefined;
      });
      const linkFor = (message: OutboxMessage | undefined) => (message === undefined ? undefined : deliveredLink(message.id));
      const residentIds = (await residentsOf(proposalId)).map((resident) => resident.residentId);
      const toAnswer: { url: string | undefined; body: Answer | undefined }[] = [
        { url: linkFor(requests.find((message) => message.checkType === 'DOMESTIC_ABUSE')), body: journey.police },
        { url: linkFor(requests.find((message) => message.checkType === 'CHILD_SAFEGUARDING')), body: journey.childrensServices },
        ...journey.residentAnswers.map((body, n) => ({ url: linkFor(requests.find((message) => message.checkType === 'RESIDENT_CONSENT' && message.residentId === residentIds[n])), body })),
      ];
      const order = toAnswer.filter((item) => item.body !== undefined).sort(() => random() - 0.5);
      for (const item of order) {
        if (item.url === undefined || item.body === undefined) throw new Error('A request had no link');
        await sleep(Math.floor(random() * options.answerDelayMs));
        await answer(journey, item.url, item.body);
      }
      if (journey.kind === 'ADJOURNED') {
        // The court adjourns a week, then a day at a time while the crash point after the move
        // still needs its kills (each move passes it once; the harness arms it once the other
        // points have theirs, so the moves go on until a life armed for it has died there).
        await adjourn(journey, proposalId, addDays(hearingDate, 7));
        while ((killsByCause['hearing-moved'] ?? 0) < options.minKillsPerCrashPoint && journey.adjournments < 120 && Date.now() < overallDeadline) {
          await sleep(250);
          await adjourn(journey, proposalId, addDays(journey.adjournedTo ?? hearingDate, 1));
        }
      }
      if (journey.kind !== 'UNANSWERED' && journey.kind !== 'ADJOURNED') {
        const reached = journey.kind === 'CLEAR_DECIDED' ? 'AWAITING_DECISION' : journey.expectedStatus;
        await waitFor(`journey ${journey.index} to reach ${reached}`, async () => ((await statusOf(proposalId)).status === reached ? true : undefined));
      }
      if (journey.kind === 'REFUSAL') {
        // Unsuitable: the officer proposes another address; then, while the crash point after that
        // write still needs its kills, withdraws it and proposes yet another (each passes it once).
        await proposeAnotherAddress(journey, proposalId);
        while ((killsByCause['address-replaced'] ?? 0) < options.minKillsPerCrashPoint && journey.otherAddresses.length < 60 && Date.now() < overallDeadline) {
          const latest = journey.otherAddresses.at(-1) ?? proposalId;
          await withdrawVersion(latest);
          await sleep(250);
          await proposeAnotherAddress(journey, latest);
        }
      }
      if (journey.kind === 'CLEAR_DECIDED') {
        await asUser('record the decision', async (api) => {
          const decided = await api.post<{ status?: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Every check is clear.' }, 'court.officer');
          if (decided.status === 200) return;
          // After a crash the first attempt may have been recorded: the proposal says.
          if ((await statusOf(proposalId)).status === 'SUITABLE') return;
          throw new Error(`decision answered ${decided.status}`);
        });
        await waitFor(`journey ${journey.index} to be SUITABLE`, async () => ((await statusOf(proposalId)).status === 'SUITABLE' ? true : undefined));
      }
      journey.done = true;
    }

    /** The officer records the adjournment, again after a crash: a move already stored answers 400 (the same date) and the proposal shows it. */
    async function adjourn(journey: Journey, proposalId: string, newDate: string): Promise<void> {
      let attempts = 0;
      await asUser('record the adjournment', async (api) => {
        attempts += 1;
        const response = await api.post(`/api/proposals/${proposalId}/adjournment`, { hearingDate: newDate, cause: 'CHECKS_OUTSTANDING' }, 'court.officer');
        if (response.status === 200) return;
        if (attempts > 1) {
          const view = await api.get<{ hearingDate: string }>(`/api/proposals/${proposalId}`, 'court.officer');
          if (view.status === 200 && view.body.hearingDate === newDate) return;
        }
        throw new Error(`adjournment answered ${response.status}`);
      });
      journey.adjournedTo = newDate;
      journey.adjournments += 1;
    }

    /** Another address for a proposal, again after a crash with the same Idempotency-Key: the same new version answers. */
    async function proposeAnotherAddress(journey: Journey, previousId: string): Promise<void> {
      const key = `crash-address-${previousId}`;
      const body = {
        address: { line1: `${journey.index} Other Road`, town: 'Bath', postcode: 'BA1 1AA' },
        residents: [{ fullName: `Other ${journey.index}-${journey.otherAddresses.length}`, relationship: 'PARENT', email: `other-${journey.index}-${journey.otherAddresses.length}@example.org`, language: 'en' }],
        noOtherAdults: false,
        childrenDeclaredByDefendant: { any: false },
        policeForce: 'AVON_AND_SOMERSET',
        localAuthority: 'BATH_AND_NORTH_EAST_SOMERSET',
      };
      const nextId = await asUser('propose another address', async (api) => {
        const response = await api.post<{ proposalId: string }>(`/api/proposals/${previousId}/alternative-address`, body, 'court.officer', { 'idempotency-key': key });
        if (response.status !== 201) throw new Error(`another address answered ${response.status}`);
        return response.body.proposalId;
      });
      journey.otherAddresses.push(nextId);
      // Its own requests go out (the workflow started by the request, or after a crash by its retry or the repair).
      await waitFor(`the requests for another address of journey ${journey.index}`, () => (outbox.filter((message) => message.proposalId === nextId && message.kind === 'REQUEST').length >= 3 ? true : undefined));
    }

    /** The officer withdraws a version (again after a crash: one already withdrawn answers 409, and the proposal says so). */
    async function withdrawVersion(proposalId: string): Promise<void> {
      await asUser('withdraw a version', async (api) => {
        const response = await api.post(`/api/proposals/${proposalId}/withdraw`, { reason: 'That address fell through too' }, 'court.officer');
        if (response.status === 200 || (await statusOf(proposalId)).status === 'WITHDRAWN') return;
        throw new Error(`withdraw answered ${response.status}`);
      });
    }

    async function residentsOf(proposalId: string): Promise<{ residentId: string }[]> {
      return asUser('read the residents', async (api) => {
        const response = await api.get<{ residents: { residentId: string }[] }>(`/api/proposals/${proposalId}`, 'court.officer');
        if (response.status !== 200) throw new Error(`GET proposal answered ${response.status}`);
        return response.body.residents;
      });
    }

    // --- Chaos: lives ended by a timer or a crash point, while a condition holds ---

    async function killWhile(keepGoing: () => boolean): Promise<void> {
      while (keepGoing() && Date.now() < overallDeadline) {
        const at = life ?? (life = await bringUp());
        const [min, max] = options.timerKillMs;
        const timer = sleep(lifeMustReachCrashPoint ? 4 * max : min + Math.floor(random() * (max - min)));
        const outcome = await Promise.race([at.ended.then(() => 'ended' as const), timer.then(() => 'timer' as const)]);
        current = undefined;
        const end = outcome === 'timer' ? await at.kill() : await at.ended;
        recordEnd(end);
        life = undefined;
        clockOffsetMs += restartClockStepMs;
        if (keepGoing()) life = await bringUp();
      }
    }

    // Phase A: the journeys, with kills.
    life = await bringUp();
    let next = 0;
    const workers = Array.from({ length: Math.min(options.concurrency, journeys.length) }, async () => {
      while (next < journeys.length) {
        const journey = journeys[next] as Journey;
        next += 1;
        await sleep(Math.floor(random() * 1_000));
        try {
          await runJourney(journey);
        } catch (error) {
          journeyErrors.push(`journey ${journey.index} (${journey.kind}): ${error instanceof Error ? error.message : String(error)}`);
          journey.done = true;
        }
        log(`journey ${journey.index} (${journey.kind}) ${journeyErrors.some((text) => text.startsWith(`journey ${journey.index} `)) ? 'FAILED' : 'done'}`);
      }
    });
    const allDone = Promise.all(workers);
    let journeysFinished = false;
    void allDone.then(() => {
      journeysFinished = true;
    });
    await killWhile(() => !journeysFinished);
    await allDone;

    // Phase B: the deadline passes; the unanswered checks must become OVERDUE, with kills.
    if (life !== undefined) {
      current = undefined;
      recordEnd(await life.kill());
      life = undefined;
    }
    phase = 'overdue';
    clockOffsetMs = Math.max(clockOffsetMs, dueAt.getTime() + 60_000 - Date.now());
    const unanswered = journeys.filter((journey) => journey.kind === 'UNANSWERED' && journey.proposalId !== undefined);
    const overdueExpected = unanswered.reduce((sum, journey) => sum + 1 + journey.residents, 0);
    const overdueDone = async () => {
      const checks = (await Promise.all(unanswered.map((journey) => checksOf(journey.proposalId ?? '')))).flat();
      const marked = checks.filter((check) => check.status === 'OVERDUE').length;
      const pending = outbox.filter((message) => message.kind === 'OVERDUE' && message.deliveryStatus !== 'SENT').length;
      return marked >= overdueExpected && pending === 0 && outbox.filter((message) => message.kind === 'OVERDUE').length >= marked * overdueRecipients;
    };
    async function checksOf(proposalId: string): Promise<StoredCheck[]> {
      const items = await table?.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :check)', ExpressionAttributeValues: { ':pk': `PROPOSAL#${proposalId}`, ':check': 'CHECK#' }, ConsistentRead: true }));
      return (items?.Items ?? []) as StoredCheck[];
    }
    let phaseBDone = false;
    const phaseBWatcher = (async () => {
      while (!phaseBDone && Date.now() < overallDeadline) {
        phaseBDone = (await overdueDone()) && totalKills() >= options.minKills && killsByPhase.overdue >= options.minOverdueKills;
        await sleep(500);
      }
    })();
    life = await bringUp();
    await killWhile(() => !phaseBDone);
    phaseBDone = true;
    await phaseBWatcher;

    // Phase C: one last start with nothing armed; wait until everything has settled.
    phase = 'final';
    if (life !== undefined) {
      current = undefined;
      // A clean stop, not a kill: the kills are over.
      recordEnd(await life.stop());
      life = undefined;
    }
    life = await bringUp();
    await outboxPoller; // it may have been waiting for this life
    const finalApi = apiClient(life.url, { auth: 'session' });
    const finalNow = new Date(Date.now() + clockOffsetMs);

    const settled = async (): Promise<boolean> => {
      const messages = (await finalApi.outbox()) as OutboxMessage[];
      if (messages.some((message) => message.deliveryStatus === 'PENDING' || message.deliveryStatus === 'SENDING')) return false;
      for (const journey of journeys) {
        if (journey.proposalId === undefined) continue;
        const proposal = await proposalItem(journey.proposalId);
        if (proposal?.status !== journey.expectedStatus) return false;
        const checks = await checksOf(journey.proposalId);
        if (checks.some((check) => check.status === 'REQUESTED' && new Date(check.dueAt) < finalNow)) return false;
      }
      return true;
    };
    async function proposalItem(proposalId: string): Promise<{ status: string; concerns: boolean; unsuitableReason?: string; needsAttention?: unknown; hearingDate?: string; adjournments?: unknown[] } | undefined> {
      const items = await table?.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': `PROPOSAL#${proposalId}`, ':sk': 'PROPOSAL' }, ConsistentRead: true }));
      return items?.Items?.[0] as { status: string; concerns: boolean } | undefined;
    }
    const settleDeadline = Date.now() + options.settleTimeoutMs;
    let quiet = 0;
    while (quiet < 2 && Date.now() < settleDeadline) {
      quiet = (await settled()) ? quiet + 1 : 0;
      await sleep(1_000);
    }
    if (quiet < 2) problems.push(`The stack did not settle within ${options.settleTimeoutMs / 1000} s of the final start`);

    // --- Verification ---
    let answersGiven = 0;
    let answersLost = 0;
    let proposalsInWrongState = 0;
    let stuckChecks = 0;
    let checksMarkedOverdue = 0;
    let overdueNoticesMissing = 0;
    let adjournmentsNotFollowed = 0;
    let addressVersionsWrong = 0;
    let apiMismatches = 0;
    const finalOutbox = (await finalApi.outbox()) as OutboxMessage[];
    for (const journey of journeys) {
      const intended = [journey.police, journey.childrensServices, ...journey.residentAnswers].filter((answer) => answer !== undefined).length;
      answersGiven += intended;
      if (journey.proposalId === undefined) {
        problems.push(`journey ${journey.index}: never started`);
        answersLost += intended;
        continue;
      }
      const proposal = await proposalItem(journey.proposalId);
      if (proposal?.status !== journey.expectedStatus || (journey.kind !== 'UNANSWERED' && journey.kind !== 'ADJOURNED' && proposal.concerns !== journey.expectedConcerns) || proposal.needsAttention !== undefined || (journey.kind === 'REFUSAL' && proposal.unsuitableReason !== 'CONSENT_NOT_GIVEN')) {
        proposalsInWrongState += 1;
        problems.push(`journey ${journey.index} (${journey.kind}): ${proposal?.status ?? 'missing'} concerns=${String(proposal?.concerns)}, expected ${journey.expectedStatus} concerns=${String(journey.expectedConcerns)}`);
      }
      const checks = await checksOf(journey.proposalId);
      const residentIds = ((await proposalResidents(journey.proposalId)) ?? []).map((resident) => resident.residentId);
      const expectations: { check: StoredCheck | undefined; answer: Answer | undefined; what: string }[] = [
        { check: checks.find((check) => check.type === 'DOMESTIC_ABUSE'), answer: journey.police, what: 'police' },
        { check: checks.find((check) => check.type === 'CHILD_SAFEGUARDING'), answer: journey.childrensServices, what: "children's services" },
        ...journey.residentAnswers.map((answer, n) => ({ check: checks.find((check) => check.type === 'RESIDENT_CONSENT' && check.residentId === residentIds[n]), answer, what: `resident ${n}` })),
      ];
      for (const { check, answer, what } of expectations) {
        // A refusal ends the checks at once (ADR 0016): a request still open then is cancelled, and its answer refused.
        const stoppedByRefusal = journey.kind === 'REFUSAL' && answer !== refusal && check?.status === 'CANCELLED';
        if (answer !== undefined && !stoppedByRefusal) {
          const key = 'outcome' in answer ? 'outcome' : 'decision';
          if (check?.status !== 'RESPONDED' || check.answer?.[key] !== answer[key]) {
            answersLost += 1;
            problems.push(`journey ${journey.index}: the ${what} answer is not stored (check ${check?.status ?? 'missing'})`);
          }
        } else if (check?.status === 'OVERDUE') {
          checksMarkedOverdue += 1;
          const notices = finalOutbox.filter((message) => message.kind === 'OVERDUE' && message.id.startsWith(`OVERDUE#${check.checkId}#`) && message.deliveryStatus === 'SENT');
          if (notices.length !== overdueRecipients) {
            overdueNoticesMissing += overdueRecipients - notices.length;
            problems.push(`journey ${journey.index}: ${notices.length} of ${overdueRecipients} overdue notices for the ${what} check`);
          }
        }
      }
      if (journey.kind === 'ADJOURNED') {
        // Every move stored once, whatever died around it; the checks follow the last date: due
        // then, never marked overdue against the first date (which the clock has passed), no notice sent.
        const dueThen = journey.adjournedTo === undefined ? undefined : computeDueAt(journey.adjournedTo, 'SHORT_FORMAT').toISOString();
        const wrong = [
          ...(proposal?.hearingDate === journey.adjournedTo ? [] : [`hearing ${proposal?.hearingDate ?? 'missing'}, adjourned to ${journey.adjournedTo ?? 'nothing'}`]),
          ...((proposal?.adjournments?.length ?? 0) === journey.adjournments ? [] : [`${proposal?.adjournments?.length ?? 0} adjournments kept of ${journey.adjournments}`]),
          ...checks.filter((check) => check.status !== 'RESPONDED' && check.dueAt !== dueThen).map((check) => `a ${check.type} check ${check.status} due ${check.dueAt}, not ${dueThen ?? '?'}`),
          ...finalOutbox.filter((message) => message.kind === 'OVERDUE' && message.proposalId === journey.proposalId).map((message) => `overdue notice ${message.id.split('#')[0]} sent`),
        ];
        if (wrong.length > 0) {
          adjournmentsNotFollowed += 1;
          problems.push(`journey ${journey.index} (ADJOURNED): ${wrong.join('; ')}`);
        }
      }
      if (journey.kind === 'REFUSAL') {
        // One chain of versions, whatever died around each write: each proposal names the next, each
        // new version is the next number of the case, every one but the last withdrawn, and each
        // has its own three requests (its workflow started, after a crash by the pending-start marker).
        const wrong: string[] = [];
        let previous = journey.proposalId;
        for (const [index, versionId] of journey.otherAddresses.entries()) {
          const before = await versionItem(previous);
          const version = await versionItem(versionId);
          if (before?.nextProposalId !== versionId) wrong.push(`version ${index + 1} names ${before?.nextProposalId ?? 'no'} next version`);
          if (version?.previousProposalId !== previous || version.caseId !== journey.proposalId || version.version !== index + 2) wrong.push(`version ${index + 2} is ${version?.caseId ?? '?'} v${String(version?.version)} after ${version?.previousProposalId ?? '?'}`);
          const last = index === journey.otherAddresses.length - 1;
          if (version?.status !== (last ? 'CHECKS_IN_PROGRESS' : 'WITHDRAWN')) wrong.push(`version ${index + 2} is ${version?.status ?? 'missing'}`);
          const requests = finalOutbox.filter((message) => message.proposalId === versionId && message.kind === 'REQUEST');
          if (requests.length !== 3) wrong.push(`version ${index + 2} has ${requests.length} requests`);
          previous = versionId;
        }
        if (journey.otherAddresses.length === 0 || (await versionItem(previous))?.nextProposalId !== undefined) wrong.push(`${journey.otherAddresses.length} other addresses, the last replaced too`);
        if (wrong.length > 0) {
          addressVersionsWrong += 1;
          problems.push(`journey ${journey.index} (REFUSAL, other addresses): ${wrong.join('; ')}`);
        }
      }
      for (const check of checks) {
        if (check.status === 'REQUESTED' && new Date(check.dueAt) < finalNow) {
          stuckChecks += 1;
          problems.push(`journey ${journey.index}: a ${check.type} check is past its deadline and not OVERDUE`);
        }
      }
      const view = await finalApi.get<{ status: string }>(`/api/proposals/${journey.proposalId}`, 'court.officer');
      if (view.status !== 200 || view.body.status !== proposal?.status) {
        apiMismatches += 1;
        problems.push(`journey ${journey.index}: the API shows ${view.status} ${view.body.status}, the table ${proposal?.status ?? 'nothing'}`);
      }
    }
    async function versionItem(proposalId: string): Promise<{ status: string; caseId?: string; version?: number; previousProposalId?: string; nextProposalId?: string } | undefined> {
      const items = await table?.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': `PROPOSAL#${proposalId}`, ':sk': 'PROPOSAL' }, ConsistentRead: true }));
      return items?.Items?.[0] as { status: string } | undefined;
    }
    async function proposalResidents(proposalId: string): Promise<{ residentId: string }[] | undefined> {
      const items = await table?.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': `PROPOSAL#${proposalId}`, ':sk': 'PROPOSAL' }, ConsistentRead: true }));
      return (items?.Items?.[0] as { residents?: { residentId: string }[] } | undefined)?.residents;
    }

    // Messages: one notification per reference at Notify, one outbox message per purpose, all delivered.
    const byReference = new Map<string, number>();
    for (const notification of fake.notifications) {
      const reference = notification.reference ?? '(none)';
      byReference.set(reference, (byReference.get(reference) ?? 0) + 1);
    }
    const duplicateMessages = [...byReference.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
    const purposes = new Map<string, number>();
    for (const message of finalOutbox) {
      const purpose = message.kind === 'REMINDER' ? message.id : [message.kind, message.proposalId, message.checkType, message.residentId ?? '', message.to].join('|');
      purposes.set(purpose, (purposes.get(purpose) ?? 0) + 1);
    }
    const duplicateOutboxMessages = [...purposes.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
    const messagesNotDelivered = finalOutbox.filter((message) => !['SENT', 'DELIVERED'].includes(message.deliveryStatus ?? '') || byReference.get(message.id) === undefined).length;
    const outboxIds = new Set(finalOutbox.map((message) => message.id));
    const strayNotifications = fake.notifications.filter((notification) => notification.reference === null || !outboxIds.has(notification.reference)).length;
    if (duplicateMessages > 0) problems.push(`${duplicateMessages} duplicate notifications at Notify: ${[...byReference].filter(([, count]) => count > 1).map(([reference]) => reference.split('#')[0]).join(', ')}`);
    if (duplicateOutboxMessages > 0) problems.push(`${duplicateOutboxMessages} duplicate outbox messages`);
    if (messagesNotDelivered > 0) problems.push(`${messagesNotDelivered} outbox messages not delivered once to Notify`);
    if (strayNotifications > 0) problems.push(`${strayNotifications} notifications at Notify with no outbox message`);

    // Executions: none failed (a failure would leave a proposal with no workflow behind it).
    const executions = (await table.send(new ScanCommand({ TableName: `${tableName}-local-executions`, ConsistentRead: true }))).Items ?? [];
    const failedExecutions = executions.filter((item) => typeof item.status === 'string' && ['FAILED', 'TIMED_OUT', 'ABORTED'].includes(item.status)).length;
    if (failedExecutions > 0) problems.push(`${failedExecutions} executions failed`);
    if (unexpectedExits.length > 0) problems.push(`${unexpectedExits.length} unexpected exits of the stack`);
    problems.push(...journeyErrors);

    const kills = totalKills();
    const journeysByKind: Record<string, number> = {};
    for (const journey of journeys) journeysByKind[journey.kind] = (journeysByKind[journey.kind] ?? 0) + 1;
    const passed =
      problems.length === 0 &&
      kills >= options.minKills &&
      crashPointNames.every((name) => (killsByCause[name] ?? 0) >= options.minKillsPerCrashPoint) &&
      answersLost === 0 &&
      stuckChecks === 0 &&
      duplicateMessages === 0;
    if (kills < options.minKills) problems.push(`only ${kills} kills (target ${options.minKills})`);
    return {
      target: { journeys: options.journeys, kills: options.minKills, answersLost: 0, stuckChecks: 0, duplicateMessages: 0 },
      journeys: journeys.length,
      journeysByKind,
      kills,
      killsByCause,
      killsByPhase,
      unexpectedExits,
      answersGiven,
      answersRetriedAfterCrash: journeys.reduce((sum, journey) => sum + journey.answersRetried, 0),
      answersLost,
      proposalsInWrongState,
      stuckChecks,
      checksMarkedOverdue,
      overdueNoticesMissing,
      adjournmentsNotFollowed,
      addressVersionsWrong,
      messages: finalOutbox.length,
      duplicateMessages,
      duplicateOutboxMessages,
      messagesNotDelivered,
      strayNotifications,
      failedExecutions,
      apiMismatches,
      journeyErrors,
      problems,
      seed: options.seed,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      passed,
    };
  } finally {
    if (life !== undefined) {
      await life.stop().catch(() => undefined);
    }
    table?.destroy();
    await fake?.stop().catch(() => undefined);
    await dynamoDb?.stop().catch(() => undefined);
  }
}
