import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { writePrecompiledTemplates } from '../build/page-templates.ts';
import { functionRegistry } from '../function-registry.ts';
import { ensureApplicationTable } from './create-table.ts';
import { localDynamoDbClientConfig, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { armCrashPoints } from './crash-points.ts';
import { demoStaff } from './demo-staff.ts';
import { createFunctionConcurrency, defaultConcurrencyLimits, type ConcurrencyLimits } from './function-concurrency.ts';
import { createLocalHttpServer } from './http-server.ts';
import { createLambdaRunner, localFunctionArn } from './lambda-runner.ts';
import { localClientId, startLocalOidcProvider } from './oidc-provider.ts';
import { startLocalStepFunctions, type LocalStepFunctions } from './step-functions/index.ts';
import { EventBridgeServiceError, startLocalEventBridge, type LocalEventBridge } from './event-bridge.ts';
import { startNotifyDispatcher, type NotifyDispatcher } from './notify-dispatcher.ts';
import { attributeCallsToInvocations, callerOf } from './permissions/caller-identity.ts';
import { dynamoDbPermissionProxy } from './permissions/dynamodb-permission-proxy.ts';
import { accessDeniedMessage, isAllowed } from './permissions/policy-evaluation.ts';
import { createPermissionCheck, forLocalStack, reportRefusal, sharedRolePolicies, type RolePolicies } from './permissions/role-policies.ts';
import { stepFunctionsAccessOf } from './permissions/step-functions-access.ts';
import { StepFunctionsServiceError } from './step-functions/service-error.ts';
import { startLocalScheduler } from './scheduler.ts';
import { startTableStreamPoller, type TableStreamPoller } from './table-stream.ts';

export const workflowFile = path.resolve(import.meta.dirname, '..', '..', 'workflows', 'curfew-checks.asl.json');
export const stateMachineName = 'curfew-checks';

export interface LocalStackOptions {
  /** HTTP port for the API (0: any free port). */
  port?: number;
  /** Port for the local Step Functions endpoint (0: any free port). */
  stepFunctionsPort?: number;
  /** Port for the local OpenID Connect provider (0: any free port). */
  oidcPort?: number;
  /**
   * Port for the stack's own local EventBridge (0: any free port): the same again after a restart,
   * as a function's EventBridge client keeps the endpoint it was made with.
   */
  eventBridgePort?: number;
  /** Persist DynamoDB data here; omitted: in memory. */
  dataDir?: string;
  /** Use an already running DynamoDB Local instead of starting one (tests restarting the stack). */
  dynamoDbEndpoint?: string;
  tableName?: string;
  logLevel?: string;
  /** Per client address, on the link endpoints (the WAF rule's local stand-in). */
  linkRequestsPerMinute?: number;
  /**
   * GOV.UK Notify (a fake in tests): messages are delivered from the outbox. Omitted: taken from
   * NOTIFY_BASE_URL, NOTIFY_API_KEY and NOTIFY_CALLBACK_BEARER_TOKEN if all are set; otherwise
   * the outbox is only shown (GET /api/dev/outbox), as `npm start` does by default.
   */
  notify?: LocalNotifyOptions;
  /**
   * Run each function's deployed bundle in a worker thread of its own, with only its template's
   * variable names (local-bundle-runner.ts), instead of every handler's TypeScript in this process.
   * Default: LOCAL_STACK_LAMBDA_BUNDLES=on. Not yet the default (docs/decisions/0015-local-stack-parity.md).
   */
  lambdaBundles?: boolean;
  /**
   * The role policies the local endpoints check each function's calls against. Default: the
   * synthesized CDK app's (infra/local/permissions); a test passes them with a grant removed.
   */
  rolePolicies?: RolePolicies;
  /** Lambda's concurrency per function, played locally (function-concurrency.ts); default: defaultConcurrencyLimits. */
  concurrencyLimits?: ConcurrencyLimits;
  /**
   * The local EventBridge the domain events are published to (event-bridge.ts). Omitted: the stack
   * starts one of its own and stops it with itself; a test passes one to keep its events across a restart.
   */
  eventBridge?: LocalEventBridge;
}

export interface LocalNotifyOptions {
  baseUrl: string;
  apiKey: string;
  callbackBearerToken: string;
}

function notifyFromEnvironment(): LocalNotifyOptions | undefined {
  const { NOTIFY_BASE_URL: baseUrl, NOTIFY_API_KEY: apiKey, NOTIFY_CALLBACK_BEARER_TOKEN: callbackBearerToken } = process.env;
  return baseUrl && apiKey && callbackBearerToken ? { baseUrl, apiKey, callbackBearerToken } : undefined;
}

export interface LocalStack {
  url: string;
  dynamoDbEndpoint: string;
  stepFunctionsEndpoint: string;
  /** The local OpenID Connect provider's issuer (staff sign in there). */
  oidcIssuer: string;
  tableName: string;
  /** The local EventBridge: every domain event published, as a subscriber would receive it. */
  eventBridge: LocalEventBridge;
  /** Invocations throttled since the start, by function (function-concurrency.ts): a burst's cost. */
  throttled(): Record<string, number>;
  /** Runs a scheduled function (e.g. `send-overdue-digest`) now, as its schedule would. */
  runScheduledFunction(name: string): Promise<unknown>;
  /**
   * Hands every new audit record to `keep-performance-counts`, and every new domain event to
   * `publish-domain-events`, now, and waits until they are done (both follow the table's stream, a
   * moment behind; table-stream.ts).
   */
  drainTableStream(): Promise<void>;
  /** Stops everything this stack started. Running executions stay RUNNING and resume on the next start. */
  stop(): Promise<void>;
}

/**
 * The demo staff, written into the staff directory as their sign-in would write them, so notices
 * reach the demo SPOs and officers, and pages show their names, before anyone has signed in. The
 * directory is imported late: it reads its configuration from the environment this stack has just set.
 */
async function addDemoStaffToDirectory(): Promise<void> {
  const { recordTeamMember } = await import('#store/staff-directory');
  const at = new Date();
  for (const user of demoStaff) {
    await recordTeamMember(user, at);
  }
}

/** A free loopback port, found before anything reads the environment that names it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listen(server: Server, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/**
 * The whole system on one machine: DynamoDB Local, the workflow file run by the local engine,
 * and the registry's handlers behind a local HTTP server. Handlers read their configuration from
 * the environment at load, exactly as in Lambda, so it is set here before any handler loads.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  // The pages render templates compiled to JavaScript: brought up to date before any handler loads.
  writePrecompiledTemplates(path.resolve(import.meta.dirname, '..', '..'));
  const tableName = options.tableName ?? 'curfew-checks';
  const port = options.port || (await freePort());
  const stepFunctionsPort = options.stepFunctionsPort || (await freePort());
  let dynamoDbLocal: DynamoDbLocal | undefined;
  const dynamoDbEndpoint = options.dynamoDbEndpoint ?? (dynamoDbLocal = await startDynamoDbLocal(options.dataDir === undefined ? {} : { dataDir: options.dataDir })).endpoint;
  const url = `http://127.0.0.1:${port}`;
  const oidcProvider = await startLocalOidcProvider({
    port: options.oidcPort ?? 0,
    stackUrl: url,
    // As Cognito calls the deployed trigger: the same handler, through the runner made below
    // (tokens are only issued once the stack is up, so `runner` exists by then).
    preTokenGeneration: (event) => runner.invoke('pre-token-generation', event),
  });
  const stateMachineArn = `arn:aws:states:eu-west-2:000000000000:stateMachine:${stateMachineName}`;

  // IAM, as AWS applies it: each function's calls are checked against its role's policy in the
  // synthesized CDK app, in front of DynamoDB Local and in the local Step Functions endpoint.
  const eventBridge = options.eventBridge ?? (await startLocalEventBridge({ port: options.eventBridgePort ?? 0 }));
  const rolePolicies = forLocalStack(options.rolePolicies ?? sharedRolePolicies(), { tableName, stateMachineName, eventBusName: eventBridge.busName });
  const refusalOf = createPermissionCheck(rolePolicies, { localOnlyFunctions: functionRegistry.filter((definition) => definition.localOnly).map((definition) => definition.name) });
  const dynamoDbProxy = await dynamoDbPermissionProxy(dynamoDbEndpoint, refusalOf);
  // The domain events' bus checks PutEvents against the caller's role, as the other endpoints do.
  eventBridge.authorizeWith((headers, busArn) => {
    const refusal = refusalOf(callerOf(headers), 'events:PutEvents', busArn);
    if (refusal === undefined) return;
    reportRefusal(refusal);
    throw new EventBridgeServiceError('AccessDeniedException', accessDeniedMessage(refusal.functionName, 'events:PutEvents', busArn));
  });

  Object.assign(process.env, {
    TABLE_NAME: tableName,
    PUBLIC_BASE_URL: url,
    STATE_MACHINE_ARN: stateMachineArn,
    DYNAMODB_ENDPOINT: dynamoDbProxy.endpoint,
    SFN_ENDPOINT: `http://127.0.0.1:${stepFunctionsPort}`,
    EVENTBRIDGE_ENDPOINT: eventBridge.endpoint,
    EVENT_BUS_NAME: eventBridge.busName,
    LOCAL_DEVELOPMENT_ENDPOINTS: 'enabled',
    OIDC_ISSUER: oidcProvider.issuer,
    OIDC_CLIENT_ID: localClientId,
    // As deployed: access tokens have no `aud` and name the app client in `client_id`.
    OIDC_AUDIENCE: localClientId,
    // Plain http on 127.0.0.1: browsers refuse Secure (and so __Host-) cookies there.
    SESSION_COOKIE_SECURE: 'false',
    AWS_REGION: 'eu-west-2',
    POWERTOOLS_SERVICE_NAME: 'curfew-checks',
    // No CloudWatch locally to read metrics' log lines (functions/runtime/metrics.ts).
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
  });
  // --- GOV.UK Notify delivery (optional) ---
  const notify = options.notify ?? notifyFromEnvironment();
  if (notify !== undefined) {
    Object.assign(process.env, { NOTIFY_BASE_URL: notify.baseUrl, NOTIFY_API_KEY: notify.apiKey, NOTIFY_CALLBACK_BEARER_TOKEN: notify.callbackBearerToken });
  } else if (process.env.NOTIFY_CALLBACK_BEARER_TOKEN === undefined) {
    // Without Notify, the callback route still loads (and refuses everyone): a token nobody knows.
    process.env.NOTIFY_CALLBACK_BEARER_TOKEN = randomBytes(32).toString('base64url');
  }
  // --- end GOV.UK Notify delivery ---
  // What the local HTTP server adds to every request, as CloudFront does deployed: the handlers
  // refuse a request without it. New for each stack, unless the environment already names one.
  process.env.ORIGIN_VERIFY_TOKEN ??= randomBytes(32).toString('base64url');
  const originVerifyToken = process.env.ORIGIN_VERIFY_TOKEN;

  // Crash-recovery harness only (test/reliability): unset, nothing watches the handlers' checkpoints.
  armCrashPoints(process.env.LOCAL_CRASH_POINTS);

  const dynamoDbClient = new DynamoDBClient(localDynamoDbClientConfig(dynamoDbEndpoint));
  await ensureApplicationTable(dynamoDbClient, tableName);
  await addDemoStaffToDirectory();

  const lambdaBundles = options.lambdaBundles ?? process.env.LOCAL_STACK_LAMBDA_BUNDLES === 'on';
  if (!lambdaBundles) {
    // Handlers in this process share these clients: each request names the function it is made for.
    const clients = await import('#runtime/aws-clients');
    attributeCallsToInvocations(clients.dynamoDbClient);
    attributeCallsToInvocations(clients.stepFunctions);
    attributeCallsToInvocations((await import('#runtime/event-bridge-client')).eventBridge);
  }
  const bareRunner = lambdaBundles
    ? // Imported only when asked for: it loads the CDK library, which the default runner never needs.
      (await import('./local-bundle-runner.ts')).createLocalBundleRunner(functionRegistry, { ...process.env })
    : { ...createLambdaRunner(functionRegistry), stop: async () => undefined };
  // Lambda's concurrency: each function runs a few invocations at once, the rest wait or are throttled.
  const concurrency = createFunctionConcurrency(options.concurrencyLimits ?? defaultConcurrencyLimits);
  const runner = {
    /** An event (a schedule, the stream's stand-in, the sign-in trigger): queued as long as it takes. */
    invoke: (name: string, event: unknown) => concurrency.run(name, 'event', () => bareRunner.invoke(name, event)),
    stop: () => bareRunner.stop(),
  };
  const substitutions = Object.fromEntries(
    functionRegistry.flatMap((definition) => (definition.workflowPlaceholder === undefined ? [] : [[definition.workflowPlaceholder, localFunctionArn(definition.name)]])),
  );
  const requests = { invoke: (name: string, event: unknown) => concurrency.run(name, 'request', () => bareRunner.invoke(name, event)) };
  const server = createLocalHttpServer(functionRegistry, requests, { linkRequestsPerMinute: options.linkRequestsPerMinute ?? 120, originVerifyToken });
  await listen(server, port);
  let stepFunctions: LocalStepFunctions;
  try {
    stepFunctions = await startLocalStepFunctions({
      definition: readFileSync(workflowFile, 'utf8'),
      substitutions,
      stateMachineName,
      invokeFunction: async (functionArn, payload) => {
        // The state machine's own role must allow invoking the function, as on AWS.
        if (!isAllowed(rolePolicies.workflow, 'lambda:InvokeFunction', functionArn)) {
          throw Object.assign(new Error(accessDeniedMessage('StateMachine', 'lambda:InvokeFunction', functionArn)), { name: 'Lambda.AWSLambdaException' });
        }
        return concurrency.run(functionArn.split(':').at(-1) ?? '', 'workflow', () => bareRunner.invokeByArn(functionArn, payload));
      },
      authorize: (operationName, request, headers) => {
        const { action, resource } = stepFunctionsAccessOf(operationName, request, stateMachineArn);
        const refusal = refusalOf(callerOf(headers), action, resource);
        if (refusal === undefined) return;
        reportRefusal(refusal);
        throw new StepFunctionsServiceError('AccessDeniedException', accessDeniedMessage(refusal.functionName, action, resource));
      },
      dynamoDb: { endpoint: dynamoDbEndpoint },
      executionsTableName: `${tableName}-local-executions`,
      port: stepFunctionsPort,
    });
  } catch (error) {
    server.close();
    await runner.stop();
    dynamoDbProxy.release();
    await oidcProvider.stop();
    await dynamoDbLocal?.stop();
    if (options.eventBridge === undefined) await eventBridge.close();
    throw error;
  }
  // --- GOV.UK Notify delivery (optional): the timer that stands in for the table's stream ---
  const notifyDispatcher: NotifyDispatcher | undefined =
    notify === undefined
      ? undefined
      : startNotifyDispatcher(runner, { onError: (error) => process.stderr.write(`deliver-messages failed: ${error instanceof Error ? error.message : 'unknown error'}\n`) });
  // --- end GOV.UK Notify delivery ---
  const scheduler = startLocalScheduler(functionRegistry, runner, { onError: (name) => process.stderr.write(`${name} failed on its schedule\n`) });
  // The table's stream → keep-performance-counts (ADR 0020), read from DynamoDB Local's own stream.
  const tableStream: TableStreamPoller = await startTableStreamPoller(dynamoDbClient, localDynamoDbClientConfig(dynamoDbEndpoint), tableName, runner, {
    onError: (error) => process.stderr.write(`A table stream batch failed (keep-performance-counts or publish-domain-events): ${error instanceof Error ? error.message : 'unknown error'}\n`),
  });

  return {
    url,
    dynamoDbEndpoint,
    stepFunctionsEndpoint: stepFunctions.endpoint,
    oidcIssuer: oidcProvider.issuer,
    tableName,
    eventBridge,
    throttled: () => concurrency.throttled(),
    runScheduledFunction: (name) => scheduler.runNow(name),
    drainTableStream: () => tableStream.drain(),
    async stop() {
      await scheduler.stop();
      await tableStream.stop();
      await notifyDispatcher?.stop(); // GOV.UK Notify delivery (optional)
      await stepFunctions.stop();
      await runner.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      dynamoDbClient.destroy();
      dynamoDbProxy.release();
      await oidcProvider.stop();
      await dynamoDbLocal?.stop();
      // A bus the caller passed in outlives this stack (its events are the test's); our own stops with it.
      if (options.eventBridge === undefined) await eventBridge.close();
      else eventBridge.authorizeWith(undefined);
    },
  };
}
