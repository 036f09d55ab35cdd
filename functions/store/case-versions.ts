import { keys } from './items.ts';
import type { TransactItem } from './transact-item.ts';
import { tableName } from './table-name.ts';

/**
 * The transaction item that marks a proposal as replaced by the next version of its case (another
 * address, ADR 0026), written with the new version's creation. Its condition makes a proposal
 * replaceable once only, and only from the status the replacement was decided from: two clicks,
 * two tabs or two API calls make one new version, and the other write fails as a whole. A first
 * proposal gets its case id and version 1 as it is replaced, so both versions name the case.
 */
export function markReplaced(proposal: { proposalId: string; status: string }, next: { proposalId: string; caseId: string }, at: Date): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.proposal(proposal.proposalId),
      UpdateExpression: 'SET nextProposalId = :next, caseId = if_not_exists(caseId, :caseId), #version = if_not_exists(#version, :first), updatedAt = :at',
      ConditionExpression: '#status = :expected AND attribute_not_exists(nextProposalId)',
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
      ExpressionAttributeValues: { ':next': next.proposalId, ':caseId': next.caseId, ':first': 1, ':expected': proposal.status, ':at': at.toISOString() },
    },
  };
}
