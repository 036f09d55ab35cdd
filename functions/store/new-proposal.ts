import { courtHearingKey, keys, type CheckItem, type ProposalItem } from './items.ts';
import { pendingStartPut } from './pending-starts.ts';
import type { TransactItems } from './transact-item.ts';
import { tableName } from './table-name.ts';

/** A proposal as a use case builds it; the store adds its keys and court list key. */
export type NewProposal = Omit<ProposalItem, 'pk' | 'sk' | 'itemType' | 'courtHearing'>;

/** A check of a new proposal; the store adds its keys and copies the proposal's court and court list key. */
export type NewCheck = Omit<CheckItem, 'pk' | 'sk' | 'itemType' | 'proposalId' | 'courtCode' | 'courtHearing'>;

/**
 * The transaction items that store a new proposal (its id must be new), its checks, and the marker
 * that asks for its workflow to be started.
 */
export function newProposalItems(proposal: NewProposal, checks: readonly NewCheck[], at: Date): TransactItems {
  const { proposalId, courtCode } = proposal;
  const courtHearing = courtHearingKey(courtCode, proposal.hearingDate);
  const proposalItem: ProposalItem = { ...keys.proposal(proposalId), itemType: 'PROPOSAL', ...proposal, courtHearing };
  const checkItems = checks.map((check): CheckItem => ({ ...keys.check(proposalId, check.checkId), itemType: 'CHECK', proposalId, ...check, courtCode, courtHearing }));
  return [
    { Put: { TableName: tableName, Item: proposalItem, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...checkItems.map((check) => ({ Put: { TableName: tableName, Item: check } })),
    pendingStartPut(proposalId, at),
  ];
}
