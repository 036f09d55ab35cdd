import { config } from '#runtime/config';
import { keys, type CheckItem } from './items.ts';
import type { TransactItem } from './transact-item.ts';

/**
 * A condition on a reminder's write: the check must still be waiting for its recipient, with the
 * link we read. If the officer sent a new link meanwhile, the reminder (with the old one) is not
 * sent; nor is one after an answer.
 */
export function checkStillRequested(check: CheckItem): TransactItem {
  return {
    ConditionCheck: {
      TableName: config.tableName,
      Key: keys.check(check.proposalId, check.checkId),
      ConditionExpression: check.linkTokenHash === undefined ? '#status = :requested AND attribute_not_exists(linkTokenHash)' : '#status = :requested AND linkTokenHash = :hash',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':requested': 'REQUESTED', ...(check.linkTokenHash === undefined ? {} : { ':hash': check.linkTokenHash }) },
    },
  };
}

/** The transaction item that marks a check OVERDUE, once, and only while it is still REQUESTED. */
export function markCheckOverdue(check: CheckItem, at: Date): TransactItem {
  return {
    Update: {
      TableName: config.tableName,
      Key: keys.check(check.proposalId, check.checkId),
      UpdateExpression: 'SET #status = :overdue, overdueAt = :at',
      ConditionExpression: '#status = :requested',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':overdue': 'OVERDUE', ':requested': 'REQUESTED', ':at': at.toISOString() },
    },
  };
}
