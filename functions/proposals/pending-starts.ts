import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '#runtime/aws-clients';
import { config } from '#runtime/config';
import { startChecksWorkflow } from '#checks-workflow/executions';
import { keys } from '#store/items';
import { logger } from '#runtime/logger';
import { queryAll } from '#store/query-all';

/**
 * A new proposal is stored, then its workflow is started: two calls, and the process can stop
 * between them (a Lambda timeout, a crash), leaving checks that no one is ever asked. So the
 * proposal is stored with a marker that says "start my workflow", removed once the start has
 * happened; a repair that runs every minute (functions/handlers/scheduled/start-pending-workflows.ts) starts
 * any workflow whose marker is still there. Starting twice is harmless: executions are named by
 * proposal id.
 */
export function pendingStartItem(proposalId: string, at: Date) {
  return { ...keys.pendingStart(proposalId), itemType: 'PENDING_START', proposalId, storedAt: at.toISOString() };
}

/** Starts the workflow, then removes the marker; a failed removal only means the repair starts it again (harmlessly). */
export async function startWorkflowOfStoredProposal(proposalId: string): Promise<void> {
  await startChecksWorkflow(proposalId);
  try {
    await removePendingStart(proposalId);
  } catch (error) {
    logger.warn('Could not remove the pending-start marker; the repair will', { proposalId, errorName: error instanceof Error ? error.name : 'unknown' });
  }
}

export async function removePendingStart(proposalId: string): Promise<void> {
  await dynamoDb.send(new DeleteCommand({ TableName: config.tableName, Key: keys.pendingStart(proposalId) }));
}

/** Markers older than `olderThan`: newer ones belong to requests that may still be starting their own workflow. */
export async function pendingStartsBefore(olderThan: Date): Promise<string[]> {
  const items = await queryAll({
    TableName: config.tableName,
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'storedAt < :before',
    ExpressionAttributeValues: { ':pk': keys.pendingStart('').pk, ':before': olderThan.toISOString() },
    ConsistentRead: true,
  });
  return items.map((item) => String(item.proposalId));
}
