import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Alarm, CfnAlarm, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { ExecutionAlreadyExists, ExecutionLimitExceeded, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { alarmThresholds, OperationalAlarms } from '#infra/constructs/operational-alarms';
import { scheduledRunRetries, weekdaysAtLondonTime } from '#infra/constructs/scheduled-function';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { deployedFunctions } from '#infra/function-registry';
import { buildMainStack, repositoryRoot, synthesized, testAccount, testApp } from './support/stack-template.ts';
import type { CfnResource, SynthesizedStack } from './support/stack-template.ts';

/**
 * What keeps the deployed stack from failing silently (docs/reliability.md, section 5): one alarms
 * topic every alarm notifies, alarms on the workflow, every function and every dead-letter queue,
 * a dead-letter queue on every asynchronous invocation, the scheduled functions, the SDK clients'
 * retries, and one execution per proposal.
 */

// ---------------------------------------------------------------------------- setup

const stateMachineArn = `arn:aws:states:eu-west-2:${testAccount}:stateMachine:CurfewChecks-curfew-checks`;

interface PolicyStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

let stack: CurfewChecksStack;
let template: Template;
let resources: SynthesizedStack['resources'];
let resourcesOfType: SynthesizedStack['resourcesOfType'];
let logicalIdOf: SynthesizedStack['logicalIdOf'];

beforeAll(() => {
  stack = buildMainStack();
  ({ template, resources, resourcesOfType, logicalIdOf } = synthesized(stack));
}, 120_000);

const alarms = (): CfnResource[] => resourcesOfType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm);
const topicRef = (): unknown => ({ Ref: logicalIdOf(stack.alarms.topic) });
const functionId = (name: string): string => logicalIdOf(stack.handlerNamed(name).function);
const getAttArn = (id: string): unknown => ({ 'Fn::GetAtt': [id, 'Arn'] });
/** The logical id a `{ "Fn::GetAtt": [id, "Arn"] }` or `{ "Ref": id }` points at. */
const referencedId = (value: unknown): string | undefined => {
  const node = value as { 'Fn::GetAtt'?: [string, string]; Ref?: string } | undefined;
  return node?.['Fn::GetAtt']?.[0] ?? node?.Ref;
};

/** Every alarm on one metric of one resource (by dimension value). */
function alarmsOn(namespace: string, metricName: string, dimension: unknown): CfnResource[] {
  return alarms().filter(
    (alarm) =>
      alarm.Properties['Namespace'] === namespace &&
      alarm.Properties['MetricName'] === metricName &&
      JSON.stringify(alarm.Properties['Dimensions']).includes(JSON.stringify(dimension)),
  );
}

/** The alarm fires as soon as the count is above zero (`> 0`, or `>= 1` for a whole-number count). */
function firesOnAnyMessage(alarm: CfnResource): boolean {
  const { ComparisonOperator: operator, Threshold: threshold } = alarm.Properties;
  return (operator === 'GreaterThanThreshold' && threshold === 0) || (operator === 'GreaterThanOrEqualToThreshold' && threshold === 1);
}

// ---------------------------------------------------------------------------- the alarms topic

describe('the operational alarms topic', () => {
  it('is encrypted with its own rotating KMS key, which CloudWatch may use to publish (the AWS managed key would refuse it)', () => {
    const keyId = logicalIdOf(stack.alarms.topicKey);
    expect(resources[logicalIdOf(stack.alarms.topic)]?.Properties['KmsMasterKeyId']).toEqual(getAttArn(keyId));
    expect(resources[keyId]?.Properties['EnableKeyRotation']).toBe(true);
    const statements = (resources[keyId]?.Properties['KeyPolicy'] as { Statement: PolicyStatement[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'] }),
    );
  });

  it('refuses anything but TLS, and lets only CloudWatch alarms of this account publish', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef()],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              StringEquals: { 'aws:SourceAccount': testAccount },
              ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:eu-west-2:${testAccount}:alarm:*` },
            },
          }),
        ]),
      },
    });
  });

  it('is published as the AlarmTopicArn output, and has no subscription unless alarmEmail is given', () => {
    template.hasOutput('AlarmTopicArn', { Value: topicRef() });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('emails alarmEmail when it is given', () => {
    const withEmail = Template.fromStack(buildMainStack({ alarmEmail: 'curfew-oncall@example.gov.uk' }));
    withEmail.resourceCountIs('AWS::SNS::Subscription', 1);
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'curfew-oncall@example.gov.uk' });
  }, 60_000);

  it('fails the synth for an alarmEmail that is not an email address', () => {
    expect(() => buildMainStack({ alarmEmail: 'on-call team' })).toThrow(/alarmEmail must be an email address/);
  });
});

// ---------------------------------------------------------------------------- every alarm

describe('every CloudWatch alarm in the stack', () => {
  it('includes the two Notify delivery alarms', () => {
    expect(resources[logicalIdOf(stack.notify.deadLetterAlarm)]?.Type).toBe('AWS::CloudWatch::Alarm');
    expect(resources[logicalIdOf(stack.notify.failingAlarm)]?.Type).toBe('AWS::CloudWatch::Alarm');
  });

  it('notifies the topic when it fires and when it recovers, and nothing else', () => {
    expect(alarms().length).toBeGreaterThan(2 * deployedFunctions.length);
    for (const [id, alarm] of resourcesOfType('AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties['AlarmActions'], id).toEqual([topicRef()]);
      expect(alarm.Properties['OKActions'], id).toEqual([topicRef()]);
      expect(alarm.Properties['InsufficientDataActions'], id).toBeUndefined();
    }
  });

  it('treats missing data as fine (nothing ran) and says what to do in its description', () => {
    for (const [id, alarm] of resourcesOfType('AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties['TreatMissingData'], id).toBe('notBreaching');
      expect(String(alarm.Properties['AlarmDescription']).length, id).toBeGreaterThan(80);
    }
  });

  it('cannot be added without the topic: an Alarm added anywhere gets it, a bare CfnAlarm fails the synth', () => {
    const bare = new Stack(testApp({ context: {} }), 'Bare', { env: { account: testAccount, region: 'eu-west-2' } });
    new OperationalAlarms(bare, 'Alarms');
    new Alarm(bare, 'Later', { metric: new Metric({ namespace: 'Test', metricName: 'Count' }), threshold: 1, evaluationPeriods: 1 });
    new CfnAlarm(bare, 'Raw', { comparisonOperator: 'GreaterThanThreshold', evaluationPeriods: 1, threshold: 0, namespace: 'Test', metricName: 'Count', period: 60, statistic: 'Sum' });
    const bareTemplate = Template.fromStack(bare);
    bareTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Count', AlarmActions: [Match.objectLike({ Ref: Match.stringLikeRegexp('AlarmsTopic') })] });
    Annotations.fromStack(bare).hasError('/Bare/Raw', Match.stringLikeRegexp('Create alarms with the Alarm construct'));
  });
});

// ---------------------------------------------------------------------------- the workflow

describe('state machine alarms', () => {
  it.each([
    ['ExecutionsFailed', 1],
    ['ExecutionsTimedOut', 1],
    ['ExecutionThrottled', 1],
    ['ExecutionsAborted', alarmThresholds.abortedPerHour],
  ])('alarm on %s (threshold %d)', (metricName, threshold) => {
    const found = alarmsOn('AWS/States', metricName, { Name: 'StateMachineArn', Value: { Ref: logicalIdOf(stack.stateMachine) } });
    expect(found).toHaveLength(1);
    expect(found[0]?.Properties).toMatchObject({ Statistic: 'Sum', Threshold: threshold, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1 });
  });

  it('allow for the executions withdrawals and early decisions stop on purpose, but not for many in an hour', () => {
    const [aborted] = alarmsOn('AWS/States', 'ExecutionsAborted', { Name: 'StateMachineArn', Value: { Ref: logicalIdOf(stack.stateMachine) } });
    expect(aborted?.Properties['Period']).toBe(3600);
    expect(alarmThresholds.abortedPerHour).toBeGreaterThan(1);
    expect(alarmThresholds.abortedPerHour).toBeLessThanOrEqual(20);
  });
});

// ---------------------------------------------------------------------------- functions

describe('function alarms', () => {
  const functionIds = (): string[] => resourcesOfType('AWS::Lambda::Function').map(([id]) => id);

  it('cover every Lambda function in the template: each registry entry and the static files upload', () => {
    expect(functionIds()).toHaveLength(deployedFunctions.length + 1);
    expect(functionIds()).toContain(logicalIdOf(stack.staticAssetsDeploymentFunction()));
  });

  it.each(['Errors', 'Throttles'])('alarm on %s of every function, from the first one in 5 minutes', (metricName) => {
    for (const id of functionIds()) {
      const found = alarmsOn('AWS/Lambda', metricName, { Name: 'FunctionName', Value: { Ref: id } }).filter((alarm) => alarm.Properties['Period'] === 300);
      expect(found, `${metricName} of ${id}`).toHaveLength(1);
      expect(found[0]?.Properties, id).toMatchObject({ Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1 });
    }
  });
});

// ---------------------------------------------------------------------------- dead-letter queues

describe('dead-letter queues', () => {
  /** Queue logical id → what reports to it. */
  function deadLetterUses(): Record<string, string[]> {
    const uses: Record<string, string[]> = {};
    const add = (arn: unknown, by: string): void => {
      const id = referencedId(arn);
      if (id !== undefined) uses[id] = [...(uses[id] ?? []), by];
    };
    for (const [id, mapping] of resourcesOfType('AWS::Lambda::EventSourceMapping')) {
      add((mapping.Properties['DestinationConfig'] as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination, `mapping ${id}`);
    }
    for (const [id, config] of resourcesOfType('AWS::Lambda::EventInvokeConfig')) {
      add((config.Properties['DestinationConfig'] as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination, `async ${id}`);
    }
    for (const [id, schedule] of resourcesOfType('AWS::Scheduler::Schedule')) {
      add((schedule.Properties['Target'] as { DeadLetterConfig?: { Arn?: unknown } }).DeadLetterConfig?.Arn, `schedule ${id}`);
    }
    return uses;
  }

  it('every queue in the stack is a dead-letter queue of something', () => {
    const uses = deadLetterUses();
    const queues = resourcesOfType('AWS::SQS::Queue').map(([id]) => id);
    expect(queues.length).toBeGreaterThanOrEqual(4);
    for (const id of queues) expect(uses[id], id).toBeDefined();
  });

  it('every one is encrypted, refuses anything but TLS and keeps failures for 14 days', () => {
    for (const [id, queue] of resourcesOfType('AWS::SQS::Queue')) {
      expect(queue.Properties, id).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });

  it('every one raises an alarm as soon as it holds anything', () => {
    for (const [id] of resourcesOfType('AWS::SQS::Queue')) {
      const found = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } });
      expect(found, id).toHaveLength(1);
      expect(firesOnAnyMessage(found[0] as CfnResource), id).toBe(true);
      expect(found[0]?.Properties['Statistic'], id).toBe('Maximum');
    }
  });
});

// ---------------------------------------------------------------------------- asynchronous invocations

describe('asynchronous invocations', () => {
  /**
   * Every function something invokes asynchronously, found in the template: schedule targets and
   * custom resource handlers (CloudFormation). Everything else that may invoke a function must be
   * API Gateway (synchronous); the state machine and the stream's mapping invoke synchronously too.
   */
  function asyncInvokedFunctionIds(): string[] {
    const scheduled = resourcesOfType('AWS::Scheduler::Schedule').map(([, schedule]) => referencedId((schedule.Properties['Target'] as { Arn: unknown }).Arn));
    const customResourceHandlers = Object.values(resources)
      .filter((resource) => resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource')
      .map((resource) => referencedId(resource.Properties['ServiceToken']));
    return [...new Set([...scheduled, ...customResourceHandlers])].filter((id): id is string => id !== undefined && resources[id]?.Type === 'AWS::Lambda::Function');
  }

  it('are found: the Notify sweep, every scheduled registry entry and the static files upload', () => {
    expect(asyncInvokedFunctionIds().sort()).toEqual(
      [
        functionId('deliver-messages'),
        ...deployedFunctions.filter((definition) => definition.schedule !== undefined).map((definition) => functionId(definition.name)),
        logicalIdOf(stack.staticAssetsDeploymentFunction()),
      ].sort(),
    );
  });

  it('no other service is allowed to invoke a function (a new trigger would need a dead-letter queue first), but Cognito its sign-in trigger, which it calls and waits for', () => {
    const permissions = resourcesOfType('AWS::Lambda::Permission').map(([, permission]) => permission.Properties);
    const byCognito = permissions.filter((permission) => permission['Principal'] === 'cognito-idp.amazonaws.com');
    expect([...new Set(permissions.map((permission) => permission['Principal']))].sort()).toEqual(['apigateway.amazonaws.com', 'cognito-idp.amazonaws.com']);
    // Cognito invokes its triggers synchronously (no token is issued until the trigger answers): only the one trigger, only from our user pool.
    expect(byCognito.map((permission) => referencedId(permission['FunctionName']))).toEqual([functionId('pre-token-generation')]);
    expect(resourcesOfType('AWS::Cognito::UserPool').map(([id]) => id)).toContain(referencedId(byCognito[0]?.['SourceArn']));
  });

  it('each has an on-failure destination that is a queue, and bounded retries', () => {
    const configs = resourcesOfType('AWS::Lambda::EventInvokeConfig').map(([, config]) => config.Properties);
    for (const id of asyncInvokedFunctionIds()) {
      const config = configs.find((candidate) => referencedId(candidate['FunctionName']) === id);
      expect(config, id).toBeDefined();
      const destination = referencedId((config?.['DestinationConfig'] as { OnFailure: { Destination: unknown } }).OnFailure.Destination) ?? '';
      expect(resources[destination]?.Type, id).toBe('AWS::SQS::Queue');
      expect(config?.['MaximumRetryAttempts'], id).toBeLessThanOrEqual(2);
      expect(config?.['MaximumEventAgeInSeconds'], id).toBeLessThanOrEqual(3600);
    }
  });

  it('every schedule has a dead-letter queue and a retry policy', () => {
    const schedules = resourcesOfType('AWS::Scheduler::Schedule');
    expect(schedules.length).toBeGreaterThanOrEqual(2);
    for (const [id, schedule] of schedules) {
      const target = schedule.Properties['Target'] as { DeadLetterConfig?: { Arn: unknown }; RetryPolicy?: Record<string, number> };
      expect(resources[referencedId(target.DeadLetterConfig?.Arn) ?? '']?.Type, id).toBe('AWS::SQS::Queue');
      expect(target.RetryPolicy, id).toEqual({ MaximumRetryAttempts: expect.any(Number) as number, MaximumEventAgeInSeconds: expect.any(Number) as number });
    }
  });

  it('every event source mapping reports failed batches to a dead-letter queue after bounded retries', () => {
    for (const [id, mapping] of resourcesOfType('AWS::Lambda::EventSourceMapping')) {
      const destination = referencedId((mapping.Properties['DestinationConfig'] as { OnFailure: { Destination: unknown } }).OnFailure.Destination) ?? '';
      expect(resources[destination]?.Type, id).toBe('AWS::SQS::Queue');
      expect(mapping.Properties['MaximumRetryAttempts'], id).toBeGreaterThanOrEqual(0);
    }
  });
});

// ---------------------------------------------------------------------------- scheduled functions

const scheduledDefinitions = deployedFunctions.filter((definition) => definition.schedule !== undefined);

describe('scheduled registry entries', () => {
  it('exist (so the tests below test something)', () => {
    expect(scheduledDefinitions.map((definition) => definition.name)).toContain('send-overdue-digest');
  });

  describe.each(scheduledDefinitions.map((definition) => [definition.name, definition] as const))('%s', (name, definition) => {
    const scheduled = () => {
      const weekday = stack.scheduledRuns.find((candidate) => candidate.schedule.node.scope?.node.id === `${name}-schedule`);
      if (weekday === undefined) throw new Error(`No schedule for ${name}`);
      return weekday;
    };
    const schedule = definition.schedule;
    // A weekday run is a cron in London time; a repeating repair is a plain rate (no time zone).
    const [hour, minute] = (schedule !== undefined && 'weekdaysAtLondonTime' in schedule ? schedule.weekdaysAtLondonTime : '').split(':').map(Number);
    const expression =
      schedule !== undefined && 'everyMinutes' in schedule
        ? { ScheduleExpression: `rate(${schedule.everyMinutes} minute${schedule.everyMinutes === 1 ? '' : 's'})` }
        : { ScheduleExpression: `cron(${minute} ${hour} ? * MON-FRI *)`, ScheduleExpressionTimezone: 'Europe/London' };

    it('is invoked with {} on its timetable (Monday to Friday at its London time, or every few minutes), on the dot', () => {
      expect(resources[logicalIdOf(scheduled().schedule)]?.Properties).toMatchObject({
        ...expression,
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Description: definition.schedule?.description,
        Target: {
          Arn: getAttArn(functionId(name)),
          Input: '{}',
          RoleArn: getAttArn(logicalIdOf(scheduled().role)),
          RetryPolicy: {
            MaximumRetryAttempts: scheduledRunRetries.schedulerRetryAttempts,
            MaximumEventAgeInSeconds: scheduledRunRetries.maxEventAge.toSeconds(),
          },
          DeadLetterConfig: { Arn: getAttArn(logicalIdOf(scheduled().failures.queue)) },
        },
      });
    });

    it('runs as its own role, which only this account\'s Scheduler may assume and which may invoke only this function (unqualified)', () => {
      const roleId = logicalIdOf(scheduled().role);
      expect(resources[roleId]?.Properties['AssumeRolePolicyDocument']).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': testAccount } } }],
      });
      const statements = resourcesOfType('AWS::IAM::Policy')
        .filter(([, policy]) => (policy.Properties['Roles'] as { Ref: string }[]).some((ref) => ref.Ref === roleId))
        .flatMap(([, policy]) => (policy.Properties['PolicyDocument'] as { Statement: PolicyStatement[] }).Statement);
      expect(statements).toEqual([
        { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: getAttArn(functionId(name)) },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAttArn(logicalIdOf(scheduled().failures.queue)) },
      ]);
      const schedulesUsingRole = resourcesOfType('AWS::Scheduler::Schedule').filter(([, schedule]) => JSON.stringify(schedule.Properties).includes(roleId));
      expect(schedulesUsingRole).toHaveLength(1);
    });

    it('sends a run that fails after Lambda\'s retries to the same dead-letter queue, which has an alarm', () => {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId(name) },
        MaximumRetryAttempts: scheduledRunRetries.lambdaRetryAttempts,
        MaximumEventAgeInSeconds: scheduledRunRetries.maxEventAge.toSeconds(),
        DestinationConfig: { OnFailure: { Destination: getAttArn(logicalIdOf(scheduled().failures.queue)) } },
      });
      expect(resources[logicalIdOf(scheduled().failures.alarm)]?.Properties['AlarmDescription']).toContain(name);
    });
  });

  it.each([
    ['07:30', 'cron(30 7 ? * MON-FRI *)'],
    ['00:05', 'cron(5 0 ? * MON-FRI *)'],
    ['23:59', 'cron(59 23 ? * MON-FRI *)'],
  ])('turns %s into %s in Europe/London', (time, expression) => {
    const schedule = weekdaysAtLondonTime(time);
    expect(schedule.expressionString).toBe(expression);
    expect(schedule.timeZone?.timezoneName).toBe('Europe/London');
  });

  it.each(['7:30', '24:00', '07:60', '0730', ''])('fails the synth for the time %j', (time) => {
    expect(() => weekdaysAtLondonTime(time)).toThrow(/HH:MM/);
  });
});

// ---------------------------------------------------------------------------- SDK clients

/**
 * The handlers' modules read their environment when they load (functions/runtime/config.ts), so
 * they are imported afresh, after the environment a deployed function has, as AWS would.
 */
async function handlerModules(): Promise<{ clients: typeof import('#runtime/aws-clients'); executions: typeof import('#checks-workflow/executions') }> {
  vi.stubEnv('TABLE_NAME', 'curfew-checks-table');
  vi.stubEnv('PUBLIC_BASE_URL', 'https://curfew-checks.test.example.gov.uk');
  vi.stubEnv('STATE_MACHINE_ARN', stateMachineArn);
  vi.stubEnv('DYNAMODB_ENDPOINT', '');
  vi.stubEnv('SFN_ENDPOINT', '');
  vi.resetModules();
  return { clients: await import('#runtime/aws-clients'), executions: await import('#checks-workflow/executions') };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('AWS SDK clients of the handlers', () => {
  it.each(['dynamoDbClient', 'stepFunctions'] as const)('%s uses standard retries (exponential backoff, full jitter) with 3 attempts', async (name) => {
    const { clients } = await handlerModules();
    const { config } = clients[name];
    const strategy = await config.retryStrategy();
    expect(config.retryMode).toBe('standard');
    expect(strategy).toMatchObject({ mode: 'standard' });
    expect(await config.maxAttempts()).toBe(3);
  });
});

// ---------------------------------------------------------------------------- one execution per proposal

/**
 * The unit side of "a retried start cannot create a second execution": the start always names
 * the execution by the proposal id. That Step Functions then refuses a second execution with
 * that name is shown against the local engine by test/integration/local-step-functions.test.ts
 * ("starts idempotently with the same name and input, and refuses the same name with another input").
 */
describe('starting the checks workflow', () => {
  /** The real startChecksWorkflow, with the Step Functions client's send replaced. */
  async function withStubbedStart(): Promise<{ start: (proposalId: string) => Promise<void>; sent: () => StartExecutionCommand[]; send: ReturnType<typeof vi.fn> }> {
    const { clients, executions } = await handlerModules();
    const send = vi.fn();
    vi.spyOn(clients.stepFunctions, 'send').mockImplementation(send as never);
    return { start: executions.startChecksWorkflow, send, sent: () => send.mock.calls.map(([command]) => command as StartExecutionCommand) };
  }

  it('names the execution by the proposal id, with only the id as input', async () => {
    const { start, send, sent } = await withStubbedStart();
    send.mockResolvedValue({ executionArn: `${stateMachineArn}:p-123`, startDate: new Date() });

    await start('p-123');

    expect(sent()).toHaveLength(1);
    expect(sent()[0]).toBeInstanceOf(StartExecutionCommand);
    expect(sent()[0]?.input).toEqual({ stateMachineArn, name: 'p-123', input: JSON.stringify({ proposalId: 'p-123' }) });
  });

  it('sends a retried start with the same name, and takes "already exists" as started', async () => {
    const { start, send, sent } = await withStubbedStart();
    send.mockResolvedValueOnce({}).mockRejectedValueOnce(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));

    await start('p-123');
    await expect(start('p-123')).resolves.toBeUndefined();

    expect(sent().map((command) => command.input.name)).toEqual(['p-123', 'p-123']);
  });

  it('does not swallow any other failure', async () => {
    const { start, send } = await withStubbedStart();
    send.mockRejectedValue(new ExecutionLimitExceeded({ message: 'limit', $metadata: {} }));

    await expect(start('p-123')).rejects.toThrow(/Could not start the checks workflow/);
  });

  it('is the only place that starts an execution', () => {
    const starters = filesUnder(path.join(repositoryRoot, 'functions')).filter((file) => file.endsWith('.ts') && readFileSync(file, 'utf8').includes('StartExecutionCommand'));
    expect(starters.map((file) => path.relative(repositoryRoot, file))).toEqual([path.join('functions', 'checks-workflow', 'executions.ts')]);
  });
});

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(folder, entry.name)) : [path.join(folder, entry.name)],
  );
}
