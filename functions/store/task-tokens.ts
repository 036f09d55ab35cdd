import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamoDb } from '#runtime/aws-clients';
import type { ProposalStatus } from '#domain/statuses';
import { keys } from './items.ts';
import { openCheckCondition, openCheckValues } from './open-checks.ts';
import { tableName } from './table-name.ts';

/**
 * What a workflow task waits on, kept server-side on our own item: a check waiting for its
 * answer (once its link has gone out), or a proposal waiting at a stage for a person (the
 * officer's decision, the countersignature).
 */
export type TaskTokenHolder = { kind: 'CHECK'; proposalId: string; checkId: string } | { kind: 'STAGE'; proposalId: string; awaitedStatus: ProposalStatus };

function tokenUpdate(holder: TaskTokenHolder, taskToken: string): Omit<UpdateCommandInput, 'TableName'> {
  if (holder.kind === 'CHECK') {
    return {
      Key: keys.check(holder.proposalId, holder.checkId),
      UpdateExpression: 'SET taskToken = :token',
      ConditionExpression: `attribute_exists(linkTokenHash) AND ${openCheckCondition}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':token': taskToken, ...openCheckValues },
    };
  }
  return {
    Key: keys.proposal(holder.proposalId),
    UpdateExpression: 'SET stageTaskToken = :token',
    ConditionExpression: '#status = :awaited',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':token': taskToken, ':awaited': holder.awaitedStatus },
  };
}

/**
 * Keeps the task token on its item while the item still waits, replacing any earlier one (the
 * workflow asks again after every timeout and replay). False when the item has moved on, so the
 * caller finishes the task from the stored state instead.
 */
export async function keepTaskToken(holder: TaskTokenHolder, taskToken: string): Promise<boolean> {
  try {
    await dynamoDb.send(new UpdateCommand({ TableName: tableName, ...tokenUpdate(holder, taskToken) }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      return false;
    }
    throw new Error('Could not keep the task token', { cause: error });
  }
}
