import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nextAuditRecord, type AuditContent, type AuditRecord, type CourtListViewContent, type CourtListViewRecord } from '#domain/audit-chain';
import { dynamoDb } from '#runtime/aws-clients';
import type { TransactItems } from './transact-item.ts';
import { queryAll } from './query-all.ts';
import { tableName } from './table-name.ts';

/** What a handler says happened; the time and the chain are added when it is written. */
export type AuditEntry = Omit<AuditContent, 'at'> & { at: Date };

/** Where one chain is kept: its records and its head share a partition. */
export interface AuditChainKeys {
  head: { pk: string; sk: 'AUDIT_HEAD' };
  record: (seq: number) => { pk: string; sk: string };
}

function chainKeys(pk: string): AuditChainKeys {
  return { head: { pk, sk: 'AUDIT_HEAD' }, record: (seq) => ({ pk, sk: `AUDIT#${String(seq).padStart(10, '0')}` }) };
}

/** A proposal's own chain, in the proposal's partition. */
export const proposalAuditChain = (proposalId: string): AuditChainKeys => chainKeys(`PROPOSAL#${proposalId}`);

/** One court list's chain of views (court and hearing date), in a partition of its own. */
export const courtListAuditChain = (courtCode: string, hearingDate: string): AuditChainKeys => chainKeys(`COURT_LIST#${courtCode}#${hearingDate}`);

export interface AuditHead {
  seq: number;
  hash: string;
}

export async function readChainHead(chain: AuditChainKeys): Promise<AuditHead | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: tableName, Key: chain.head, ConsistentRead: true }));
  return result.Item === undefined ? undefined : { seq: result.Item.seq as number, hash: result.Item.hash as string };
}

export function readAuditHead(proposalId: string): Promise<AuditHead | undefined> {
  return readChainHead(proposalAuditChain(proposalId));
}

/**
 * The transaction items that append records (in order) to a chain: each record itself, and the
 * chain's head, moved once to the last, only from the head we read. A concurrent append makes the
 * head's condition fail, and the caller reads the new head and tries again.
 */
export function chainAppendItems(chain: AuditChainKeys, head: AuditHead | undefined, contents: readonly object[]): TransactItems {
  if (contents.length === 0) return [];
  const items: TransactItems = [];
  let last: AuditHead | undefined = head;
  for (const content of contents) {
    const record = nextAuditRecord(last, content);
    items.push({
      Put: {
        TableName: tableName,
        Item: { ...chain.record(record.seq), itemType: 'AUDIT', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    last = { seq: record.seq, hash: record.hash };
  }
  items.push({
    Put: {
      TableName: tableName,
      Item: { ...chain.head, itemType: 'AUDIT_HEAD', seq: last?.seq, hash: last?.hash },
      ConditionExpression: head === undefined ? 'attribute_not_exists(pk)' : 'seq = :previous',
      ...(head === undefined ? {} : { ExpressionAttributeValues: { ':previous': head.seq } }),
    },
  });
  return items;
}

/** Every record of a chain, oldest first. */
async function readChain(chain: AuditChainKeys): Promise<Record<string, unknown>[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': chain.head.pk, ':prefix': 'AUDIT#' },
    ConsistentRead: true,
  });
  return items.map(({ pk: _pk, sk: _sk, itemType: _type, ...record }) => record);
}

/** Every audit record of a proposal, oldest first. */
export async function readAuditTrail(proposalId: string): Promise<AuditRecord[]> {
  return (await readChain(proposalAuditChain(proposalId))) as unknown as AuditRecord[];
}

/** A court list's views, oldest first, and the chain's head. */
export async function readCourtListViews(courtCode: string, hearingDate: string): Promise<{ records: CourtListViewRecord[]; head: AuditHead | undefined }> {
  const chain = courtListAuditChain(courtCode, hearingDate);
  const [records, head] = await Promise.all([readChain(chain), readChainHead(chain)]);
  return { records: records as unknown as CourtListViewRecord[], head };
}

/** What a court list view records; the time is added as it is written. */
export type CourtListViewEntry = Omit<CourtListViewContent, 'at'> & { at: Date };
