import { keys, type CheckItem } from './items.ts';
import type { TransactItem } from './transact-item.ts';
import { tableName } from './table-name.ts';

/** The transaction item that marks a check OVERDUE, once, and only while it is still REQUESTED. */
export function markCheckOverdue(check: CheckItem, at: Date): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.check(check.proposalId, check.checkId),
      UpdateExpression: 'SET #status = :overdue, overdueAt = :at',
      ConditionExpression: '#status = :requested',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':overdue': 'OVERDUE', ':requested': 'REQUESTED', ':at': at.toISOString() },
    },
  };
}
