import { readFileSync, readdirSync } from 'node:fs';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundleEntryFile, lambdaNodeMajorVersion, sharedLambdaBundles } from '#infra/build/lambda-bundles';
import { handlerDefaults } from '#infra/constructs/handler-function';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { deployedFunctions, type FunctionDefinition } from '#infra/function-registry';
import { createBundleRunner, type BundleRunner } from '../../infra/local/bundle-runner.ts';
import { ensureApplicationTable } from '../../infra/local/create-table.ts';
import { startLocalEventBridge, type LocalEventBridge } from '../../infra/local/event-bridge.ts';
import { localDynamoDbClientConfig } from '../../infra/local/dynamodb-local.ts';
import { startFakeSecretsManager, type FakeSecretsManager } from '../support/fake-secrets-manager.ts';
import { lambdaRuntimeVariables, plausibleValue } from './support/plausible-values.ts';
import { buildMainStack, repositoryRoot, synthesized, type SynthesizedStack } from './support/stack-template.ts';
import { secretsNamedByTemplate, templateVariablesOf } from './support/template-reading.ts';

/**
 * What we test is what we ship: every deployed function's bundle, exactly as the CDK app deploys
 * it (the one build, infra/build/lambda-bundles.ts), loaded in a Node.js 24 worker thread of its own
 * with exactly the variables its synthesized template gives it (references as plausible values)
 * plus what the Lambda runtime adds, and invoked: every function with an event of its kind (a
 * route, a workflow step, the stream consumer, a schedule, Cognito's trigger) against DynamoDB
 * Local. An import that fails, a variable a bundle reads that its template does not give, a
 * dependency left out of the bundle, or a page template missing from a page function's compiled
 * templates fails here rather than on the first day deployed.
 *
 * The only variables added are the SDK's own endpoint settings (AWS_ENDPOINT_URL_*), read by the
 * SDK and never by our code, which send the table, workflow and secret calls to local stand-ins.
 */

/** What an operator (or the stack) puts in each secret: plausible values in the shapes the settings check. */
function secretValue(variable: string): string {
  return variable === 'NOTIFY_API_KEY' ? 'curfew_checks-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0' : `a-generated-token-of-48-characters-for-${variable}`.padEnd(48, 'x');
}

/** The header CloudFront adds to every request it passes to the API, with the secret's value (runtime/origin-verification.ts). */
const originVerification = { 'x-origin-verify': secretValue('ORIGIN_VERIFY_TOKEN') };

let stack: CurfewChecksStack;
let template: SynthesizedStack;
let secretsManager: FakeSecretsManager;
let eventBridge: LocalEventBridge;
let runner: BundleRunner;
let dynamoDb: DynamoDBClient;
let tableName: string;

const runFile = promisify(execFile);

/** The variables the template gives a function, as the template writes them (references unresolved). */
const templateVariables = (definition: FunctionDefinition): Record<string, unknown> => templateVariablesOf(template, stack, definition.name);

/** The deployed function's process environment, with the SDK pointed at the local stand-ins. */
function deployedEnvironment(definition: FunctionDefinition, dynamoDbEndpoint: string): Record<string, string> {
  const own = Object.entries(templateVariables(definition)).map(([name, value]) => [name, plausibleValue(value, template.resources)]);
  return {
    ...lambdaRuntimeVariables(`CurfewChecks-${definition.name}`),
    ...Object.fromEntries(own),
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.endpoint,
    // Nothing listens here: a Step Functions call fails at once, as an unreachable service would.
    AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:9',
  };
}

beforeAll(async () => {
  stack = buildMainStack();
  template = synthesized(stack);
  const secrets = secretsNamedByTemplate(template, stack, secretValue);
  secretsManager = await startFakeSecretsManager(secrets);
  // The bus the template names (its plausible name); no IAM here: the grant is the stack test's and the local stack's.
  eventBridge = await startLocalEventBridge({ busName: plausibleValue(templateVariables(stack.handlerNamed('publish-domain-events').definition)['EVENT_BUS_NAME'], template.resources) });
  // The table every function with access to it is given, under the name the template's reference stands for.
  const tableUsers = deployedFunctions.filter((definition) => definition.access.table !== 'none');
  const tableNames = new Set(tableUsers.map((definition) => plausibleValue(templateVariables(definition)['TABLE_NAME'], template.resources)));
  expect(tableNames.size).toBe(1);
  tableName = [...tableNames][0] ?? '';
  const endpoint = inject('dynamoDbEndpoint');
  dynamoDb = new DynamoDBClient(localDynamoDbClientConfig(endpoint));
  await ensureApplicationTable(dynamoDb, tableName);
  runner = createBundleRunner(deployedFunctions, {
    bundles: sharedLambdaBundles(repositoryRoot),
    environmentOf: (definition) => deployedEnvironment(definition, endpoint),
  });
}, 180_000);

afterAll(async () => {
  await runner?.stop();
  await secretsManager?.close();
  await eventBridge?.close();
  if (dynamoDb !== undefined && tableName !== undefined) await dynamoDb.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  dynamoDb?.destroy();
});

/** An API Gateway payload-format 2.0 request, as CloudFront and API Gateway would pass it on (CloudFront's header included). */
function httpEvent(method: string, routePath: string, rawPath: string, pathParameters?: Record<string, string>) {
  return {
    version: '2.0',
    routeKey: `${method} ${routePath}`,
    rawPath,
    rawQueryString: '',
    headers: { host: 'curfew-checks.test.example.gov.uk', 'user-agent': 'bundles-test', ...originVerification },
    ...(pathParameters === undefined ? {} : { pathParameters }),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'curfew-checks.test.example.gov.uk',
      domainPrefix: 'curfew-checks',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'bundles-test' },
      requestId: 'bundles-test',
      routeKey: `${method} ${routePath}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}

describe('the bundles are built for the runtime they are deployed to', () => {
  it(`targets Node.js ${lambdaNodeMajorVersion}, the deployed runtime, and runs here on it`, () => {
    expect(handlerDefaults.runtime.name).toBe(`nodejs${lambdaNodeMajorVersion}.x`);
    expect(Number(process.versions.node.split('.')[0])).toBe(lambdaNodeMajorVersion);
  });

  it.each(deployedFunctions.map((definition) => [definition.name] as const))('%s carries its own AWS SDK (no import is left for the runtime to provide)', (name) => {
    const code = readFileSync(path.join(sharedLambdaBundles(repositoryRoot).folderOf(name), bundleEntryFile), 'utf8');
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(code).not.toMatch(/import\(\s*["']@aws-sdk\//);
  });

  it.each(deployedFunctions.map((definition) => [definition.name] as const))('%s takes its credentials from the environment Lambda gives, and carries none of the rest of the SDK\'s chain', (name) => {
    const code = readFileSync(path.join(sharedLambdaBundles(repositoryRoot).folderOf(name), bundleEntryFile), 'utf8');
    // Variables only the SDK's other providers read: web identity tokens, the container endpoint, SSO.
    for (const variable of ['AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'sso_start_url']) expect(code).not.toContain(variable);
  });

  it('loading a bundle loads no Node.js built-in it does not use (undici, behind http\'s getters, cost about 50 ms of each cold start)', async () => {
    const definition = deployedFunctions.find((candidate) => candidate.name === 'answer-link-request') ?? deployedFunctions[0];
    if (definition === undefined) throw new Error('No deployed function');
    const entry = pathToFileURL(path.join(sharedLambdaBundles(repositoryRoot).folderOf(definition.name), bundleEntryFile)).href;
    const loader = `await import(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(process.moduleLoadList));`;
    const { stdout } = await runFile(process.execPath, ['--input-type=module', '--eval', loader], {
      env: deployedEnvironment(definition, 'http://127.0.0.1:9'),
    });
    const loaded = JSON.parse(stdout) as string[];
    expect(loaded.some((module) => module.includes('internal/deps/undici'))).toBe(false);
    expect(loaded.some((module) => module.includes('internal/http2'))).toBe(false);
    // It did load: the SDK's HTTP client is there.
    expect(loaded).toContain('NativeModule http');
  });
});

describe('page templates are compiled into the bundles that render them', () => {
  it.each(deployedFunctions.map((definition) => [definition.name] as const))('%s is the handler alone: no template file, no Nunjucks compiler', (name) => {
    const folder = sharedLambdaBundles(repositoryRoot).folderOf(name);
    const code = readFileSync(path.join(folder, bundleEntryFile), 'utf8');
    expect(readdirSync(folder).sort()).toEqual([bundleEntryFile, `${bundleEntryFile}.map`]);
    // The parser's messages and the template watcher come only with Nunjucks' full build, which
    // compiles templates; the runtime build renders the compiled ones.
    expect(code).not.toContain('expected block end');
    expect(code).not.toContain('chokidar');
  });

  it.each(['not-found-page', 'get-link-request', 'proposal-page'])('%s, which renders pages, carries them compiled', (name) => {
    const code = readFileSync(path.join(sharedLambdaBundles(repositoryRoot).folderOf(name), bundleEntryFile), 'utf8');
    expect(code).toContain('govuk/template.njk');
    expect(code).toContain('layout.njk');
  });
});

describe('each kind of function, run from its bundle with exactly its template environment', () => {
  it('a page route (get-link-request) renders its page from the templates compiled into its bundle', async () => {
    const event = { ...httpEvent('GET', '/respond', '/respond'), cookies: ['__Host-link=not-a-real-token', 'link=not-a-real-token'] };
    const result = (await runner.invoke('get-link-request', event)) as { statusCode: number; body?: string };
    // A token that was never issued: the page that says the link does not work, rendered from the
    // compiled templates (the bundle holds no template file: docs/decisions/0018-precompiled-page-templates.md).
    expect(result.statusCode).toBeGreaterThanOrEqual(400);
    expect(result.statusCode).toBeLessThan(500);
    expect(result.body).toMatch(/<html[\s\S]*govuk-template/);
  });

  it('an API route (health) reads the table', async () => {
    const result = (await runner.invoke('health', httpEvent('GET', '/health', '/health'))) as { statusCode: number; body: string };
    // The workflow is not reachable here (no Step Functions endpoint), so the answer is 503; the table is.
    expect(JSON.parse(result.body)).toMatchObject({ dependencies: { table: 'UP' } });
  });

  it('a workflow step (plan-checks) reads the table and refuses a proposal that does not exist', async () => {
    await expect(runner.invoke('plan-checks', { proposalId: 'no-such-proposal' })).rejects.toThrow(/no-such-proposal|not found/i);
  });

  it('the stream consumer (deliver-messages) reads its Notify key from Secrets Manager and takes a batch', async () => {
    const before = secretsManager.requests.length;
    await expect(runner.invoke('deliver-messages', { Records: [] })).resolves.toBeDefined();
    expect(secretsManager.requests.slice(before).map((request) => request.target)).toEqual(['secretsmanager.GetSecretValue']);
  });

  it('the events publisher (publish-domain-events) takes a stream batch and puts its event on the bus the template names', async () => {
    const eventId = randomUUID();
    const occurredAt = new Date().toISOString();
    const detail = { eventId, eventVersion: 1, occurredAt, sequence: 1, proposalId: randomUUID(), status: 'WITHDRAWN' };
    await DynamoDBDocumentClient.from(dynamoDb).send(
      new PutCommand({ TableName: tableName, Item: { pk: 'DOMAIN_EVENTS', sk: `EVENT#${eventId}`, itemType: 'DOMAIN_EVENT', eventId, type: 'ProposalWithdrawn', occurredAt, detail, publishStatus: 'PENDING' } }),
    );
    const record = { eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'DOMAIN_EVENTS' }, sk: { S: `EVENT#${eventId}` } } } };
    await expect(runner.invoke('publish-domain-events', { Records: [record] })).resolves.toEqual({ published: 1, skipped: 0 });
    expect(eventBridge.events().map((event) => [event['detail-type'], event.detail])).toEqual([['ProposalWithdrawn', detail]]);
  });

  it.each(deployedFunctions.filter((definition) => definition.schedule !== undefined).map((definition) => [definition.name] as const))(
    'a schedule (%s) runs on an empty table',
    async (name) => {
      await expect(runner.invoke(name, {})).resolves.toBeDefined();
    },
  );

  it.runIf(deployedFunctions.some((definition) => definition.name === 'pre-token-generation'))(
    "Cognito's trigger (pre-token-generation) answers a version 2 event",
    async () => {
      const event = {
        version: '2',
        triggerSource: 'TokenGeneration_Authentication',
        region: 'eu-west-2',
        userPoolId: 'eu-west-2_example',
        userName: 'someone',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
        request: { userAttributes: { sub: '00000000-0000-4000-8000-000000000001', 'custom:courts': 'COURT-A' }, groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] }, scopes: ['openid'] },
        response: { claimsAndScopeOverrideDetails: null },
      };
      await expect(runner.invoke('pre-token-generation', event)).resolves.toMatchObject({ response: expect.any(Object) });
    },
  );

  it.each(deployedFunctions.map((definition) => [definition.name, definition] as const))('%s loads from its bundle with only its template environment', async (name, definition) => {
    // An execution environment of its own, stopped at once: 45 warm workers would hold gigabytes.
    const alone = createBundleRunner([definition], { bundles: sharedLambdaBundles(repositoryRoot), environmentOf: (own) => deployedEnvironment(own, inject('dynamoDbEndpoint')) });
    try {
      await expect(alone.load(name)).resolves.toBeUndefined();
    } finally {
      await alone.stop();
    }
  });
});
