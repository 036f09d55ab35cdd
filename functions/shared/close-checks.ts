import { config } from './config.ts';
import { keys, type CheckItem } from './items.ts';
import { openCheckCondition, openCheckValues, type TransactItems } from './proposal-store.ts';

/**
 * Transaction items that cancel every check still waiting for an answer. A link works only while
 * its check is open, so this is also what stops the links of a closed proposal.
 */
export function cancelOpenChecks(checks: readonly CheckItem[], at: Date): TransactItems {
  return checks
    .filter((check) => check.status !== 'RESPONDED' && check.status !== 'CANCELLED')
    .map((check) => ({
      Update: {
        TableName: config.tableName,
        Key: keys.check(check.proposalId, check.checkId),
        UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at REMOVE taskToken',
        ConditionExpression: openCheckCondition,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'CANCELLED', ':at': at.toISOString(), ...openCheckValues },
      },
    }));
}

