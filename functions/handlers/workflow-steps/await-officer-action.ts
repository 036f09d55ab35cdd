import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { dynamoDb } from '#runtime/aws-clients';
import { config } from '#runtime/config';
import { keys } from '#store/items';
import { loadExistingProposal } from '#store/proposal-store';
import { completeTask } from '#checks-workflow/task-callbacks';
import { workflowHandler } from '#runtime/workflow-handler';

const statusAwaited = { DECISION: 'AWAITING_DECISION', COUNTERSIGNATURE: 'AWAITING_COUNTERSIGN' } as const;

/**
 * The workflow waits for a person: the officer's decision, or the senior probation officer's
 * countersignature. Keeps the task token on the proposal while the proposal is at that stage;
 * if it has already moved on (a replay, or a decision recorded during a timeout), completes the
 * task at once with the status reached.
 */
export const handler = workflowHandler(
  z.object({ proposalId: z.string().min(1), stage: z.enum(['DECISION', 'COUNTERSIGNATURE']), taskToken: z.string().min(1) }),
  async ({ proposalId, stage, taskToken }) => {
    try {
      await dynamoDb.send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.proposal(proposalId),
          UpdateExpression: 'SET stageTaskToken = :token',
          ConditionExpression: '#status = :awaited',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':token': taskToken, ':awaited': statusAwaited[stage] },
        }),
      );
      return { proposalId, action: 'WAITING' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) {
        throw new Error('Could not keep the task token', { cause: error });
      }
    }
    const { proposal } = await loadExistingProposal(proposalId);
    await completeTask(taskToken, { proposalId, status: proposal.status });
    return { proposalId, action: 'COMPLETED_FROM_STORED_STATUS' };
  },
);
