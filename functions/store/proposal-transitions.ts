import { keys, type CheckItem } from './items.ts';
import { openCheckCondition, openCheckValues } from './open-checks.ts';
import type { TransactItem, TransactItems } from './transact-item.ts';
import { tableName } from './table-name.ts';

/**
 * Transaction items that cancel every check still waiting for an answer. A link works only while
 * its check is open, so this is also what stops the links of a closed proposal.
 */
export function cancelOpenChecks(checks: readonly CheckItem[], at: Date): TransactItems {
  return checks
    .filter((check) => check.status !== 'RESPONDED' && check.status !== 'CANCELLED')
    .map((check) => ({
      Update: {
        TableName: tableName,
        Key: keys.check(check.proposalId, check.checkId),
        UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at REMOVE taskToken',
        ConditionExpression: openCheckCondition,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'CANCELLED', ':at': at.toISOString(), ...openCheckValues },
      },
    }));
}

/**
 * The transaction item that moves a proposal from the status it was decided from to the next one,
 * setting the given attributes with it (and removing those named in `remove`). The condition makes two people acting at once unable to
 * both win, and a final status impossible to overwrite.
 */
export function moveProposal(proposalId: string, from: string, to: string, at: Date, attributes: Record<string, unknown> = {}, remove: readonly string[] = []): TransactItem {
  const names = Object.keys(attributes);
  const removal = remove.length === 0 ? '' : ` REMOVE ${remove.map((_name, index) => `#r${index}`).join(', ')}`;
  return {
    Update: {
      TableName: tableName,
      Key: keys.proposal(proposalId),
      UpdateExpression: ['SET #status = :next', 'updatedAt = :at', ...names.map((name, index) => `#a${index} = :a${index}`)].join(', ') + removal,
      ConditionExpression: '#status = :expected',
      ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(names.map((name, index) => [`#a${index}`, name])), ...Object.fromEntries(remove.map((name, index) => [`#r${index}`, name])) },
      ExpressionAttributeValues: { ':next': to, ':at': at.toISOString(), ':expected': from, ...Object.fromEntries(names.map((name, index) => [`:a${index}`, attributes[name]])) },
    },
  };
}
