import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { functionRegistry } from '../../infra/function-registry.ts';
import { localDynamoDbClientConfig } from '../../infra/local/dynamodb-local.ts';
import { sharedDynamoDb } from '../support/shared-dynamodb.ts';
import { localFunctionArn } from '../../infra/local/lambda-runner.ts';
import { workflowFile } from '../../infra/local/local-stack.ts';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../infra/local/step-functions/index.ts';
import { eventually } from '../support/api-client.ts';

/**
 * The real workflow file with stand-in steps: a resident's refusal (their task fails with
 * ConsentRefused) ends the checks at once, while the police and children's services have not
 * answered, and goes to the step that records it; nothing else is asked or waited for.
 */
let dynamoDb: ReturnType<typeof sharedDynamoDb>;
let engine: LocalStepFunctions;
let client: SFNClient;
const calls: { step: string; payload: Record<string, unknown> }[] = [];
const agencyTokens: string[] = [];

const plan = (checkId: string) => ({ proposalId: 'proposal-1', checkId, waitSeconds: 3600 });

beforeAll(async () => {
  dynamoDb = sharedDynamoDb('consent-refused-');
  engine = await startLocalStepFunctions({
    definition: readFileSync(workflowFile, 'utf8'),
    substitutions: Object.fromEntries(functionRegistry.flatMap((entry) => (entry.workflowPlaceholder === undefined ? [] : [[entry.workflowPlaceholder, localFunctionArn(entry.name)]]))),
    stateMachineName: 'curfew-checks',
    invokeFunction: async (functionArn, payload) => {
      const step = functionArn.split(':').pop() ?? '';
      const input = payload as Record<string, unknown>;
      calls.push({ step, payload: input });
      switch (step) {
        case 'plan-checks':
          return { proposalId: 'proposal-1', open: true, noOtherAdults: false, domesticAbuse: plan('police'), childSafeguarding: plan('childrens'), residents: [plan('resident-1'), plan('resident-2')] };
        case 'request-domestic-abuse-check':
        case 'request-child-safeguarding-check':
          agencyTokens.push(String(input['taskToken']));
          return { action: 'REQUEST_SENT' };
        case 'request-resident-consent':
          if (input['checkId'] === 'resident-1') {
            // The resident refuses through their link: the answer is stored, then their task fails.
            setTimeout(() => void client.send(new SendTaskFailureCommand({ taskToken: String(input['taskToken']), error: 'ConsentRefused', cause: 'A resident has not given consent' })), 50);
          }
          return { action: 'REQUEST_SENT' };
        case 'assess-checks':
          return { proposalId: 'proposal-1', status: 'UNSUITABLE' };
        default:
          throw new Error(`Unexpected step ${step}`);
      }
    },
    dynamoDb: { endpoint: dynamoDb.endpoint },
    executionsTableName: 'consent-refused-executions',
  });
  client = new SFNClient(localDynamoDbClientConfig(engine.endpoint));
});

afterAll(async () => {
  client?.destroy();
  await engine?.stop();
  await dynamoDb?.release();
});

describe('a resident who refuses', () => {
  it('ends the checks at once: the refusal is recorded while the agencies have not answered, and their waits are closed', async () => {
    const started = await client.send(new StartExecutionCommand({ stateMachineArn: engine.stateMachineArn, name: 'proposal-1', input: JSON.stringify({ proposalId: 'proposal-1' }) }));
    const execution = await eventually(async () => {
      const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    }, 'the execution to end', 10_000);

    expect(execution.status).toBe('SUCCEEDED');
    expect(calls.filter((call) => call.step === 'assess-checks')).toEqual([{ step: 'assess-checks', payload: { proposalId: 'proposal-1' } }]);
    expect(calls.map((call) => call.step)).not.toContain('record-needs-attention');
    // The police and children's services were asked once each and are waited for no more.
    expect(agencyTokens).toHaveLength(2);
    for (const taskToken of agencyTokens) {
      await expect(client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
    }
  });
});
