import { keys } from './items.ts';
import type { TransactItem } from './transact-item.ts';
import { tableName } from './table-name.ts';

/** The transaction item that marks an existing proposal as needing a person, keeping only the error's name. */
export function markNeedsAttention(proposalId: string, errorName: string, at: Date): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.proposal(proposalId),
      UpdateExpression: 'SET needsAttention = :attention, updatedAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':attention': { error: errorName, at: at.toISOString() }, ':at': at.toISOString() },
    },
  };
}
