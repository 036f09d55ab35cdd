import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { HandlerFunction } from '#infra/constructs/handler-function';
import { defaultNotifyTemplates, notifyApiKeyPlaceholder, notifyDeliverySettings } from '#infra/constructs/notify-delivery';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { deployedFunctions } from '#infra/function-registry';
import type { FunctionDefinition } from '#infra/function-registry';
import { localTemplateIds } from '#notify/templates';
import { buildMainStack, repositoryRoot, synthesized, testAccount, testApp, testPublicBaseUrl } from './support/stack-template.ts';
import type { SynthesizedStack } from './support/stack-template.ts';
import { asArray, type PolicyStatement } from './support/template-reading.ts';

// ---------------------------------------------------------------------------- setup


/** Real-looking template ids for every slot the local defaults have (distinct from the local ones). */
const realTemplates = Object.fromEntries(
  Object.entries(localTemplateIds).map(([kind, slots], kindIndex) => [
    kind,
    Object.fromEntries(Object.keys(slots).map((slot, slotIndex) => [slot, `f1e2d3c4-b5a6-4789-8abc-${String(kindIndex * 100 + slotIndex).padStart(12, '0')}`])),
  ]),
);

let stack: CurfewChecksStack;
let template: Template;
let resources: SynthesizedStack['resources'];
let resourcesOfType: SynthesizedStack['resourcesOfType'];
let logicalIdOf: SynthesizedStack['logicalIdOf'];

beforeAll(() => {
  stack = buildMainStack();
  ({ template, resources, resourcesOfType, logicalIdOf } = synthesized(stack));
}, 120_000);

const definitionNamed = (name: string): FunctionDefinition => {
  const definition = deployedFunctions.find((candidate) => candidate.name === name);
  if (!definition) throw new Error(`No deployed function ${name}`);
  return definition;
};
const functionId = (name: string): string => logicalIdOf(stack.handlerNamed(name).function);
const roleId = (name: string): string => logicalIdOf(stack.handlerNamed(name).role);
const tableId = (): string => logicalIdOf(stack.table);
const queueId = (): string => logicalIdOf(stack.notify.deadLetterQueue);
const apiKeySecretId = (): string => logicalIdOf(stack.notify.apiKeySecret);
const tokenSecretId = (): string => logicalIdOf(stack.notify.callbackTokenSecret);

/** Every policy statement attached to a role, by the role's logical id. */
function statementsOfRole(id: string): PolicyStatement[] {
  return resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties['Roles'] as { Ref: string }[]).some((ref) => ref.Ref === id))
    .flatMap(([, policy]) => (policy.Properties['PolicyDocument'] as { Statement: PolicyStatement[] }).Statement);
}

/** The roles (logical ids) with an Allow statement naming this resource, and the actions each is allowed on it. */
function grantsOn(resourceRef: unknown): Record<string, string[]> {
  const grants: Record<string, string[]> = {};
  for (const [, policy] of resourcesOfType('AWS::IAM::Policy')) {
    const statements = (policy.Properties['PolicyDocument'] as { Statement: PolicyStatement[] }).Statement;
    for (const statement of statements) {
      if (statement.Effect !== 'Allow' || !asArray(statement.Resource).some((resource) => JSON.stringify(resource) === JSON.stringify(resourceRef))) continue;
      for (const { Ref } of policy.Properties['Roles'] as { Ref: string }[]) {
        grants[Ref] = [...(grants[Ref] ?? []), ...asArray(statement.Action)].sort();
      }
    }
  }
  return grants;
}

/** deliver-messages' event source mapping (the stream has another, to keep-performance-counts). */
function delivererMapping(): [string, SynthesizedStack['resources'][string]] | [] {
  return resourcesOfType('AWS::Lambda::EventSourceMapping').find(([, mapping]) => JSON.stringify(mapping.Properties['FunctionName']).includes(functionId('deliver-messages'))) ?? [];
}

function environmentOf(id: string): Record<string, unknown> {
  return (resources[id]?.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
}

// ---------------------------------------------------------------------------- stream

describe('the table stream', () => {
  it('is enabled with keys only (deliver-messages reads each item itself)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'KEYS_ONLY' } });
  });

  it('feeds deliver-messages through exactly one event source mapping (the others feed keep-performance-counts and publish-domain-events, test/infra/performance-counts.test.ts and domain-events.test.ts)', () => {
    const mappings = resourcesOfType('AWS::Lambda::EventSourceMapping').filter(([, mapping]) => JSON.stringify(mapping.Properties['FunctionName']).includes(functionId('deliver-messages')));
    expect(mappings).toHaveLength(1);
    expect(resourcesOfType('AWS::Lambda::EventSourceMapping')).toHaveLength(3);
    expect(mappings[0]?.[1].Properties).toMatchObject({
      FunctionName: { Ref: functionId('deliver-messages') },
      EventSourceArn: { 'Fn::GetAtt': [tableId(), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
    });
  });

  it('passes on only INSERTs of outbox items', () => {
    const [, mapping] = delivererMapping();
    const filters = (mapping?.Properties['FilterCriteria'] as { Filters: { Pattern: string }[] }).Filters;
    expect(filters).toHaveLength(1);
    expect(JSON.parse(filters[0]?.Pattern ?? '')).toEqual({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: ['OUTBOX'] } } } });
  });

  it('sends small batches, halves a failing batch, retries a bounded number of times, then reports to the dead-letter queue', () => {
    const [, mapping] = delivererMapping();
    const properties = mapping?.Properties ?? {};
    expect(properties['BatchSize']).toBe(4);
    expect(properties['BatchSize']).toBeLessThanOrEqual(10);
    expect(properties['BisectBatchOnFunctionError']).toBe(true);
    expect(properties['MaximumRetryAttempts']).toBe(3);
    expect(properties['DestinationConfig']).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': [queueId(), 'Arn'] } } });
    // The handler throws for the whole batch: partial batch responses would be ignored.
    expect(properties['FunctionResponseTypes']).toBeUndefined();
  });

  it('is read only by its three readers (deliver-messages, keep-performance-counts (ADR 0020) and publish-domain-events (ADR 0027)), on this table\'s stream', () => {
    const streamGrants = grantsOn({ 'Fn::GetAtt': [tableId(), 'StreamArn'] });
    const reads = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
    expect(streamGrants).toEqual({ [roleId('deliver-messages')]: reads, [roleId('keep-performance-counts')]: reads, [roleId('publish-domain-events')]: reads });
    const listStreams = resourcesOfType('AWS::IAM::Policy').filter(([, policy]) => JSON.stringify(policy.Properties).includes('dynamodb:ListStreams'));
    expect(listStreams.flatMap(([, policy]) => (policy.Properties['Roles'] as { Ref: string }[]).map((ref) => ref.Ref)).sort()).toEqual([roleId('deliver-messages'), roleId('keep-performance-counts'), roleId('publish-domain-events')].sort());
  });
});

// ---------------------------------------------------------------------------- dead-letter queue

describe('the dead-letter queue', () => {
  it('is encrypted, keeps failures for 14 days and refuses anything but TLS', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Resource: { 'Fn::GetAtt': [queueId(), 'Arn'] } }),
        ]),
      },
    });
  });

  it('only deliver-messages (as the mapping\'s role) may send to it', () => {
    expect(grantsOn({ 'Fn::GetAtt': [queueId(), 'Arn'] })).toEqual({
      [roleId('deliver-messages')]: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
    });
  });

  it('raises an alarm as soon as it holds anything', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(), 'QueueName'] } }],
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('has a second alarm for deliver-messages failing in every minute for 5 minutes (the sweep path)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId('deliver-messages') } }],
      Period: 60,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 5,
      Threshold: 1,
    });
  });
});

// ---------------------------------------------------------------------------- schedule

describe('the sweep schedule', () => {
  it('invokes deliver-messages with {} every minute, without retrying a missed run, and reports failed runs to a dead-letter queue', () => {
    const sweeps = resourcesOfType('AWS::Scheduler::Schedule').filter(([, schedule]) => JSON.stringify(schedule.Properties['Target']).includes(functionId('deliver-messages')));
    expect(sweeps.map(([id]) => id)).toEqual([logicalIdOf(stack.notify.sweepSchedule)]);
    expect(sweeps[0]?.[1].Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [functionId('deliver-messages'), 'Arn'] },
        Input: '{}',
        RoleArn: { 'Fn::GetAtt': [logicalIdOf(stack.notify.sweepRole), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(stack.notify.sweepFailures.queue), 'Arn'] } },
      },
    });
    expect(notifyDeliverySettings.sweepEvery.toSeconds()).toBe(60);
  });

  it('runs as a role that EventBridge Scheduler of this account may assume and that may only invoke deliver-messages, unqualified (and report to its DLQ)', () => {
    const sweepRoleId = logicalIdOf(stack.notify.sweepRole);
    expect(resources[sweepRoleId]?.Properties['AssumeRolePolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': testAccount } },
        },
      ],
    });
    expect(statementsOfRole(sweepRoleId)).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [functionId('deliver-messages'), 'Arn'] } },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [logicalIdOf(stack.notify.sweepFailures.queue), 'Arn'] } },
    ]);
  });
});

// ---------------------------------------------------------------------------- secrets

describe('secrets', () => {
  it('the Notify API key secret starts as a placeholder and says how to set it', () => {
    const secret = resources[apiKeySecretId()]?.Properties ?? {};
    expect(secret['SecretString']).toBe(notifyApiKeyPlaceholder);
    expect(secret['GenerateSecretString']).toBeUndefined();
    expect(secret['Description']).toMatch(/aws secretsmanager put-secret-value/);
  });

  it('the callback bearer token is generated: letters and digits, at least 32 of them', () => {
    const generate = resources[tokenSecretId()]?.Properties['GenerateSecretString'] as Record<string, unknown>;
    expect(generate).toMatchObject({ ExcludePunctuation: true, IncludeSpace: false });
    expect(generate['PasswordLength']).toBeGreaterThanOrEqual(32);
    expect(resources[tokenSecretId()]?.Properties['SecretString']).toBeUndefined();
  });

  it('only deliver-messages may read the API key, and only its value', () => {
    expect(grantsOn({ Ref: apiKeySecretId() })).toEqual({ [roleId('deliver-messages')]: ['secretsmanager:GetSecretValue'] });
  });

  it('only notify-callback may read the callback token, and only its value', () => {
    expect(grantsOn({ Ref: tokenSecretId() })).toEqual({ [roleId('notify-callback')]: ['secretsmanager:GetSecretValue'] });
  });

  // Besides these two, the route functions read the header secret CloudFront sends (test/infra/origin-verification.test.ts).
  it('no role is granted any Secrets Manager action on anything but those two secrets and the origin header secret', () => {
    const secretRefs = [apiKeySecretId(), tokenSecretId(), logicalIdOf(stack.originVerification.secret)].map((id) => JSON.stringify({ Ref: id }));
    for (const [, policy] of resourcesOfType('AWS::IAM::Policy')) {
      for (const statement of (policy.Properties['PolicyDocument'] as { Statement: PolicyStatement[] }).Statement) {
        if (!asArray(statement.Action).some((action) => action.startsWith('secretsmanager:'))) continue;
        for (const resource of asArray(statement.Resource)) expect(secretRefs).toContain(JSON.stringify(resource));
      }
    }
  });

  it('each function is told its secret\'s ARN, never a secret value', () => {
    expect(environmentOf(functionId('deliver-messages'))['NOTIFY_API_KEY_SECRET_ARN']).toEqual({ Ref: apiKeySecretId() });
    expect(environmentOf(functionId('notify-callback'))['NOTIFY_CALLBACK_TOKEN_SECRET_ARN']).toEqual({ Ref: tokenSecretId() });
    for (const definition of deployedFunctions) {
      const variables = environmentOf(functionId(definition.name));
      expect(Object.keys(variables)).not.toContain('NOTIFY_API_KEY');
      expect(Object.keys(variables)).not.toContain('NOTIFY_CALLBACK_BEARER_TOKEN');
      expect(JSON.stringify(variables)).not.toMatch(/resolve:secretsmanager/);
      if (definition.name !== 'deliver-messages') expect(Object.keys(variables)).not.toContain('NOTIFY_API_KEY_SECRET_ARN');
      if (definition.name !== 'notify-callback') expect(Object.keys(variables)).not.toContain('NOTIFY_CALLBACK_TOKEN_SECRET_ARN');
    }
  });

  it('no function is told where real Notify is (the handlers default to it) or how to shorten retries', () => {
    for (const definition of deployedFunctions) {
      const names = Object.keys(environmentOf(functionId(definition.name)));
      expect(names).not.toContain('NOTIFY_BASE_URL');
      expect(names).not.toContain('NOTIFY_RETRY_BASE_MS');
    }
  });
});

// ---------------------------------------------------------------------------- deliver-messages

describe('deliver-messages', () => {
  it('has a 60 s timeout; notify-callback keeps the 10 s default', () => {
    expect(resources[functionId('deliver-messages')]?.Properties['Timeout']).toBe(60);
    expect(resources[functionId('notify-callback')]?.Properties['Timeout']).toBe(10);
  });

  it('gets the template ids, by default the made-up local ones, and the synth warns about them', () => {
    expect(JSON.parse(environmentOf(functionId('deliver-messages'))['NOTIFY_TEMPLATES'] as string)).toEqual(localTemplateIds);
    expect(defaultNotifyTemplates).toBe(JSON.stringify(localTemplateIds));
    Annotations.fromStack(stack).hasWarning('/CurfewChecks/Notify', Match.stringLikeRegexp('made-up local template id'));
  });

  it('only deliver-messages gets the template ids', () => {
    for (const definition of deployedFunctions.filter((candidate) => candidate.name !== 'deliver-messages')) {
      expect(Object.keys(environmentOf(functionId(definition.name)))).not.toContain('NOTIFY_TEMPLATES');
    }
    expect(definitionNamed('deliver-messages').routes ?? []).toEqual([]);
  });
});

describe('notifyTemplates', () => {
  it('passes real ids through unchanged, without a warning', () => {
    const json = JSON.stringify(realTemplates);
    const custom = buildMainStack({ notifyTemplates: json });
    const customSynth = synthesized(custom);
    const deliverer = customSynth.logicalIdOf(custom.handlerNamed('deliver-messages').function);
    const variables = customSynth.resources[deliverer]?.Properties['Environment'] as { Variables: Record<string, unknown> };
    expect(variables.Variables['NOTIFY_TEMPLATES']).toBe(json);
    Annotations.fromStack(custom).hasNoWarning('/CurfewChecks/Notify', Match.anyValue());
  }, 60_000);

  it('fails the synth when the value is not JSON', () => {
    expect(() => buildMainStack({ notifyTemplates: '{not json' })).toThrow(/notifyTemplates: NOTIFY_TEMPLATES must be JSON/);
  });

  it('fails the synth when a template id is missing (real Notify needs every one)', () => {
    const { OVERDUE: _overdue, ...incomplete } = realTemplates;
    expect(() => buildMainStack({ notifyTemplates: JSON.stringify(incomplete) })).toThrow(/notifyTemplates: .*missing OVERDUE\.OFFICER_EMAIL/);
  });

  it('fails the synth when an id is not a UUID', () => {
    expect(() => buildMainStack({ notifyTemplates: JSON.stringify({ ...realTemplates, OVERDUE: { OFFICER_EMAIL: 'overdue' } }) })).toThrow(/notifyTemplates: .*not valid: OVERDUE\.OFFICER_EMAIL/);
  });
});

// ---------------------------------------------------------------------------- outputs and the per-function timeout

describe('outputs', () => {
  it('name both secrets and the callback URL to register in Notify', () => {
    template.hasOutput('NotifyApiKeySecretArn', { Value: { Ref: apiKeySecretId() } });
    template.hasOutput('NotifyCallbackTokenSecretArn', { Value: { Ref: tokenSecretId() } });
    template.hasOutput('NotifyCallbackUrl', { Value: `${testPublicBaseUrl}/notify/callback` });
  });
});

describe('HandlerFunction timeout', () => {
  const bare = (definition: FunctionDefinition, timeout?: Duration): HandlerFunction => {
    const app = testApp({ context: {} });
    return new HandlerFunction(new Stack(app, 'Bare'), definition.name, {
      definition,
      projectRoot: repositoryRoot,
      environment: {},
      ...(timeout === undefined ? {} : { timeout }),
    });
  };

  it('defaults to 10 s', () => {
    expect(Template.fromStack(Stack.of(bare(definitionNamed('deliver-messages')))).findResources('AWS::Lambda::Function', { Properties: { Timeout: 10 } })).not.toEqual({});
  });

  it('refuses more than 30 s for a function that serves routes (API Gateway\'s integration limit)', () => {
    expect(() => bare(definitionNamed('notify-callback'), Duration.seconds(31))).toThrow(/cannot exceed API Gateway's 30 s/);
  });
});
