import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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
import { TableWatch } from './table-watch.ts';

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
  const stack: LocalStack = await startLocalStack({ logLevel: 'ERROR', linkRequestsPerMinute: 1_000_000_000 });
  const api = apiClient(stack.url);
  const routes = compileRoutes(functionRegistry);
  // Loads the same handler modules as the stack's own runner (one module instance each).
  const runner = createLambdaRunner(functionRegistry);
  const dynamoDb = new DynamoDBClient(localDynamoDbClientConfig(stack.dynamoDbEndpoint));
  const watch = await TableWatch.start(dynamoDb, localDynamoDbClientConfig(stack.dynamoDbEndpoint), stack.tableName);

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
    /** The table as it is now, followed through its stream (see TableWatch). */
    snapshot: () => watch.snapshot(),
    /** Reads the whole table: throws if it differs from what the stream said. */
    verifyWatch: () => watch.verify(),
    async stop() {
      watch.stop();
      dynamoDb.destroy();
      await stack.stop();
    },
  };
}

export type Driver = Awaited<ReturnType<typeof startDriver>>;
