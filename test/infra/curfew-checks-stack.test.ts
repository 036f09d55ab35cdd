import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { Stage } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedLambdaBundles } from '#infra/build/lambda-bundles';
import { staticObjects } from '#infra/constructs/static-assets-bucket';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { deployedFunctions, functionRegistry } from '#infra/function-registry';
import type { FunctionDefinition } from '#infra/function-registry';
import { addCurfewChecksStacks } from '#infra/stacks';
import { staticFiles, staticFolders } from '#infra/static-assets';
import { tableKeys } from '#store/table-definition';
import { repositoryRoot, synthesized, testAccount, testApp, testPublicBaseUrl } from './support/stack-template.ts';
import type { CfnResource, SynthesizedStack } from './support/stack-template.ts';
import { asArray, flatten, type PolicyStatement } from './support/template-reading.ts';

// ---------------------------------------------------------------------------- setup

const aslPath = path.join(repositoryRoot, 'workflows', 'curfew-checks.asl.json');
const stateMachineName = 'CurfewChecks-curfew-checks';

/** The main stack as infra/app.ts builds it (with the us-east-1 edge stack beside it). */
function buildStack(options: { projectRoot?: string; bundle?: boolean } = {}): CurfewChecksStack {
  return addCurfewChecksStacks(testApp({ bundle: options.bundle !== false }), {
    stackName: 'CurfewChecks',
    region: 'eu-west-2',
    account: testAccount,
    publicBaseUrl: testPublicBaseUrl,
    ...(options.projectRoot === undefined ? {} : { projectRoot: options.projectRoot }),
  }).main;
}



/** Placeholder names in the ASL file, read here independently of the stack's own parsing. */
function aslPlaceholders(): string[] {
  const text = readFileSync(aslPath, 'utf8');
  return [...new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1] ?? ''))].sort();
}

let stack: CurfewChecksStack;
let template: Template;
let resources: SynthesizedStack['resources'];
let resourcesOfType: SynthesizedStack['resourcesOfType'];
let logicalIdOf: SynthesizedStack['logicalIdOf'];

beforeAll(async () => {
  // Bundling every function blocks this worker for a minute or more. Vitest reports the hook's
  // start to the main process just before calling it, and a report whose answer arrives while the
  // worker is blocked times out (after 60 s: "Timeout calling onTaskUpdate"). Letting that answer
  // arrive first keeps a slow (or busy) machine from failing a run in which every test passed.
  await sleep(1000);
  stack = buildStack();
  ({ template, resources, resourcesOfType, logicalIdOf } = synthesized(stack));
}, 180_000);

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** The Lambda function behind the BucketDeployment custom resource (CDK's, not ours). */
function isStaticDeploymentFunction(fn: CfnResource): boolean {
  return flatten(fn.Properties['Role']) === `<${logicalIdOf(stack.staticAssets.deploymentRole)}.Arn>`;
}

/** The staged folder of a file asset, from its S3 object key, through the stack's asset manifest. */
function assetFolder(objectKey: unknown): string {
  const outdir = Stage.of(stack)?.outdir ?? '';
  const manifest = JSON.parse(readFileSync(path.join(outdir, `${stack.artifactId}.assets.json`), 'utf8')) as {
    files: Record<string, { source: { path: string; packaging?: string } }>;
  };
  const hash = String(objectKey).replace(/\.zip$/, '');
  const entry = manifest.files[hash];
  if (!entry) throw new Error(`No asset ${hash} in the manifest`);
  expect(entry.source.packaging).toBe('zip');
  return path.join(outdir, entry.source.path);
}

/** Every file under a folder, as `/`-separated paths relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((relative) => statSync(path.join(folder, relative)).isFile())
    .map((relative) => relative.split(path.sep).join('/'))
    .sort();
}

function functionLogicalId(definition: FunctionDefinition): string {
  const handler = stack.handlers.find((candidate) => candidate.definition.name === definition.name);
  if (!handler) throw new Error(`No handler deployed for ${definition.name}`);
  return stack.resolve((handler.function.node.defaultChild as CfnFunction).logicalId) as string;
}

function functionResource(definition: FunctionDefinition): CfnResource {
  const resource = resources[functionLogicalId(definition)];
  if (!resource) throw new Error(`No function resource for ${definition.name}`);
  return resource;
}

/** Every policy statement attached to the function's execution role. */
function statementsOf(definition: FunctionDefinition): PolicyStatement[] {
  const role = functionResource(definition).Properties['Role'] as { 'Fn::GetAtt': [string, string] };
  const roleLogicalId = role['Fn::GetAtt'][0];
  return resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties['Roles'] as { Ref: string }[]).some((ref) => ref.Ref === roleLogicalId))
    .flatMap(([, policy]) => (policy.Properties['PolicyDocument'] as { Statement: PolicyStatement[] }).Statement);
}

function statementsAllowing(definition: FunctionDefinition, action: string): PolicyStatement[] {
  return statementsOf(definition).filter(
    (statement) => statement.Effect === 'Allow' && asArray(statement.Action).includes(action),
  );
}

function environmentOf(definition: FunctionDefinition): Record<string, unknown> {
  const environment = functionResource(definition).Properties['Environment'] as { Variables: Record<string, unknown> };
  return environment.Variables;
}

const workflowFunctions = deployedFunctions.filter((definition) => definition.workflowPlaceholder !== undefined);
const stateMachineArnText = `arn:aws:states:eu-west-2:${testAccount}:stateMachine:${stateMachineName}`;
const executionsArnText = `arn:aws:states:eu-west-2:${testAccount}:execution:${stateMachineName}:*`;
const tableLogicalId = (): string => resourcesOfType('AWS::DynamoDB::Table')[0]?.[0] ?? 'no table';
/** The functions whose registry entry grants them the table, and those that says `table: 'none'`. */
const tableUsers = deployedFunctions.filter((definition) => definition.access.table !== 'none');
const tableless = deployedFunctions.filter((definition) => definition.access.table === 'none');

// ---------------------------------------------------------------------------- workflow

describe('state machine', () => {
  it('is a Standard workflow with the fixed name the functions\' grants are built from', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      StateMachineName: stateMachineName,
    });
  });

  it('is defined by the ASL file, unchanged', () => {
    const [, stateMachine] = resourcesOfType('AWS::StepFunctions::StateMachine')[0] ?? [];
    expect(JSON.parse(stateMachine?.Properties['DefinitionString'] as string)).toEqual(
      JSON.parse(readFileSync(aslPath, 'utf8')),
    );
  });

  it('substitutes exactly the placeholders in the ASL file', () => {
    const [, stateMachine] = resourcesOfType('AWS::StepFunctions::StateMachine')[0] ?? [];
    const substitutions = stateMachine?.Properties['DefinitionSubstitutions'] as Record<string, unknown>;
    expect(Object.keys(substitutions).sort()).toEqual(aslPlaceholders());
  });

  it.each(workflowFunctions.map((definition) => [definition.workflowPlaceholder, definition] as const))(
    '${%s} resolves to the ARN of the function registered for it',
    (placeholder, definition) => {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        DefinitionSubstitutions: { [placeholder ?? '']: { 'Fn::GetAtt': [functionLogicalId(definition), 'Arn'] } },
      });
    },
  );

  it('logs every event to its own log group, without execution data, and is traced', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } } }],
      },
      TracingConfiguration: { Enabled: true },
    });
  });

  it('may invoke exactly the workflow functions, by unqualified ARN', () => {
    const [, stateMachine] = resourcesOfType('AWS::StepFunctions::StateMachine')[0] ?? [];
    const roleLogicalId = (stateMachine?.Properties['RoleArn'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const invokeResources = resourcesOfType('AWS::IAM::Policy')
      .filter(([, policy]) => (policy.Properties['Roles'] as { Ref: string }[]).some((ref) => ref.Ref === roleLogicalId))
      .flatMap(([, policy]) => (policy.Properties['PolicyDocument'] as { Statement: PolicyStatement[] }).Statement)
      .filter((statement) => asArray(statement.Action).some((action) => action.startsWith('lambda:')))
      .flatMap((statement) => asArray(statement.Resource).map(flatten));

    expect(invokeResources.sort()).toEqual(
      workflowFunctions.map((definition) => `<${functionLogicalId(definition)}.Arn>`).sort(),
    );
  });
});

// ---------------------------------------------------------------------------- functions

describe('functions', () => {
  it('deploys one function per deployed registry entry and, besides, only the static files upload', () => {
    const [handlers, uploads] = partition(resourcesOfType('AWS::Lambda::Function'), ([, fn]) => !isStaticDeploymentFunction(fn));
    expect(handlers.map(([, fn]) => fn.Properties['Description']).sort()).toEqual(deployedFunctions.map((definition) => definition.description).sort());
    expect(uploads).toHaveLength(1);
  });

  it('does not deploy local-only functions such as dev-outbox, nor their routes', () => {
    const localOnly = functionRegistry.filter((definition) => definition.localOnly);
    expect(localOnly.map((definition) => definition.name)).toContain('dev-outbox');
    const descriptions = resourcesOfType('AWS::Lambda::Function').map(([, fn]) => fn.Properties['Description']);
    const routeKeys = resourcesOfType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties['RouteKey']);
    for (const definition of localOnly) {
      expect(descriptions).not.toContain(definition.description);
      for (const route of definition.routes ?? []) expect(routeKeys).not.toContain(`${route.method} ${route.path}`);
    }
  });

  /** The functions with a timeout other than the 10 s default: one waits on GOV.UK Notify, two read every court's list. */
  const longerTimeouts: Readonly<Record<string, number>> = { 'deliver-messages': 60, 'send-overdue-digest': 300, 'send-agency-digests': 300 };
  const timeoutOf = (definition: FunctionDefinition): number => longerTimeouts[definition.name] ?? 10;

  it.each(deployedFunctions.map((definition) => [definition.name, timeoutOf(definition), definition] as const))(
    '%s runs on nodejs24.x, arm64, traced, 512 MB, %d s, with a retained log group kept for a year',
    (_name, timeout, definition) => {
      const properties = functionResource(definition).Properties;
      expect(properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: 512,
        Timeout: timeout,
        Handler: 'index.handler',
      });
      const logGroupRef = (properties['LoggingConfig'] as { LogGroup: { Ref: string } }).LogGroup.Ref;
      const logGroup = resources[logGroupRef];
      expect(logGroup?.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup?.Properties['RetentionInDays']).toBe(365);
      expect(logGroup?.DeletionPolicy).toBe('Retain');
    },
  );

  it.each(deployedFunctions.map((definition) => [definition.name, definition] as const))(
    '%s gets the service name and log level',
    (_name, definition) => {
      expect(environmentOf(definition)).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'curfew-checks', POWERTOOLS_LOG_LEVEL: 'INFO' });
    },
  );

  it.each(tableUsers.map((definition) => [definition.name, definition] as const))(
    '%s has access to the table, so it gets the table name (the table group) besides the public base URL (core)',
    (_name, definition) => {
      expect(environmentOf(definition)).toMatchObject({ TABLE_NAME: { Ref: tableLogicalId() }, PUBLIC_BASE_URL: testPublicBaseUrl });
    },
  );

  it.each(tableless.map((definition) => [definition.name, definition] as const))(
    '%s has no access to the table, so it does not get the table name (only the core group)',
    (_name, definition) => {
      expect(Object.keys(environmentOf(definition))).not.toContain('TABLE_NAME');
      expect(environmentOf(definition)).toMatchObject({ PUBLIC_BASE_URL: testPublicBaseUrl });
    },
  );

  it.each(deployedFunctions.map((definition) => [definition.name, definition] as const))(
    '%s gets STATE_MACHINE_ARN only if it starts, stops or describes executions',
    (_name, definition) => {
      const { startExecution, stopExecution, describe: describes } = definition.access;
      const value = environmentOf(definition)['STATE_MACHINE_ARN'];
      if (startExecution || stopExecution || describes) {
        expect(flatten(value)).toBe(stateMachineArnText);
      } else {
        expect(value).toBeUndefined();
      }
    },
  );

  const names = (group: 'signIn' | 'cookies') => (definition: FunctionDefinition) => (definition.environment ?? []).includes(group);
  const [signInFunctions, otherFunctions] = partition(deployedFunctions, names('signIn'));
  const [cookieFunctions, cookielessFunctions] = partition(deployedFunctions, names('cookies'));
  const userPoolLogicalId = (): string => resourcesOfType('AWS::Cognito::UserPool')[0]?.[0] ?? 'no user pool';
  const clientLogicalId = (): string => resourcesOfType('AWS::Cognito::UserPoolClient')[0]?.[0] ?? 'no client';

  it('gives the sign-in settings and the cookie setting to some functions and not others (so the tests below test both ways)', () => {
    for (const functions of [signInFunctions, otherFunctions, cookieFunctions, cookielessFunctions]) expect(functions.length).toBeGreaterThan(0);
  });

  it.each(signInFunctions.map((definition) => [definition.name, definition] as const))(
    '%s names signIn in the registry, so it gets this pool\'s issuer and the web client as client and audience',
    (_name, definition) => {
      const variables = environmentOf(definition);
      expect(flatten(variables['OIDC_ISSUER'])).toBe(`https://cognito-idp.eu-west-2.amazonaws.com/<${userPoolLogicalId()}>`);
      expect(variables['OIDC_CLIENT_ID']).toEqual({ Ref: clientLogicalId() });
      // Cognito access tokens name the client in client_id (they have no aud): the audience is the client id.
      expect(variables['OIDC_AUDIENCE']).toEqual({ Ref: clientLogicalId() });
    },
  );

  it.each(cookieFunctions.map((definition) => [definition.name, definition] as const))(
    '%s names cookies in the registry, so its cookies are Secure',
    (_name, definition) => {
      expect(environmentOf(definition)['SESSION_COOKIE_SECURE']).toBe('true');
    },
  );

  it.each(otherFunctions.map((definition) => [definition.name, definition] as const))(
    '%s does not name signIn in the registry, so it gets no sign-in settings',
    (_name, definition) => {
      const names = Object.keys(environmentOf(definition));
      for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_AUDIENCE']) expect(names).not.toContain(name);
    },
  );

  it.each(cookielessFunctions.map((definition) => [definition.name, definition] as const))(
    '%s does not name cookies in the registry, so it gets no cookie setting',
    (_name, definition) => {
      expect(Object.keys(environmentOf(definition))).not.toContain('SESSION_COOKIE_SECURE');
    },
  );

  it('never gives any function a client secret (the web client is public and has none)', () => {
    for (const [, fn] of resourcesOfType('AWS::Lambda::Function')) {
      const variables = (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables)).not.toContain('OIDC_CLIENT_SECRET');
    }
  });

  it('never sets the local-stack-only variables on any function (they point at local emulators and open the outbox)', () => {
    const functions = resourcesOfType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [, fn] of functions) {
      const variables = (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables)).not.toContain('LOCAL_DEVELOPMENT_ENDPOINTS');
      expect(Object.keys(variables)).not.toContain('DYNAMODB_ENDPOINT');
      expect(Object.keys(variables)).not.toContain('SFN_ENDPOINT');
      expect(Object.keys(variables)).not.toContain('LOCAL_CLOCK_OFFSET_MS');
    }
  });
});

// ---------------------------------------------------------------------------- permissions

describe('function permissions', () => {
  const taskResponders = deployedFunctions.filter((definition) => definition.access.taskResponse);
  const others = deployedFunctions.filter((definition) => !definition.access.taskResponse);

  it.each(taskResponders.map((definition) => [definition.name, definition] as const))(
    '%s may answer tasks of this state machine only',
    (_name, definition) => {
      const statements = statementsAllowing(definition, 'states:SendTaskSuccess');
      expect(statements).toHaveLength(1);
      const statement = statements[0];
      // CDK merges grants on the same resource into one statement, so a function the registry also lets
      // start or describe the workflow (the repair) carries those actions here too; nothing else may be.
      const alsoOnTheStateMachine = [
        ...(definition.access.startExecution ? ['states:StartExecution'] : []),
        ...(definition.access.describe ? ['states:DescribeStateMachine'] : []),
      ];
      expect(asArray(statement?.Action).sort()).toEqual(
        ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess', ...alsoOnTheStateMachine].sort(),
      );
      expect(asArray(statement?.Resource).map(flatten)).toEqual([stateMachineArnText]);
    },
  );

  it.each(others.map((definition) => [definition.name, definition] as const))(
    '%s may not answer tasks',
    (_name, definition) => {
      for (const action of ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat']) {
        expect(statementsAllowing(definition, action)).toEqual([]);
      }
    },
  );

  it.each(deployedFunctions.map((definition) => [definition.name, definition] as const))(
    '%s may start, stop or describe the workflow exactly as its registry entry says',
    (_name, definition) => {
      const { startExecution, stopExecution, describe: describes } = definition.access;
      const resourcesFor = (action: string): string[] =>
        statementsAllowing(definition, action).flatMap((statement) => asArray(statement.Resource).map(flatten));
      expect(resourcesFor('states:StartExecution')).toEqual(startExecution ? [stateMachineArnText] : []);
      expect(resourcesFor('states:StopExecution')).toEqual(stopExecution ? [executionsArnText] : []);
      expect(resourcesFor('states:DescribeStateMachine')).toEqual(describes ? [stateMachineArnText] : []);
    },
  );

  it.each(tableUsers.map((definition) => [definition.name, definition] as const))(
    '%s may read the table, and write to it only if its registry entry says readWrite',
    (_name, definition) => {
      const tableArn = `<${tableLogicalId()}.Arn>`;
      const readResources = statementsAllowing(definition, 'dynamodb:Query').flatMap((s) => asArray(s.Resource).map(flatten));
      expect(readResources).toEqual(expect.arrayContaining([tableArn, `${tableArn}/index/*`]));
      const writeResources = statementsAllowing(definition, 'dynamodb:PutItem').flatMap((s) => asArray(s.Resource).map(flatten));
      if (definition.access.table === 'readWrite') {
        expect(writeResources).toContain(tableArn);
      } else {
        expect(writeResources).toEqual([]);
      }
    },
  );

  it.each(tableless.map((definition) => [definition.name, definition] as const))(
    '%s says table: \'none\', so its role has no DynamoDB permission at all, nor any on the table\'s key',
    (_name, definition) => {
      const statements = statementsOf(definition);
      expect(statements.flatMap((statement) => asArray(statement.Action)).filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
      const keyArn = `<${logicalIdOf(stack.tableKey)}.Arn>`;
      expect(statements.filter((statement) => asArray(statement.Resource).map(flatten).some((resource) => resource.startsWith(keyArn)))).toEqual([]);
    },
  );

  it("gives Cognito's sign-in trigger (pre-token-generation) no access to the table: it reads nothing of ours", () => {
    // By name, so giving it table access again fails here, not only in the registry-driven tests above.
    const trigger = deployedFunctions.find((definition) => definition.name === 'pre-token-generation');
    if (trigger === undefined) throw new Error('No pre-token-generation function deployed');
    const actions = statementsOf(trigger).flatMap((statement) => asArray(statement.Action));
    expect(actions.filter((action) => /^(dynamodb|kms):/.test(action))).toEqual([]);
    expect(Object.keys(environmentOf(trigger))).not.toContain('TABLE_NAME');
    expect(trigger.access.table).toBe('none');
  });

  it.each(deployedFunctions.map((definition) => [definition.name, definition] as const))(
    '%s is granted nothing on "*" except X-Ray, and dynamodb:ListStreams for the stream readers (the acknowledged Resource::* findings)',
    (_name, definition) => {
      const onAnything = statementsOf(definition).filter((statement) => asArray(statement.Resource).includes('*'));
      const actions = onAnything.flatMap((statement) => asArray(statement.Action));
      expect(actions.length).toBeGreaterThan(0);
      const [listStreams, others] = partition(actions, (action) => action === 'dynamodb:ListStreams');
      for (const action of others) expect(action).toMatch(/^xray:/);
      expect(listStreams).toEqual(['deliver-messages', 'keep-performance-counts', 'publish-domain-events'].includes(definition.name) ? ['dynamodb:ListStreams'] : []);
    },
  );

  it('has no AWS managed policies on function roles (log writes are granted on each function\'s own log group)', () => {
    for (const definition of deployedFunctions) {
      const role = functionResource(definition).Properties['Role'] as { 'Fn::GetAtt': [string, string] };
      expect(resources[role['Fn::GetAtt'][0]]?.Properties['ManagedPolicyArns']).toBeUndefined();
    }
  });
});

// ---------------------------------------------------------------------------- HTTP API

describe('HTTP API', () => {
  const routed = deployedFunctions.flatMap((definition) => (definition.routes ?? []).map((route) => [`${route.method} ${route.path}`, definition] as const));

  it('has exactly the registry routes of deployed functions', () => {
    const routeKeys = resourcesOfType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties['RouteKey']);
    expect(routeKeys.sort()).toEqual(routed.map(([routeKey]) => routeKey).sort());
  });

  it.each(routed)('%s is served by %s', (routeKey, definition) => {
    const [, route] = resourcesOfType('AWS::ApiGatewayV2::Route').find(([, candidate]) => candidate.Properties['RouteKey'] === routeKey) ?? [];
    const integrationId = flatten(route?.Properties['Target']).replace(/^integrations\/<(.+)>$/, '$1');
    expect(resources[integrationId]?.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [functionLogicalId(definition), 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
  });

  it('has a default stage that deploys automatically, is throttled and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        Format: Match.serializedJson(Match.objectLike({ requestId: '$context.requestId', routeKey: '$context.routeKey' })),
      },
    });
  });
});

// ---------------------------------------------------------------------------- table

describe('table', () => {
  it('has the shared key schema, on-demand billing, the court hearing index and the sparse undelivered messages index', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byCourtList',
          KeySchema: [
            { AttributeName: 'courtCode', KeyType: 'HASH' },
            { AttributeName: 'courtHearing', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'byUndelivered',
          KeySchema: [
            { AttributeName: 'awaitingDelivery', KeyType: 'HASH' },
            { AttributeName: 'sentAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'courtCode', AttributeType: 'S' },
        { AttributeName: 'courtHearing', AttributeType: 'S' },
        { AttributeName: 'awaitingDelivery', AttributeType: 'S' },
        { AttributeName: 'sentAt', AttributeType: 'S' },
      ]),
    });
  });

  it('is protected: point-in-time recovery, deletion protection, retained, encrypted with its own rotating key', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
      }),
    });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ EnableKeyRotation: true }) });
  });

  it('expires items by expiresAt (sessions, links, outbox messages…)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });
});

describe('outputs', () => {
  it('publishes the CloudFront URL, the sign-in settings, the state machine ARN and the table name (never the API\'s own address)', () => {
    const distribution = resourcesOfType('AWS::CloudFront::Distribution')[0]?.[0] ?? 'no distribution';
    template.hasOutput('DistributionUrl', { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] } });
    template.hasOutput('UserPoolId', { Value: { Ref: userPoolLogicalIdOf() } });
    template.hasOutput('UserPoolClientId', { Value: { Ref: resourcesOfType('AWS::Cognito::UserPoolClient')[0]?.[0] } });
    template.hasOutput('HostedUiDomain', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
    template.hasOutput('OidcIssuer', {
      Value: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-2.amazonaws.com/', { Ref: userPoolLogicalIdOf() }]] },
    });
    // The execute-api address bypasses CloudFront and AWS WAF (test/infra/origin-verification.test.ts).
    expect(Object.keys(template.toJSON()['Outputs'] as object)).not.toContain('ApiUrl');
    template.hasOutput('StateMachineArn', { Value: { Ref: Match.anyValue() } });
    template.hasOutput('TableName', { Value: { Ref: tableLogicalId() } });
    template.hasOutput('NotifyApiKeySecretArn', { Value: { Ref: Match.anyValue() } });
    template.hasOutput('NotifyCallbackTokenSecretArn', { Value: { Ref: Match.anyValue() } });
    template.hasOutput('NotifyCallbackUrl', { Value: `${testPublicBaseUrl}/notify/callback` });
  });
});

function userPoolLogicalIdOf(): string {
  return resourcesOfType('AWS::Cognito::UserPool')[0]?.[0] ?? 'no user pool';
}

// ---------------------------------------------------------------------------- registry and ASL must agree

describe('when the workflow file and the registry disagree', () => {
  let projectRoot: string;

  beforeAll(() => {
    projectRoot = mkdtempSync(path.join(tmpdir(), 'curfew-checks-infra-'));
    symlinkSync(path.join(repositoryRoot, 'functions'), path.join(projectRoot, 'functions'));
    symlinkSync(path.join(repositoryRoot, 'package-lock.json'), path.join(projectRoot, 'package-lock.json'));
    mkdirSync(path.join(projectRoot, 'workflows'));
  });

  afterAll(() => rmSync(projectRoot, { recursive: true, force: true }));

  const writeAsl = (text: string): void => writeFileSync(path.join(projectRoot, 'workflows', 'curfew-checks.asl.json'), text);

  it('fails the synth when a placeholder has no function', () => {
    writeAsl(readFileSync(aslPath, 'utf8').replace('${PlanChecksFunctionArn}', '${PlanChecksFunctionArnRenamed}'));
    expect(() => buildStack({ projectRoot, bundle: false })).toThrow(
      /\$\{PlanChecksFunctionArnRenamed\} in workflows\/curfew-checks\.asl\.json has no deployed function[\s\S]*workflowPlaceholder PlanChecksFunctionArn of a deployed function does not appear/,
    );
  });

  it('fails the synth when a function\'s placeholder is not in the file', () => {
    writeAsl(readFileSync(aslPath, 'utf8').replaceAll('${AssessChecksFunctionArn}', 'arn:aws:lambda:eu-west-2:111111111111:function:x'));
    expect(() => buildStack({ projectRoot, bundle: false })).toThrow(
      /workflowPlaceholder AssessChecksFunctionArn of a deployed function does not appear in workflows\/curfew-checks\.asl\.json/,
    );
  });
});

// ---------------------------------------------------------------------------- the bundles deployed

describe('function bundles', () => {
  const httpFunctions = deployedFunctions.filter((definition) => (definition.routes ?? []).length > 0);
  const otherFunctions = deployedFunctions.filter((definition) => (definition.routes ?? []).length === 0);
  const bundleOf = (definition: FunctionDefinition): string =>
    assetFolder((functionResource(definition).Properties['Code'] as { S3Key: unknown }).S3Key);

  it.each(deployedFunctions.map((definition) => [definition.name, definition] as const))(
    '%s deploys its folder of the one bundle build, file for file and byte for byte (what the local stack and the bundles test run)',
    (name, definition) => {
      const built = sharedLambdaBundles(repositoryRoot).folderOf(name);
      const deployed = bundleOf(definition);
      expect(filesUnder(deployed)).toEqual(filesUnder(built));
      for (const file of ['index.mjs', 'index.mjs.map']) expect(readFileSync(path.join(deployed, file)).equals(readFileSync(path.join(built, file)))).toBe(true);
    },
  );

  it.each(httpFunctions.map((definition) => [definition.name, definition] as const))(
    '%s serves routes, and its bundle is the handler alone: page templates are compiled into it, stylesheets, scripts, fonts and images served by CloudFront from S3',
    (_name, definition) => {
      // docs/decisions/0018-precompiled-page-templates.md; test/infra/bundles.test.ts checks the compiled templates are there.
      expect(filesUnder(bundleOf(definition))).toEqual(['index.mjs', 'index.mjs.map']);
    },
  );

  it.each(otherFunctions.map((definition) => [definition.name, definition] as const))(
    '%s serves no route, so its bundle is the handler alone',
    (_name, definition) => {
      expect(filesUnder(bundleOf(definition))).toEqual(['index.mjs', 'index.mjs.map']);
    },
  );
});

// ---------------------------------------------------------------------------- static files upload

describe('static files upload', () => {
  const deployment = (): CfnResource => {
    const found = resourcesOfType('Custom::CDKBucketDeployment');
    expect(found).toHaveLength(1);
    return (found[0] as [string, CfnResource])[1];
  };
  const expectedObjects = staticObjects(staticFolders, staticFiles);

  it('has one source per folder and file of infra/static-assets.ts', () => {
    expect(expectedObjects).toHaveLength(staticFolders.length + staticFiles.length);
    expect(deployment().Properties['SourceObjectKeys']).toHaveLength(expectedObjects.length);
    expect(deployment().Properties['SourceBucketNames']).toHaveLength(expectedObjects.length);
  });

  it.each(expectedObjects.map((object, index) => [object.key, object, index] as const))(
    'uploads %s with exactly its files, at the keys matching their URLs',
    (key, object, index) => {
      const sourceKeys = deployment().Properties['SourceObjectKeys'] as unknown[];
      const uploaded = filesUnder(assetFolder(sourceKeys[index]));
      const expected = statSync(object.from).isDirectory() ? filesUnder(object.from).map((file) => `${key}/${file}`) : [key];
      expect(uploaded).toEqual(expected);
      expect(uploaded.length).toBeGreaterThan(0);
    },
  );

  it('uploads every URL the local server serves, and nothing else', () => {
    const sourceKeys = deployment().Properties['SourceObjectKeys'] as unknown[];
    const uploaded = sourceKeys.flatMap((objectKey) => filesUnder(assetFolder(objectKey))).sort();
    const urls = [
      ...staticFolders.flatMap(({ urlPrefix, folder }) => filesUnder(folder).map((file) => `${urlPrefix}${file}`)),
      ...staticFiles.map(({ url }) => url),
    ];
    expect(uploaded).toEqual(urls.map((url) => url.slice(1)).sort());
    expect(uploaded).toEqual(expect.arrayContaining(['stylesheets/govuk-frontend.min.css', 'javascripts/govuk-frontend.min.js', 'stylesheets/app.css']));
    expect(uploaded.some((file) => file.startsWith('assets/fonts/'))).toBe(true);
  });

  it('goes to the static assets bucket, removes files no longer listed and invalidates the static paths', () => {
    const [distributionId] = resourcesOfType('AWS::CloudFront::Distribution')[0] ?? [];
    expect(deployment().Properties).toMatchObject({
      DestinationBucketName: { Ref: logicalIdOf(stack.staticAssets.bucket) },
      Prune: true,
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/assets/*', '/stylesheets/*', '/javascripts/*'],
      SystemMetadata: { 'cache-control': 'public, max-age=3600' },
    });
    expect(deployment().Properties['DestinationBucketKeyPrefix']).toBeUndefined();
  });

  it('runs with its own role and log group: no AWS managed policy, nothing but CloudFront invalidation on "*"', () => {
    const roleId = logicalIdOf(stack.staticAssets.deploymentRole);
    expect(resources[roleId]?.Properties['ManagedPolicyArns']).toBeUndefined();
    const statements = resourcesOfType('AWS::IAM::Policy')
      .filter(([, policy]) => (policy.Properties['Roles'] as { Ref: string }[]).some((ref) => ref.Ref === roleId))
      .flatMap(([, policy]) => (policy.Properties['PolicyDocument'] as { Statement: PolicyStatement[] }).Statement);
    const onEverything = statements.filter((statement) => asArray(statement.Resource).includes('*'));
    expect(onEverything.flatMap((statement) => asArray(statement.Action)).sort()).toEqual(['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation']);
    expect(statements.flatMap((statement) => asArray(statement.Action)).filter((action) => action.startsWith('s3:Put'))).not.toContain('s3:PutBucketPolicy');
    const [, fn] = resourcesOfType('AWS::Lambda::Function').find(([, candidate]) => isStaticDeploymentFunction(candidate)) ?? [];
    const logGroupId = logicalIdOf(stack.staticAssets.deploymentLogGroup);
    expect(fn?.Properties['LoggingConfig']).toEqual({ LogGroup: { Ref: logGroupId } });
    expect(resources[logGroupId]).toMatchObject({ DeletionPolicy: 'Retain', Properties: { RetentionInDays: 365 } });
  });
});

describe('HEAD requests', () => {
  it('reach the link route through the HTTP API (mail scanners send HEAD before GET)', () => {
    const routeKeys = resourcesOfType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties['RouteKey']);
    expect(routeKeys).toEqual(expect.arrayContaining(['GET /r/{token}', 'HEAD /r/{token}']));
  });
});

