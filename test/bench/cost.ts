/**
 * What one completed proposal costs to run on AWS, measured on a running local stack (issue 7,
 * `npm run bench`). Proposals are driven end to end through the HTTP API, as their users would;
 * the local stack runs the same handlers and the same workflow file as AWS, so what scales with
 * proposals is counted there:
 * - workflow state transitions (Standard workflows are billed per transition, retries included),
 *   from the local engine's events (infra/local/step-functions/transition-observer.ts);
 * - Lambda invocations and the time in each handler (infra/local/lambda-runner.ts), billed as
 *   GB-seconds at the deployed memory size;
 * - DynamoDB read and write request units, from ReturnConsumedCapacity on every call
 *   (test/bench/capacity-meter.ts, on the handlers' shared client);
 * - API requests (each also a CloudFront and a WAF request, and an X-Ray trace), counted here;
 * - messages (GOV.UK Notify: emails are free; texts are counted, not priced) and an estimate of
 *   the log bytes.
 * Prices are in test/bench/aws-prices.json, with their sources and the date they were taken.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { handlerDefaults } from '../../infra/constructs/handler-function.ts';
import { localDynamoDbClientConfig } from '../../infra/local/dynamodb-local.ts';
import { observeInvocations, type ObservedInvocation } from '../../infra/local/lambda-runner.ts';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { observeStateTransitions } from '../../infra/local/step-functions/index.ts';
import { bearerTokenFor } from '../support/sign-in.ts';
import { meterDynamoDbCapacity } from './capacity-meter.ts';
import { consent, informationHeld, noInformation, notKnown, proposalBody } from '../support/proposals.ts';

/** The target from issue 7; reported against, never changed to fit. */
export const costTargetUsdPerProposal = 0.002;
/** The yearly volume the issue asks about. */
export const proposalsPerYear = 100_000;

/**
 * Log bytes are estimated, not read from CloudWatch: per Lambda invocation, the platform's START,
 * END and REPORT lines and the X-Ray line (about 450 bytes together); per state transition, the
 * state machine's log level ALL without execution data writes about three history events of about
 * 350 bytes each (entered, scheduled/started, exited). Application log lines are counted as they
 * are written when the stack logs at INFO; tests start it SILENT, and then they are not counted.
 */
const platformLogBytesPerInvocation = 450;
const workflowLogBytesPerTransition = 3 * 350;

/**
 * Notify delivery (deployed only: the local stack shows the outbox, or delivers it on a timer):
 * per message, one deliver-messages invocation (a stream batch of one; batches of up to 4 make it
 * less) and, per email, one delivery receipt to notify-callback (an API request and an
 * invocation). Their durations and DynamoDB use are assumptions, not measurements.
 */
const modelledDelivery = { deliverMs: 150, callbackMs: 30, readUnitsPerMessage: 1, writeUnitsPerMessage: 3 } as const;

export interface CostPrices {
  region: string;
  takenOn: string;
  /** USD, see aws-prices.json for each source. */
  stepFunctionsStandardPerThousandTransitions: number;
  lambdaArmPerGbSecond: number;
  lambdaPerMillionRequests: number;
  dynamoDbOnDemandPerMillionWriteUnits: number;
  dynamoDbOnDemandPerMillionReadUnits: number;
  apiGatewayHttpApiPerMillionRequests: number;
  cloudFrontHttpsPerMillionRequests: number;
  wafPerMillionRequests: number;
  xRayPerMillionTracesRecorded: number;
  cloudWatchLogsIngestionPerGb: number;
  /** Names of the prices taken from memory rather than confirmed on the published page. */
  fromMemory: string[];
}

/** Counts per completed proposal (means over the run). */
export interface CostUsage {
  stateTransitions: number;
  lambdaInvocations: number;
  /** Each invocation's handler time rounded up to 1 ms, as Lambda bills it. */
  lambdaBilledMs: number;
  lambdaGbSeconds: number;
  dynamoDbReadUnits: number;
  dynamoDbWriteUnits: number;
  apiRequests: number;
  emails: number;
  textMessages: number;
  /** Estimated bytes written to CloudWatch Logs (see above). */
  logBytes: number;
  /** X-Ray traces: one per API request and one per workflow execution (everything sampled at this volume). */
  traces: number;
}

export type CostLine =
  | 'stepFunctions'
  | 'lambdaRequests'
  | 'lambdaDuration'
  | 'dynamoDbReads'
  | 'dynamoDbWrites'
  | 'apiGateway'
  | 'cloudFront'
  | 'waf'
  | 'xRay'
  | 'cloudWatchLogs';

export interface CostReport {
  /** ISO time the measurement ended. */
  measuredAt: string;
  proposals: number;
  /** How the proposals were made up, in words and in numbers. */
  mix: { description: string; withConcern: number; residents: number; countersigned: number };
  memorySizeMb: number;
  /** Measured on the local stack (deliver-messages and local-only functions left out). */
  measuredPerProposal: CostUsage;
  /** Notify delivery as deployed, modelled (see modelledDelivery). */
  modelledDeliveryPerProposal: Pick<CostUsage, 'lambdaInvocations' | 'lambdaBilledMs' | 'lambdaGbSeconds' | 'dynamoDbReadUnits' | 'dynamoDbWriteUnits' | 'apiRequests'>;
  /** Measured plus modelled: what is priced. */
  perProposal: CostUsage;
  /** State transitions of each execution, in the order the proposals were made. */
  transitionsPerExecution: number[];
  /** Per function: invocations per proposal and mean handler time. */
  byFunction: Record<string, { invocationsPerProposal: number; meanMs: number }>;
  /** Local module loading (tsx compiling TypeScript): not what Lambda's init costs, reported apart and not priced. */
  localModuleLoadMs: number;
  costPerProposalUsd: Record<CostLine, number> & { total: number };
  costPerYearUsd: Record<CostLine, number> & { total: number; proposalsPerYear: number };
  target: { usdPerProposal: number; met: boolean; /** Positive: over the target by this much. */ differenceUsd: number; ratio: number };
  prices: CostPrices;
  notes: string[];
}

interface PriceFile {
  region: string;
  takenOn: string;
  prices: Record<string, { usd: number; fromMemory: boolean }>;
}

export function loadPrices(file = path.join(import.meta.dirname, 'aws-prices.json')): CostPrices {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as PriceFile;
  const price = (name: string): number => {
    const entry = parsed.prices[name];
    if (entry === undefined || !Number.isFinite(entry.usd) || entry.usd <= 0) throw new Error(`aws-prices.json has no usable price ${name}`);
    return entry.usd;
  };
  return {
    region: parsed.region,
    takenOn: parsed.takenOn,
    stepFunctionsStandardPerThousandTransitions: price('stepFunctionsStandardPerThousandTransitions'),
    lambdaArmPerGbSecond: price('lambdaArmPerGbSecond'),
    lambdaPerMillionRequests: price('lambdaPerMillionRequests'),
    dynamoDbOnDemandPerMillionWriteUnits: price('dynamoDbOnDemandPerMillionWriteUnits'),
    dynamoDbOnDemandPerMillionReadUnits: price('dynamoDbOnDemandPerMillionReadUnits'),
    apiGatewayHttpApiPerMillionRequests: price('apiGatewayHttpApiPerMillionRequests'),
    cloudFrontHttpsPerMillionRequests: price('cloudFrontHttpsPerMillionRequests'),
    wafPerMillionRequests: price('wafPerMillionRequests'),
    xRayPerMillionTracesRecorded: price('xRayPerMillionTracesRecorded'),
    cloudWatchLogsIngestionPerGb: price('cloudWatchLogsIngestionPerGb'),
    fromMemory: Object.entries(parsed.prices)
      .filter(([, entry]) => entry.fromMemory)
      .map(([name]) => name),
  };
}


/** Functions that are not part of a proposal's deployed cost as measured here. */
const notMeasured = new Set(['deliver-messages', 'dev-outbox', 'outbox-page']);

interface Staff {
  officer: string;
  spo: string;
}

/**
 * Drives `proposals` complete proposals through the stack's API and prices what they used. The stack
 * must run in this process (its handlers and workflow engine are observed here): call
 * startLocalStack() first, ideally with a high linkRequestsPerMinute.
 */
export async function measureCost(options: { stack: LocalStack; proposals: number }): Promise<CostReport> {
  const { stack } = options;
  if (!Number.isInteger(options.proposals) || options.proposals < 1) throw new Error('proposals must be a positive whole number');
  const capacity = await meterDynamoDbCapacity();
  const prices = loadPrices();
  const memorySizeMb = handlerDefaults.memorySizeMb;

  const db = DynamoDBDocumentClient.from(new DynamoDBClient(localDynamoDbClientConfig(stack.dynamoDbEndpoint)));
  const sfn = new SFNClient({ endpoint: stack.stepFunctionsEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  // Signing in is Cognito's business (priced per user, not per request): done before counting.
  const staff: Staff = { officer: await bearerTokenFor(stack.url, 'court.officer'), spo: await bearerTokenFor(stack.url, 'spo') };

  const invocations: ObservedInvocation[] = [];
  const transitions = new Map<string, number>();
  let apiRequests = 0;
  let rateLimitedWaits = 0;
  let appLogBytes = 0;
  const originalWrite = process.stdout.write;
  const capacityBefore = { ...capacity };

  observeInvocations((invocation) => invocations.push(invocation));
  observeStateTransitions((transition) => transitions.set(transition.executionArn, (transitions.get(transition.executionArn) ?? 0) + 1));
  // Application log lines (Powertools writes JSON lines to stdout), counted and passed through.
  process.stdout.write = function countingWrite(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    if (text.startsWith('{') && text.includes('"level"')) appLogBytes += Buffer.byteLength(text);
    return (originalWrite as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof process.stdout.write;

  async function request(method: string, urlPath: string, init: { token?: string; body?: unknown; expect: number[] }): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = {};
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const send = () => fetch(`${stack.url}${urlPath}`, { method, headers, redirect: 'manual', ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
    let response = await send();
    // Every link holder here shares one address, so the link endpoints' per-address limit (the WAF
    // rule's stand-in) can refuse them; real recipients each have their own. Wait and send again,
    // without counting the refusals (start the stack with a high linkRequestsPerMinute to avoid it).
    for (let waited = 0; response.status === 429 && waited < 70_000; waited += 1000) {
      await response.body?.cancel();
      rateLimitedWaits += 1;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      response = await send();
    }
    apiRequests += 1;
    const text = await response.text();
    if (!init.expect.includes(response.status)) throw new Error(`${method} ${urlPath.replace(/\/r\/.*/, '/r/…')} answered ${response.status}, expected ${init.expect.join(' or ')}`);
    return (response.headers.get('content-type') ?? '').includes('json') && text !== '' ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  // The bench waits by reading the table and the workflow directly (its own clients, not counted),
  // so waiting adds no API request, invocation or capacity that a real user would not cause.
  async function outboxFor(proposalId: string): Promise<{ kind: string; to: string; checkType?: string; url?: string }[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'OUTBOX' }, ExclusiveStartKey: startKey }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items.filter((item) => item.proposalId === proposalId) as { kind: string; to: string; checkType?: string; url?: string }[];
  }
  async function statusOf(proposalId: string): Promise<string | undefined> {
    const item = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `PROPOSAL#${proposalId}`, sk: 'PROPOSAL' } }));
    return item.Item?.status as string | undefined;
  }

  const mix = { withConcern: 0, residents: 0, countersigned: 0 };
  const proposalIds: string[] = [];
  let emails = 0;
  let textMessages = 0;
  try {
    for (let index = 0; index < options.proposals; index += 1) {
      // The mix: every third proposal (the first included) has a police concern, so the officer's
      // SUITABLE needs a countersignature; every second has two adult residents, the others one.
      const concern = index % 3 === 0;
      const residentCount = index % 2 === 1 ? 2 : 1;
      const residents = Array.from({ length: residentCount }, (_, resident) => ({
        fullName: `Resident ${resident + 1}`,
        relationship: resident === 0 ? 'PARTNER' : 'PARENT',
        email: `resident${resident + 1}.${index}@example.org`,
        language: 'en',
      }));
      const created = await request('POST', '/api/proposals', { token: staff.officer, body: proposalBody({ residents }), expect: [201] });
      const proposalId = String(created.proposalId);
      proposalIds.push(proposalId);

      const requests = await until(async () => {
        const found = (await outboxFor(proposalId)).filter((message) => message.kind === 'REQUEST');
        return found.length >= 2 + residentCount ? found : undefined;
      }, `the requests of proposal ${index + 1}`);
      for (const message of requests) {
        const token = /\/r\/([^/]+)$/.exec(message.url ?? '')?.[1];
        if (token === undefined) throw new Error('A request without a link');
        // The recipient opens the link (a redirect that sets a cookie), then answers with it.
        await request('GET', `/r/${token}`, { expect: [303] });
        const answer = message.checkType === 'DOMESTIC_ABUSE' ? (concern ? informationHeld : noInformation) : message.checkType === 'CHILD_SAFEGUARDING' ? notKnown : consent;
        await request('POST', '/api/responses', { body: { token, ...answer }, expect: [200] });
      }
      await until(async () => ((await statusOf(proposalId)) === 'AWAITING_DECISION' ? true : undefined), `proposal ${index + 1} to await a decision`);
      // The officer looks at the proposal once before deciding (every view is audited: a write).
      await request('GET', `/api/proposals/${proposalId}`, { token: staff.officer, expect: [200] });
      const decided = await request('POST', `/api/proposals/${proposalId}/decision`, { token: staff.officer, body: { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Checks considered' }, expect: [200] });
      if (decided.status === 'AWAITING_COUNTERSIGN') {
        await request('POST', `/api/proposals/${proposalId}/countersign`, { token: staff.spo, body: { agree: true, comment: 'Agreed' }, expect: [200] });
        mix.countersigned += 1;
      }
      const executionArn = `arn:aws:states:eu-west-2:000000000000:execution:curfew-checks:${proposalId}`;
      await until(async () => {
        const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        if (execution.status === 'RUNNING') return undefined;
        if (execution.status !== 'SUCCEEDED') throw new Error(`The workflow of proposal ${index + 1} ended ${execution.status}`);
        return true;
      }, `the workflow of proposal ${index + 1} to finish`);
      if ((await statusOf(proposalId)) !== 'SUITABLE') throw new Error(`Proposal ${index + 1} did not end SUITABLE`);
      mix.withConcern += concern ? 1 : 0;
      mix.residents += residentCount;
      for (const message of await outboxFor(proposalId)) {
        if (message.to.includes('@')) emails += 1;
        else textMessages += 1;
      }
    }
  } finally {
    observeInvocations(undefined);
    observeStateTransitions(undefined);
    process.stdout.write = originalWrite;
    sfn.destroy();
    db.destroy();
  }

  if (invocations.length === 0 || transitions.size === 0) {
    throw new Error(
      'No invocation or state transition was observed: measureCost must run in the process that started the stack , not against a stack in another process',
    );
  }
  const capacityAfter = { ...capacity };
  if (capacityAfter.calls === capacityBefore.calls) {
    throw new Error('No DynamoDB capacity was counted: the handlers did not use the shared client this process metered');
  }
  const n = options.proposals;
  const measured = invocations.filter((invocation) => !notMeasured.has(invocation.name));
  const billedMs = measured.reduce((sum, invocation) => sum + Math.max(1, Math.ceil(invocation.durationMs)), 0);
  const gbSeconds = (ms: number) => (ms / 1000) * (memorySizeMb / 1024);
  const transitionsPerExecution = proposalIds.map((id) => transitions.get(`arn:aws:states:eu-west-2:000000000000:execution:curfew-checks:${id}`) ?? 0);
  const totalTransitions = transitionsPerExecution.reduce((sum, value) => sum + value, 0);

  const measuredPerProposal: CostUsage = {
    stateTransitions: totalTransitions / n,
    lambdaInvocations: measured.length / n,
    lambdaBilledMs: billedMs / n,
    lambdaGbSeconds: gbSeconds(billedMs) / n,
    dynamoDbReadUnits: (capacityAfter.readUnits - capacityBefore.readUnits) / n,
    dynamoDbWriteUnits: (capacityAfter.writeUnits - capacityBefore.writeUnits) / n,
    apiRequests: apiRequests / n,
    emails: emails / n,
    textMessages: textMessages / n,
    logBytes: (measured.length * platformLogBytesPerInvocation + totalTransitions * workflowLogBytesPerTransition + appLogBytes) / n,
    traces: (apiRequests + n) / n,
  };
  const messages = (emails + textMessages) / n;
  const modelledBilledMs = messages * modelledDelivery.deliverMs + (emails / n) * modelledDelivery.callbackMs;
  const modelledDeliveryPerProposal = {
    lambdaInvocations: messages + emails / n,
    lambdaBilledMs: modelledBilledMs,
    lambdaGbSeconds: gbSeconds(modelledBilledMs),
    dynamoDbReadUnits: messages * modelledDelivery.readUnitsPerMessage,
    dynamoDbWriteUnits: messages * modelledDelivery.writeUnitsPerMessage,
    apiRequests: emails / n,
  };
  const perProposal: CostUsage = {
    ...measuredPerProposal,
    lambdaInvocations: measuredPerProposal.lambdaInvocations + modelledDeliveryPerProposal.lambdaInvocations,
    lambdaBilledMs: measuredPerProposal.lambdaBilledMs + modelledDeliveryPerProposal.lambdaBilledMs,
    lambdaGbSeconds: measuredPerProposal.lambdaGbSeconds + modelledDeliveryPerProposal.lambdaGbSeconds,
    dynamoDbReadUnits: measuredPerProposal.dynamoDbReadUnits + modelledDeliveryPerProposal.dynamoDbReadUnits,
    dynamoDbWriteUnits: measuredPerProposal.dynamoDbWriteUnits + modelledDeliveryPerProposal.dynamoDbWriteUnits,
    apiRequests: measuredPerProposal.apiRequests + modelledDeliveryPerProposal.apiRequests,
    logBytes: measuredPerProposal.logBytes + modelledDeliveryPerProposal.lambdaInvocations * platformLogBytesPerInvocation,
    traces: measuredPerProposal.traces + modelledDeliveryPerProposal.apiRequests,
  };

  const perMillion = (count: number, price: number) => (count / 1_000_000) * price;
  const lines: Record<CostLine, number> = {
    stepFunctions: (perProposal.stateTransitions / 1000) * prices.stepFunctionsStandardPerThousandTransitions,
    lambdaRequests: perMillion(perProposal.lambdaInvocations, prices.lambdaPerMillionRequests),
    lambdaDuration: perProposal.lambdaGbSeconds * prices.lambdaArmPerGbSecond,
    dynamoDbReads: perMillion(perProposal.dynamoDbReadUnits, prices.dynamoDbOnDemandPerMillionReadUnits),
    dynamoDbWrites: perMillion(perProposal.dynamoDbWriteUnits, prices.dynamoDbOnDemandPerMillionWriteUnits),
    apiGateway: perMillion(perProposal.apiRequests, prices.apiGatewayHttpApiPerMillionRequests),
    // Notify's receipts call the API through CloudFront too; every request passes the WAF.
    cloudFront: perMillion(perProposal.apiRequests, prices.cloudFrontHttpsPerMillionRequests),
    waf: perMillion(perProposal.apiRequests, prices.wafPerMillionRequests),
    xRay: perMillion(perProposal.traces, prices.xRayPerMillionTracesRecorded),
    cloudWatchLogs: (perProposal.logBytes / 1e9) * prices.cloudWatchLogsIngestionPerGb,
  };
  const total = Object.values(lines).reduce((sum, value) => sum + value, 0);
  const yearly = Object.fromEntries(Object.entries(lines).map(([line, value]) => [line, value * proposalsPerYear])) as Record<CostLine, number>;
  const byFunction: CostReport['byFunction'] = {};
  for (const name of [...new Set(measured.map((invocation) => invocation.name))].sort()) {
    const mine = measured.filter((invocation) => invocation.name === name);
    byFunction[name] = { invocationsPerProposal: mine.length / n, meanMs: mine.reduce((sum, invocation) => sum + invocation.durationMs, 0) / mine.length };
  }

  const notes = [
    'Handler times are measured on the local stack (DynamoDB Local on a shared 2-core machine, TypeScript through tsx), so the Lambda duration is an estimate; timings are noisy.',
    `Notify delivery is modelled, not measured: per message one deliver-messages invocation of ${modelledDelivery.deliverMs} ms, ${modelledDelivery.readUnitsPerMessage} read and ${modelledDelivery.writeUnitsPerMessage} write units; per email one receipt (an API request and a ${modelledDelivery.callbackMs} ms notify-callback invocation).`,
    'Log bytes are estimated (platform lines per invocation, workflow history events per transition)' + (appLogBytes === 0 ? '; application log lines were not counted because the stack logged nothing (log level SILENT).' : ', plus the application log lines written.'),
    'Free tiers are ignored, Lambda INIT time (cold starts) is not priced, and the sentencer court list, reminders and overdue notices (none in this run: answers came at once) are not included.',
    ...(textMessages > 0 ? [`${(textMessages / n).toFixed(2)} text messages per proposal are not priced: Notify's free allowance, then a charge per fragment.`] : []),
    ...(invocations.some((invocation) => invocation.name === 'deliver-messages')
      ? ['The stack delivered through Notify on a timer: those deliver-messages invocations are left out of the measured figures (they are modelled), but the DynamoDB reads of its sweeps are in the measured capacity.']
      : []),
    ...(rateLimitedWaits > 0
      ? [`The local link rate limit (one address for every recipient here) made the bench wait ${rateLimitedWaits} s; refused requests are not counted. Start the stack with a higher linkRequestsPerMinute to avoid the wait.`]
      : []),
    ...(prices.fromMemory.length > 0 ? [`Prices from memory, to be confirmed: ${prices.fromMemory.join(', ')}.`] : []),
  ];

  return {
    measuredAt: new Date().toISOString(),
    proposals: n,
    mix: {
      description:
        'Every proposal goes end to end through the API: the officer starts the checks; the police, children\'s services and each adult resident open their link and answer; the officer views the proposal once and records SUITABLE. Every third proposal (the first included) has information held by the police (a concern), so a senior probation officer countersigns; every second proposal has two residents, the others one.',
      ...mix,
    },
    memorySizeMb,
    measuredPerProposal,
    modelledDeliveryPerProposal,
    perProposal,
    transitionsPerExecution,
    byFunction,
    localModuleLoadMs: invocations.reduce((sum, invocation) => sum + (invocation.loadMs ?? 0), 0),
    costPerProposalUsd: { ...lines, total },
    costPerYearUsd: { ...yearly, total: total * proposalsPerYear, proposalsPerYear },
    target: { usdPerProposal: costTargetUsdPerProposal, met: total < costTargetUsdPerProposal, differenceUsd: total - costTargetUsdPerProposal, ratio: total / costTargetUsdPerProposal },
    prices,
    notes,
  };
}
