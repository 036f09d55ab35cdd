import { courtHearingKey, type CheckItem, type ProposalItem } from './items.ts';
import { queryAll } from './query-all.ts';
import { tableKeys } from './table-definition.ts';
import { tableName } from './table-name.ts';

/** A proposal with its checks, as read from the court list index. */
export interface ListedProposal {
  proposal: ProposalItem;
  checks: CheckItem[];
}

/** Proposals and checks of one court with hearings from `firstDate` to `lastDate`: one query on the court list index. */
export async function readCourtList(courtCode: string, firstDate: string, lastDate: string): Promise<ListedProposal[]> {
  const index = tableKeys.courtListIndex;
  const items = (await queryAll({
    TableName: tableName,
    IndexName: index.indexName,
    KeyConditionExpression: '#court = :court AND #hearing BETWEEN :first AND :last',
    ExpressionAttributeNames: { '#court': index.partitionKey, '#hearing': index.sortKey },
    ExpressionAttributeValues: { ':court': courtCode, ':first': courtHearingKey(courtCode, firstDate), ':last': courtHearingKey(courtCode, lastDate) },
  })) as unknown as (ProposalItem | CheckItem)[];
  const checksOf = new Map<string, CheckItem[]>();
  for (const item of items) {
    if (item.itemType === 'CHECK') {
      const checks = checksOf.get(item.proposalId) ?? [];
      checks.push(item);
      checksOf.set(item.proposalId, checks);
    }
  }
  return items.filter((item): item is ProposalItem => item.itemType === 'PROPOSAL').map((proposal) => ({ proposal, checks: checksOf.get(proposal.proposalId) ?? [] }));
}
