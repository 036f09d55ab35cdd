import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '#runtime/aws-clients';
import { keys } from './items.ts';
import { queryAll } from './query-all.ts';
import type { TransactItem } from './transact-item.ts';
import { tableName } from './table-name.ts';

/**
 * The "start my workflow" marker a new proposal is stored with, and removed once its workflow has
 * started (functions/proposals/pending-starts.ts says why).
 */
export function pendingStartPut(proposalId: string, at: Date): TransactItem {
  return { Put: { TableName: tableName, Item: { ...keys.pendingStart(proposalId), itemType: 'PENDING_START', proposalId, storedAt: at.toISOString() } } };
}

export async function removePendingStart(proposalId: string): Promise<void> {
  await dynamoDb.send(new DeleteCommand({ TableName: tableName, Key: keys.pendingStart(proposalId) }));
}

/** Markers older than `olderThan`: newer ones belong to requests that may still be starting their own workflow. */
export async function pendingStartsBefore(olderThan: Date): Promise<string[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'storedAt < :before',
    ExpressionAttributeValues: { ':pk': keys.pendingStart('').pk, ':before': olderThan.toISOString() },
    ConsistentRead: true,
  });
  return items.map((item) => String(item.proposalId));
}

/**
 * The "end my workflow" marker a withdrawal of consent that made the proposal unsuitable is stored
 * with (the workflow still waits, for checks or a decision), removed once it was stopped or woken;
 * the same repair ends any workflow whose marker a crash left behind (proposals/withdraw-consent.ts).
 */
export function pendingEndPut(proposalId: string, at: Date): TransactItem {
  return { Put: { TableName: tableName, Item: { ...keys.pendingEnd(proposalId), itemType: 'PENDING_END', proposalId, storedAt: at.toISOString() } } };
}

export async function removePendingEnd(proposalId: string): Promise<void> {
  await dynamoDb.send(new DeleteCommand({ TableName: tableName, Key: keys.pendingEnd(proposalId) }));
}

/** "End my workflow" markers older than `olderThan` (newer ones belong to requests that may still be ending it). */
export async function pendingEndsBefore(olderThan: Date): Promise<string[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'storedAt < :before',
    ExpressionAttributeValues: { ':pk': keys.pendingEnd('').pk, ':before': olderThan.toISOString() },
    ConsistentRead: true,
  });
  return items.map((item) => String(item.proposalId));
}
