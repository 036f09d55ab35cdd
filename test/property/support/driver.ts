import { createHash, randomBytes } from 'node:crypto';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { functionRegistry } from '../../../infra/function-registry.ts';
import { localDynamoDbClientConfig } from '../../../infra/local/dynamodb-local.ts';
import { apiGatewayEvent, compileRoutes, matchRoute } from '../../../infra/local/http-server.ts';
import { createLambdaRunner } from '../../../infra/local/lambda-runner.ts';
import { startLocalStack, type LocalStack } from '../../../infra/local/local-stack.ts';
import { apiClient, tokenFrom } from '../../support/api-client.ts';
import { requestsFor, startChecks, viewOf } from '../../support/journeys.ts';
import { proposalBody } from '../../support/proposals.ts';
import { bearerTokenFor, signIn } from '../../support/sign-in.ts';

/** One generated request, as a client would send it. */
export interface GeneratedRequest {
  method: string;
  /** Path and query string, already encoded as they go on the wire. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ObservedResponse {
  status: number;
  contentType: string;
  location?: string;
  body: string;
}

export type Transport = 'in-process' | 'http';

/** A proposal made for the runs, with the ids its routes need. */
export interface FixtureProposal {
  proposalId: string;
  residentIds: string[];
  checkIds: string[];
  /** Link tokens of its open checks, by check type. */
  tokens: { police: string; childrensServices: string; residents: string[] };
}

export interface Staff {
  bearer: string;
  cookie: string;
  csrfToken: string;
}

const notifyCallbackToken = randomBytes(32).toString('base64url');

/**
 * The local stack, the users and proposals the runs use, and two ways to send a request: over
 * HTTP to the local server, or in this process exactly as that server does (the same route
 * matching and API Gateway event from infra/local/http-server.ts, the same handlers), which is
 * several times faster and so carries the bulk of the runs.
 */
export async function startDriver() {
  // The callback route refuses everyone unless told the token; the runs need to get past it.
  process.env.NOTIFY_CALLBACK_BEARER_TOKEN = notifyCallbackToken;
  const stack: LocalStack = await startLocalStack({ logLevel: 'SILENT', linkRequestsPerMinute: 1_000_000_000 });
  const api = apiClient(stack.url);
  const routes = compileRoutes(functionRegistry);
  // Loads the same handler modules as the stack's own runner (one module instance each).
  const runner = createLambdaRunner(functionRegistry);
  const dynamoDb = new DynamoDBClient(localDynamoDbClientConfig(stack.dynamoDbEndpoint));

  async function staff(user: string): Promise<Staff> {
    const [bearer, session] = await Promise.all([bearerTokenFor(stack.url, user), signIn(stack.url, user)]);
    return { bearer, ...session };
  }

  async function newProposal(): Promise<FixtureProposal> {
    const body = proposalBody({
      residents: [
        { fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' },
        { fullName: 'Bo Resident', relationship: 'FRIEND', mobile: '07700900123', language: 'cy' },
        { fullName: 'Cy Resident', relationship: 'SIBLING', email: 'cy@example.org', language: 'en' },
      ],
    });
    const proposalId = await startChecks(api, body);
    const requests = await requestsFor(api, proposalId, 5);
    const view = await viewOf(api, proposalId);
    return {
      proposalId,
      residentIds: view.residents.map((resident) => resident.residentId),
      checkIds: view.checks.map((check) => check.checkId),
      tokens: {
        police: tokenFrom(requests.police.url ?? ''),
        childrensServices: tokenFrom(requests.childrensServices.url ?? ''),
        residents: requests.residents.map((message) => tokenFrom(message.url ?? '')),
      },
    };
  }

  async function sendInProcess(request: GeneratedRequest): Promise<ObservedResponse> {
    const url = new URL(request.path, 'http://local');
    const { route, candidates } = matchRoute(routes, request.method, url.pathname);
    if (route === undefined) {
      return { status: candidates.length > 0 ? 405 : 404, contentType: 'application/json', body: '' };
    }
    const host = new URL(stack.url).host;
    const built = apiGatewayEvent(route, { method: request.method, url, headers: { host, ...request.headers }, remoteAddress: '127.0.0.1', body: request.body ?? '' });
    if ('invalidPathParameter' in built) {
      return { status: 400, contentType: 'application/json', body: '' };
    }
    const result = (await runner.invoke(route.functionName, built.event)) as APIGatewayProxyStructuredResultV2;
    const headers = (result.headers ?? {}) as Record<string, string>;
    return { status: result.statusCode ?? 200, contentType: headers['content-type'] ?? '', ...(headers.location === undefined ? {} : { location: headers.location }), body: request.method === 'HEAD' ? '' : (result.body ?? '') };
  }

  async function sendHttp(request: GeneratedRequest): Promise<ObservedResponse> {
    const response = await fetch(`${stack.url}${request.path}`, {
      method: request.method,
      headers: request.headers,
      redirect: 'manual',
      ...(request.body === undefined || request.method === 'GET' || request.method === 'HEAD' ? {} : { body: request.body }),
    });
    const location = response.headers.get('location');
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', ...(location === null ? {} : { location }), body: await response.text() };
  }

  return {
    stack,
    api,
    notifyCallbackToken,
    staff,
    newProposal,
    send: (request: GeneratedRequest, transport: Transport) => (transport === 'http' ? sendHttp(request) : sendInProcess(request)),
    snapshot: () => snapshotTable(dynamoDb, stack.tableName),
    async stop() {
      dynamoDb.destroy();
      await stack.stop();
    },
  };
}

export type Driver = Awaited<ReturnType<typeof startDriver>>;

/** Audit actions that record a showing or a disclosure: a page shown again with an error is still shown. */
const disclosureActions = new Set(['PROPOSAL_VIEWED', 'RESTRICTED_ANSWERS_VIEWED', 'DISCLOSED_TO_COURT_LIST', 'SHOWN_TO_RESIDENT', 'DISCLOSED_TO_AGENCY', 'AUDIT_TRAIL_EXPORTED']);

export interface TableSnapshot {
  items: number;
  /** Every item, except a session's last-seen time (see below). */
  strict: string;
  /** As `strict`, without records of showings and disclosures and the audit chain heads they move. */
  state: string;
}

/**
 * The application table as two hashes over every item (sorted by key), so a batch of refused
 * requests can be shown to have changed nothing.
 *
 * Left out, and why:
 * - SESSION items' `lastSeenAt` and `expiresAt`: every staff request with a session moves the
 *   idle timer (at most once a minute, `touchSession`), whether or not the request is then
 *   refused, by design: the person was active. Nothing else of a session is left out, so a
 *   session that is created, deleted or changed otherwise still shows.
 * - In `state` only: audit records of showings and disclosures (PROPOSAL_VIEWED, DISCLOSED_TO_…,
 *   SHOWN_TO_RESIDENT, …) and the AUDIT_HEAD items they move. A form sent with errors comes back
 *   as the page again (400) with the case on it, and that showing is audited as any other: the
 *   record is right, not a change caused by the bad input. Batches in which no response showed a
 *   page are compared with `strict`, where these count.
 */
export async function snapshotTable(dynamoDb: DynamoDBClient, tableName: string): Promise<TableSnapshot> {
  const items: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamoDb.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }) }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  const keyOf = (item: Record<string, AttributeValue>) => `${item.pk?.S ?? ''}\u0000${item.sk?.S ?? ''}`;
  items.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const strict = createHash('sha256');
  const state = createHash('sha256');
  for (const item of items) {
    const type = item.itemType?.S;
    const { lastSeenAt: _lastSeenAt, expiresAt: _expiresAt, ...sessionRest } = item;
    const text = canonical(type === 'SESSION' ? sessionRest : item);
    strict.update(text);
    const disclosure = (type === 'AUDIT' && disclosureActions.has(item.action?.S ?? '')) || type === 'AUDIT_HEAD';
    if (!disclosure) {
      state.update(text);
    }
  }
  return { items: items.length, strict: strict.digest('hex'), state: state.digest('hex') };
}

/** JSON with keys sorted at every level, so equal items hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
