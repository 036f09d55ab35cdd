import { keys, type CheckItem } from './items.ts';
import type { TransactItem } from './transact-item.ts';
import { tableName } from './table-name.ts';

/**
 * The transaction item that marks a check OVERDUE, once, and only while it is still REQUESTED with
 * the due time the decision was made from: an adjournment landing in between gives it a new due
 * time (ADR 0024), and it must not be marked overdue against the old one.
 */
export function markCheckOverdue(check: CheckItem, at: Date): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.check(check.proposalId, check.checkId),
      UpdateExpression: 'SET #status = :overdue, overdueAt = :at',
      ConditionExpression: '#status = :requested AND dueAt = :dueAt',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':overdue': 'OVERDUE', ':requested': 'REQUESTED', ':at': at.toISOString(), ':dueAt': check.dueAt },
    },
  };
}
