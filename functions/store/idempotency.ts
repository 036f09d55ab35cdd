import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '#runtime/aws-clients';
import { keys } from './items.ts';
import type { TransactItem } from './transact-item.ts';
import { tableName } from './table-name.ts';

/** What a staff member's Idempotency-Key stands for: the request body's fingerprint and the proposal it created. */
export interface IdempotencyRecord {
  fingerprint: string;
  proposalId: string;
}

/** The transaction item that claims the key, once; DynamoDB deletes it after `keptUntil`. */
export function idempotencyRecordPut(staffId: string, key: string, record: IdempotencyRecord, keptUntil: Date): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.idempotency(staffId, key), itemType: 'IDEMPOTENCY', fingerprint: record.fingerprint, proposalId: record.proposalId, expiresAt: Math.floor(keptUntil.getTime() / 1000) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function readIdempotencyRecord(staffId: string, key: string): Promise<IdempotencyRecord | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: tableName, Key: keys.idempotency(staffId, key), ConsistentRead: true }));
  return result.Item as IdempotencyRecord | undefined;
}
