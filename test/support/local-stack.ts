import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { localDynamoDbClientConfig, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { deleteTablesStartingWith } from './shared-dynamodb.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../infra/local/local-stack.ts';
import { apiClient, type ApiClient } from './api-client.ts';

export interface UseLocalStackOptions extends Pick<LocalStackOptions, 'logLevel' | 'linkRequestsPerMinute' | 'notify' | 'lambdaBundles' | 'rolePolicies' | 'concurrencyLimits' | 'eventBridge'> {
  /** The test calls `start()` itself (after moving the clock, say) instead of `beforeAll`. */
  deferStart?: boolean;
}

export interface LocalStackFixture {
  /** The running stack. It stands for whichever stack is running now, so it stays right after `restart()`. */
  readonly stack: LocalStack;
  /** Calls as another system would, with an access token per user (see `apiClient`); likewise follows restarts. */
  readonly api: ApiClient;
  /** Calls signed in like a browser (session cookie and CSRF token): valid at a moved clock, unlike provider tokens. */
  readonly sessionApi: ApiClient;
  /** A document client on the stack's DynamoDB Local, for tests that read or tamper with items directly. */
  table(): DynamoDBDocumentClient;
  /** Starts the stack: only with `deferStart`. */
  start(): Promise<void>;
  /**
   * Stops the stack and starts it again on the same data and ports, as `npm start` after Ctrl+C
   * would: the workflow replays running executions and recomputes every wait from the clock as it
   * is now, so a test moves the clock forward and restarts instead of waiting for days.
   */
  restart(): Promise<void>;
}

/**
 * The local stack for one test file (or one `describe`), set up the same way everywhere: started
 * in `beforeAll` (logging `SILENT` unless told), stopped in `afterAll`, with API clients and a table
 * client that always point at the stack now running. Its tables are its own, made fresh under a
 * name no other stack uses, in the DynamoDB Local the whole run shares
 * (test/support/dynamodb-local-setup.ts), and deleted when it stops; run without that set-up, it
 * starts a DynamoDB Local of its own. Either outlives the stack, so `restart()` finds the same data.
 * Hooks run as a stack (vitest.config.ts): a
 * `beforeAll` registered before this call runs before the stack starts (to capture output, start a
 * fake Notify, move the clock), and an `afterAll` registered after it runs before the stack stops.
 * The options may be a function, called as the stack starts, to use what an earlier `beforeAll`
 * made (the fake Notify's address, say).
 */
export function useLocalStack(options: UseLocalStackOptions | (() => UseLocalStackOptions) = {}): LocalStackFixture {
  /** A DynamoDB Local started for this stack alone, when the run shares none. */
  let ownDynamoDb: DynamoDbLocal | undefined;
  let dynamoDbEndpoint: string | undefined;
  const tableName = `curfew-checks-${randomBytes(4).toString('hex')}`;
  let current: LocalStack | undefined;
  let clients: { api: ApiClient; sessionApi: ApiClient } | undefined;
  let documents: DynamoDBDocumentClient | undefined;
  const settings = () => (typeof options === 'function' ? options() : options);

  const running = (): LocalStack => {
    if (current === undefined) throw new Error('The local stack is not running: use it inside a test or a later hook');
    return current;
  };
  const clientsNow = () => {
    clients ??= { api: apiClient(running().url), sessionApi: apiClient(running().url, { auth: 'session' }) };
    return clients;
  };
  const forget = () => {
    clients = undefined;
    documents?.destroy();
    documents = undefined;
  };

  async function start(ports: Pick<LocalStackOptions, 'port' | 'stepFunctionsPort' | 'oidcPort' | 'eventBridgePort'> = {}): Promise<void> {
    if (current !== undefined) throw new Error('The local stack is already running');
    if (dynamoDbEndpoint === undefined) throw new Error('No DynamoDB Local yet: start() runs after beforeAll');
    const { deferStart: _deferStart, ...stackOptions } = settings();
    current = await startLocalStack({ logLevel: 'SILENT', ...stackOptions, ...ports, dynamoDbEndpoint, tableName });
  }

  beforeAll(async () => {
    dynamoDbEndpoint = inject('dynamoDbEndpoint');
    if (dynamoDbEndpoint === undefined) {
      ownDynamoDb = await startDynamoDbLocal();
      dynamoDbEndpoint = ownDynamoDb.endpoint;
    }
    if (!settings().deferStart) await start();
  });

  afterAll(async () => {
    forget();
    try {
      await current?.stop();
    } finally {
      current = undefined;
      if (ownDynamoDb !== undefined) await ownDynamoDb.stop();
      else if (dynamoDbEndpoint !== undefined) await deleteTablesStartingWith(dynamoDbEndpoint, tableName); // its own and the workflow engine's, all named after its table
    }
  });

  const stack: LocalStack = {
    drainTableStream: () => running().drainTableStream(),
    get url() {
      return running().url;
    },
    get dynamoDbEndpoint() {
      return running().dynamoDbEndpoint;
    },
    get stepFunctionsEndpoint() {
      return running().stepFunctionsEndpoint;
    },
    get oidcIssuer() {
      return running().oidcIssuer;
    },
    get tableName() {
      return running().tableName;
    },
    get eventBridge() {
      return running().eventBridge;
    },
    runScheduledFunction: (name) => running().runScheduledFunction(name),
    throttled: () => running().throttled(),
    async stop() {
      const stopping = running();
      forget();
      current = undefined;
      await stopping.stop();
    },
  };

  return {
    stack,
    api: delegatingClient(() => clientsNow().api),
    sessionApi: delegatingClient(() => clientsNow().sessionApi),
    table: () => {
      documents ??= DynamoDBDocumentClient.from(new DynamoDBClient(localDynamoDbClientConfig(running().dynamoDbEndpoint)));
      return documents;
    },
    start: () => start(),
    restart: async () => {
      const stopping = running();
      const ports = { port: Number(new URL(stopping.url).port), stepFunctionsPort: Number(new URL(stopping.stepFunctionsEndpoint).port), oidcPort: Number(new URL(stopping.oidcIssuer).port), eventBridgePort: Number(new URL(stopping.eventBridge.endpoint).port) };
      forget();
      current = undefined;
      await stopping.stop();
      await start(ports);
    },
  };
}

/** An API client that passes each call to the client of the stack running now (a new one, with new sign-ins, after a restart). */
function delegatingClient(now: () => ApiClient): ApiClient {
  return {
    call: <T>(...args: Parameters<ApiClient['call']>) => now().call<T>(...args),
    get: <T = Record<string, unknown>>(...args: Parameters<ApiClient['get']>) => now().get<T>(...args),
    post: <T = Record<string, unknown>>(...args: Parameters<ApiClient['post']>) => now().post<T>(...args),
    outbox: () => now().outbox(),
    answer: (...args) => now().answer(...args),
  };
}
