import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all.ts';
import { dynamoDb } from '#runtime/aws-clients';
import type { AuditRecord } from '#domain/audit-chain';
import { keys, type CheckItem, type LinkItem, type ProposalItem } from './items.ts';
import { tableName } from './table-name.ts';

export interface StoredProposal {
  proposal: ProposalItem;
  checks: CheckItem[];
  /** The audit trail, oldest first. */
  audit: AuditRecord[];
}

/** Reads a proposal with its checks and events in one strongly consistent query. */
export async function loadProposal(proposalId: string): Promise<StoredProposal | undefined> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.proposal(proposalId).pk },
    ConsistentRead: true,
  });
  const proposal = items.find((item) => item.itemType === 'PROPOSAL') as ProposalItem | undefined;
  if (proposal === undefined) {
    return undefined;
  }
  return {
    proposal,
    checks: items.filter((item) => item.itemType === 'CHECK') as unknown as CheckItem[],
    audit: (items.filter((item) => item.itemType === 'AUDIT') as unknown as AuditRecord[]).sort((a, b) => a.seq - b.seq),
  };
}

/** Like `loadProposal`, for workflow steps, where a missing proposal is a bug. */
export async function loadExistingProposal(proposalId: string): Promise<StoredProposal> {
  const stored = await loadProposal(proposalId);
  if (stored === undefined) {
    throw new Error(`Proposal ${proposalId} does not exist`);
  }
  return stored;
}

export function findCheck(stored: StoredProposal, checkId: string): CheckItem {
  const check = stored.checks.find((candidate) => candidate.checkId === checkId);
  if (check === undefined) {
    throw new Error(`Check ${checkId} is not part of proposal ${stored.proposal.proposalId}`);
  }
  return check;
}

export async function getCheck(proposalId: string, checkId: string): Promise<CheckItem | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: tableName, Key: keys.check(proposalId, checkId), ConsistentRead: true }));
  return result.Item as CheckItem | undefined;
}

export async function getLink(tokenHash: string): Promise<LinkItem | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: tableName, Key: keys.link(tokenHash), ConsistentRead: true }));
  return result.Item as LinkItem | undefined;
}
