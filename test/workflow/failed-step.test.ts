import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { functionRegistry } from '../../infra/function-registry.ts';
import { localDynamoDbClientConfig } from '../../infra/local/dynamodb-local.ts';
import { sharedDynamoDb } from '../support/shared-dynamodb.ts';
import { localFunctionArn } from '../../infra/local/lambda-runner.ts';
import { workflowFile } from '../../infra/local/local-stack.ts';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../infra/local/step-functions/index.ts';
import { eventually } from '../support/api-client.ts';

/**
 * The real workflow file with stand-in steps: what happens when a step keeps failing. The rest
 * of the workflow's behaviour is exercised through the whole local stack in test/integration.
 */
let dynamoDb: ReturnType<typeof sharedDynamoDb>;
let engine: LocalStepFunctions;
let client: SFNClient;
const needsAttentionCalls: unknown[] = [];

class BrokenStepError extends Error {
  constructor() {
    super('the step is broken');
    this.name = 'BrokenStep';
  }
}

beforeAll(async () => {
  dynamoDb = sharedDynamoDb('failed-step-');
  engine = await startLocalStepFunctions({
    definition: readFileSync(workflowFile, 'utf8'),
    substitutions: Object.fromEntries(functionRegistry.flatMap((entry) => (entry.workflowPlaceholder === undefined ? [] : [[entry.workflowPlaceholder, localFunctionArn(entry.name)]]))),
    stateMachineName: 'curfew-checks',
    invokeFunction: async (functionArn, payload) => {
      if (functionArn.endsWith(':plan-checks')) {
        throw new BrokenStepError();
      }
      if (functionArn.endsWith(':record-needs-attention')) {
        needsAttentionCalls.push(payload);
        return { needsAttention: true };
      }
      throw new Error(`Unexpected step ${functionArn}`);
    },
    dynamoDb: { endpoint: dynamoDb.endpoint },
    executionsTableName: 'failed-step-executions',
  });
  client = new SFNClient(localDynamoDbClientConfig(engine.endpoint));
});

afterAll(async () => {
  client?.destroy();
  await engine?.stop();
  await dynamoDb?.release();
});

describe('a workflow step that fails', () => {
  it('is recorded on the proposal as needing attention, by id and error name only, and the execution fails visibly', async () => {
    const started = await client.send(new StartExecutionCommand({ stateMachineArn: engine.stateMachineArn, name: 'proposal-1', input: JSON.stringify({ proposalId: 'proposal-1' }) }));
    const execution = await eventually(async () => {
      const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    }, 'the execution to end');
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('NeedsAttention');
    expect(needsAttentionCalls).toEqual([{ proposalId: 'proposal-1', error: 'BrokenStep' }]);
  });
});
