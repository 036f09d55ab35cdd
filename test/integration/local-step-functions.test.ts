import { readFileSync } from 'node:fs';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClientConfig, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { sharedDynamoDb } from '../support/shared-dynamodb.ts';
import { startLocalStepFunctions } from '../../infra/local/step-functions/index.ts';
import type { LocalStepFunctions, LocalStepFunctionsOptions } from '../../infra/local/step-functions/index.ts';

const fixture = readFileSync(new URL('../fixtures/local-step-functions.asl.json', import.meta.url), 'utf8');
const realWorkflow = readFileSync(new URL('../../workflows/curfew-checks.asl.json', import.meta.url), 'utf8');
const functionArn = (name: string) => `arn:aws:lambda:eu-west-2:000000000000:function:${name}`;
const substitutions = {
  RequestCheckFunctionArn: functionArn('request-check'),
  HandleTimeoutFunctionArn: functionArn('handle-timeout'),
  SummariseFunctionArn: functionArn('summarise'),
};

/** What the fake request handler does for one case, set by each test before it starts. */
interface CaseBehaviour {
  /** Checks the handler answers itself (SendTaskSuccess) before it returns, as an answer-aware handler does. */
  answerAtOnce?: string[];
}

interface IssuedToken {
  caseId: string;
  check: string;
  token: string;
}

/** Fake in-process Lambda functions: they record what they were given and answer like the app's handlers. */
class FakeFunctions {
  readonly issued: IssuedToken[] = [];
  readonly timeoutsHandled: string[] = [];
  readonly behaviours = new Map<string, CaseBehaviour>();
  sfn: SFNClient | undefined;

  readonly invoke = async (arn: string, payload: unknown): Promise<unknown> => {
    const body = payload as { caseId: string; check?: string; taskToken?: string; answers?: unknown };
    if (arn === substitutions.RequestCheckFunctionArn) {
      const { caseId, check = '', taskToken = '' } = body;
      this.issued.push({ caseId, check, token: taskToken });
      if (this.behaviours.get(caseId)?.answerAtOnce?.includes(check)) {
        await this.sfn?.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ check, answer: 'already answered' }) }));
      }
      return { stored: true };
    }
    if (arn === substitutions.HandleTimeoutFunctionArn) {
      this.timeoutsHandled.push(body.caseId);
      return { overdue: true };
    }
    if (arn === substitutions.SummariseFunctionArn) return { caseId: body.caseId, answers: body.answers };
    throw new Error(`No fake function ${arn}`);
  };

  /** Waits until the request handler has been given `count` tokens for that check of that case. */
  async tokens(caseId: string, check: string, count = 1): Promise<string[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const tokens = this.issued.filter((issued) => issued.caseId === caseId && issued.check === check).map((issued) => issued.token);
      if (tokens.length >= count) return tokens;
      if (Date.now() > deadline) throw new Error(`Only ${tokens.length} token(s) for ${caseId}/${check}`);
      await new Promise((wait) => setTimeout(wait, 20));
    }
  }
}

let dynamoDb: ReturnType<typeof sharedDynamoDb>;
let local: LocalStepFunctions;
let sfn: SFNClient;
const functions = new FakeFunctions();
let caseCounter = 0;

function optionsFor(tableName: string, fakes: FakeFunctions): LocalStepFunctionsOptions {
  return {
    definition: fixture,
    substitutions,
    stateMachineName: 'local-fixture',
    invokeFunction: fakes.invoke,
    dynamoDb: { endpoint: dynamoDb.endpoint },
    executionsTableName: tableName,
  };
}

function clientFor(endpoint: string): SFNClient {
  return new SFNClient({ ...localDynamoDbClientConfig(endpoint), maxAttempts: 1 });
}

async function start(input: { waitSeconds?: number; residents?: string[] } = {}, behaviour: CaseBehaviour = {}) {
  caseCounter += 1;
  const caseId = `case-${caseCounter}`;
  functions.behaviours.set(caseId, behaviour);
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: local.stateMachineArn,
      name: caseId,
      input: JSON.stringify({ caseId, waitSeconds: input.waitSeconds ?? 30, residents: input.residents ?? ['resident-1'] }),
    }),
  );
  return { caseId, executionArn: executionArn ?? '' };
}

async function answer(token: string, check: string): Promise<void> {
  await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ check, answer: 'no concerns' }) }));
}

async function finished(client: SFNClient, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING' || Date.now() > deadline) return execution;
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

async function errorNameOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no error',
    (error: unknown) => (error instanceof Error ? error.name : 'not an Error'),
  );
}

beforeAll(async () => {
  dynamoDb = sharedDynamoDb('local-sfn-');
  local = await startLocalStepFunctions(optionsFor('local-sfn-executions', functions));
  sfn = clientFor(local.endpoint);
  functions.sfn = sfn;
}, 60_000);

afterAll(async () => {
  await local?.stop();
  sfn?.destroy();
  await dynamoDb?.release();
});

describe('local Step Functions endpoint', () => {
  it('succeeds with the answers once every callback task has had SendTaskSuccess', async () => {
    // Prepare
    const { caseId, executionArn } = await start({ residents: ['resident-1'] });
    const [first] = await functions.tokens(caseId, 'first');
    const [resident] = await functions.tokens(caseId, 'resident-1');

    // Act
    await answer(first ?? '', 'first');
    await answer(resident ?? '', 'resident-1');
    const execution = await finished(sfn, executionArn);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual({
      caseId,
      answers: [{ check: 'first', answer: 'no concerns' }, [{ check: 'resident-1', answer: 'no concerns' }]],
    });
    expect(first).not.toBe(resident);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('fails the execution with the error and cause given to SendTaskFailure', async () => {
    const { caseId, executionArn } = await start();
    const [first] = await functions.tokens(caseId, 'first');

    await sfn.send(new SendTaskFailureCommand({ taskToken: first, error: 'CheckRefused', cause: 'The police refused the enquiry' }));
    const execution = await finished(sfn, executionArn);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('CheckRefused');
    expect(execution.cause).toBe('The police refused the enquiry');
    expect(await errorNameOf(answer((await functions.tokens(caseId, 'resident-1'))[0] ?? '', 'resident-1'))).toBe('TaskTimedOut');
  });

  it('completes a task whose handler calls SendTaskSuccess before it returns', async () => {
    const { caseId, executionArn } = await start({ residents: ['resident-1'] }, { answerAtOnce: ['resident-1'] });
    const [first] = await functions.tokens(caseId, 'first');

    await answer(first ?? '', 'first');
    const execution = await finished(sfn, executionArn);

    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null').answers[1]).toEqual([{ check: 'resident-1', answer: 'already answered' }]);
  });

  it('closes a timed-out token (TaskTimedOut), runs the Catch path and issues a new token', async () => {
    const { caseId, executionArn } = await start({ waitSeconds: 1, residents: [] });
    const [expired] = await functions.tokens(caseId, 'first');

    const tokens = await functions.tokens(caseId, 'first', 2);
    const lateAnswer = await errorNameOf(answer(expired ?? '', 'first'));
    await answer(tokens[1] ?? '', 'first');
    const execution = await finished(sfn, executionArn);

    expect(lateAnswer).toBe('TaskTimedOut');
    expect(functions.timeoutsHandled).toContain(caseId);
    expect(tokens[1]).not.toBe(expired);
    expect(execution.status).toBe('SUCCEEDED');
  });

  it.each([
    ['SendTaskSuccess', () => sfn.send(new SendTaskSuccessCommand({ taskToken: 'never-issued', output: '{}' }))],
    ['SendTaskFailure', () => sfn.send(new SendTaskFailureCommand({ taskToken: 'never-issued', error: 'X' }))],
    ['SendTaskHeartbeat', () => sfn.send(new SendTaskHeartbeatCommand({ taskToken: 'never-issued' }))],
  ])('answers InvalidToken to %s with a token it never issued', async (_, call) => {
    expect(await errorNameOf(call())).toBe('InvalidToken');
  });

  it('accepts a heartbeat for an open task', async () => {
    const { caseId, executionArn } = await start();
    const [first] = await functions.tokens(caseId, 'first');

    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: first }))).resolves.toBeDefined();
    await sfn.send(new StopExecutionCommand({ executionArn }));
  });

  it('stops an execution: ABORTED, with its open tokens answering TaskTimedOut', async () => {
    const { caseId, executionArn } = await start();
    const [first] = await functions.tokens(caseId, 'first');
    const [resident] = await functions.tokens(caseId, 'resident-1');

    await sfn.send(new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'The proposal was withdrawn' }));
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const aborted = await sfn.send(new ListExecutionsCommand({ stateMachineArn: local.stateMachineArn, statusFilter: 'ABORTED' }));

    expect(execution.status).toBe('ABORTED');
    expect(execution.error).toBe('Withdrawn');
    expect(execution.stopDate).toBeInstanceOf(Date);
    expect(aborted.executions?.map((listed) => listed.executionArn)).toContain(executionArn);
    expect(await errorNameOf(answer(first ?? '', 'first'))).toBe('TaskTimedOut');
    expect(await errorNameOf(answer(resident ?? '', 'resident-1'))).toBe('TaskTimedOut');
  });

  it('starts idempotently with the same name and input, and refuses the same name with another input', async () => {
    const input = JSON.stringify({ caseId: 'idempotent', waitSeconds: 30, residents: [] });
    const request = { stateMachineArn: local.stateMachineArn, name: 'idempotent', input };

    const once = await sfn.send(new StartExecutionCommand(request));
    const twice = await sfn.send(new StartExecutionCommand(request));
    const other = await errorNameOf(sfn.send(new StartExecutionCommand({ ...request, input: '{"caseId":"other"}' })));
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: local.stateMachineArn, statusFilter: 'RUNNING' }));

    expect(twice.executionArn).toBe(once.executionArn);
    expect(twice.startDate).toEqual(once.startDate);
    expect(other).toBe('ExecutionAlreadyExists');
    expect(running.executions?.filter((listed) => listed.name === 'idempotent')).toHaveLength(1);
    await sfn.send(new StopExecutionCommand({ executionArn: once.executionArn }));
  });

  it.each([
    ['DescribeExecution of an unknown execution', () => sfn.send(new DescribeExecutionCommand({ executionArn: `${local.stateMachineArn.replace(':stateMachine:', ':execution:')}:nope` })), 'ExecutionDoesNotExist'],
    ['DescribeExecution of a malformed ARN', () => sfn.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' })), 'InvalidArn'],
    ['StartExecution of another state machine', () => sfn.send(new StartExecutionCommand({ stateMachineArn: local.stateMachineArn.replace('local-fixture', 'other'), input: '{}' })), 'StateMachineDoesNotExist'],
    ['StopExecution of an unknown execution', () => sfn.send(new StopExecutionCommand({ executionArn: `${local.stateMachineArn.replace(':stateMachine:', ':execution:')}:nope` })), 'ExecutionDoesNotExist'],
  ])('answers %s with the AWS error code', async (_, call, expected) => {
    expect(await errorNameOf(call())).toBe(expected);
  });

  it('describes its state machine with the substituted definition', async () => {
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: local.stateMachineArn }));

    expect(described.status).toBe('ACTIVE');
    expect(described.definition).toContain(substitutions.RequestCheckFunctionArn);
    expect(described.definition).not.toContain('${');
  });

  it('replays a RUNNING execution after a restart on the same table, and it completes', async () => {
    // Prepare: a separate endpoint and table, stopped while the execution waits for answers.
    const fakes = new FakeFunctions();
    const first = await startLocalStepFunctions(optionsFor('local-sfn-restart', fakes));
    const firstClient = clientFor(first.endpoint);
    fakes.sfn = firstClient;
    const { executionArn } = await firstClient.send(
      new StartExecutionCommand({ stateMachineArn: first.stateMachineArn, name: 'restarted', input: JSON.stringify({ caseId: 'restarted', waitSeconds: 30, residents: ['resident-1'] }) }),
    );
    const [tokenBeforeRestart] = await fakes.tokens('restarted', 'first');
    await fakes.tokens('restarted', 'resident-1');
    await first.stop({ abandon: true });
    firstClient.destroy();

    // Act
    const second = await startLocalStepFunctions(optionsFor('local-sfn-restart', fakes));
    const secondClient = clientFor(second.endpoint);
    fakes.sfn = secondClient;
    try {
      const [, replayed] = await fakes.tokens('restarted', 'first', 2);
      const [, replayedResident] = await fakes.tokens('restarted', 'resident-1', 2);
      const staleAnswer = await errorNameOf(secondClient.send(new SendTaskSuccessCommand({ taskToken: tokenBeforeRestart, output: '{}' })));
      await secondClient.send(new SendTaskSuccessCommand({ taskToken: replayed, output: '{"check":"first"}' }));
      await secondClient.send(new SendTaskSuccessCommand({ taskToken: replayedResident, output: '{"check":"resident-1"}' }));
      const execution = await finished(secondClient, executionArn ?? '');

      // Assess
      expect(staleAnswer).toBe('TaskTimedOut');
      expect(execution.status).toBe('SUCCEEDED');
      expect(await second.waitUntilIdle(2_000)).toBe(true);
    } finally {
      await second.stop();
      secondClient.destroy();
    }
  });

  it.each([
    ['a placeholder has no value', { RequestCheckFunctionArn: substitutions.RequestCheckFunctionArn, SummariseFunctionArn: substitutions.SummariseFunctionArn }, /no value for HandleTimeoutFunctionArn/],
    ['a value has no placeholder', { ...substitutions, UnusedFunctionArn: functionArn('unused') }, /no placeholder for UnusedFunctionArn/],
  ])('refuses to start when %s', async (_, wrongSubstitutions, message) => {
    await expect(startLocalStepFunctions({ ...optionsFor('never-created', functions), substitutions: wrongSubstitutions })).rejects.toThrow(message);
  });

  it('refuses a TimeoutSecondsPath whose value the Payload does not carry', async () => {
    const definition = fixture.replace('"waitSeconds.$": "$.waitSeconds",', '');

    await expect(startLocalStepFunctions({ ...optionsFor('never-created', functions), definition })).rejects.toThrow(/TimeoutSecondsPath/);
  });

  it('accepts the real curfew checks workflow', async () => {
    const placeholders = new Set([...realWorkflow.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] ?? ''));
    const dummy = Object.fromEntries([...placeholders].map((name) => [name, functionArn(name)]));

    const workflow = await startLocalStepFunctions({ ...optionsFor('curfew-checks-executions', functions), definition: realWorkflow, substitutions: dummy, stateMachineName: 'curfew-checks' });
    await workflow.stop();

    expect(placeholders.size).toBeGreaterThan(5);
  });
});

describe('DynamoDB Local', () => {
  it('says how to install Java when there is no java on the PATH', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      await expect(startDynamoDbLocal()).rejects.toThrow(/Java 17 or newer: install it with `sudo apt-get install -y openjdk-17-jre-headless`/);
    } finally {
      process.env['PATH'] = path;
    }
  });
});
