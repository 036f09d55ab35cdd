import { keys, type CheckItem } from './items.ts';
import type { TransactItem } from './transact-item.ts';
import { tableName } from './table-name.ts';

/**
 * The holder of a link that no longer works asks for a new one: recorded on the check once, while
 * the check still waits for them. Refused when it is already recorded (asking again changes
 * nothing) or the check no longer waits; a new link (resend or reminder) removes it
 * (link-items.ts), so a later link can be asked for again.
 */
export function recordNewLinkRequest(check: CheckItem, at: Date): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.check(check.proposalId, check.checkId),
      UpdateExpression: 'SET newLinkRequestedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(newLinkRequestedAt) AND #status IN (:requested, :overdue)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':at': at.toISOString(), ':requested': 'REQUESTED', ':overdue': 'OVERDUE' },
    },
  };
}
