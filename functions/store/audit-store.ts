import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nextAuditRecord, type AuditContent, type AuditRecord } from '#domain/audit-chain';
import { dynamoDb } from '#runtime/aws-clients';
import type { TransactItems } from './transact-item.ts';
import { queryAll } from './query-all.ts';
import { tableName } from './table-name.ts';

/** What a handler says happened; the time and the chain are added when it is written. */
export type AuditEntry = Omit<AuditContent, 'at'> & { at: Date };

export const auditKeys = {
  head: (proposalId: string) => ({ pk: `PROPOSAL#${proposalId}`, sk: 'AUDIT_HEAD' as const }),
  record: (proposalId: string, seq: number) => ({ pk: `PROPOSAL#${proposalId}`, sk: `AUDIT#${String(seq).padStart(10, '0')}` }),
};

export interface AuditHead {
  seq: number;
  hash: string;
}

export async function readAuditHead(proposalId: string): Promise<AuditHead | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: tableName, Key: auditKeys.head(proposalId), ConsistentRead: true }));
  return result.Item === undefined ? undefined : { seq: result.Item.seq as number, hash: result.Item.hash as string };
}

/**
 * The transaction items that append one record (or several, in order, all about one proposal):
 * each record itself and the chain's head, moved on only from the head we read. A concurrent append makes the head's condition fail,
 * and the caller reads the new head and tries again.
 */
export function auditAppendItems(head: AuditHead | undefined, entry: AuditEntry | readonly AuditEntry[]): TransactItems {
  const entries: readonly AuditEntry[] = Array.isArray(entry) ? entry : [entry as AuditEntry];
  const first = entries[0];
  if (first === undefined) {
    return [];
  }
  // Several records of one proposal, chained one after another, with the head moved once to the last.
  const items: TransactItems = [];
  let last: AuditHead | undefined = head;
  for (const each of entries) {
    const record = nextAuditRecord(last, { ...each, at: each.at.toISOString() });
    items.push({
      Put: {
        TableName: tableName,
        Item: { ...auditKeys.record(first.proposalId, record.seq), itemType: 'AUDIT', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    last = { seq: record.seq, hash: record.hash };
  }
  items.push({
    Put: {
      TableName: tableName,
      Item: { ...auditKeys.head(first.proposalId), itemType: 'AUDIT_HEAD', seq: last?.seq, hash: last?.hash },
      ConditionExpression: head === undefined ? 'attribute_not_exists(pk)' : 'seq = :previous',
      ...(head === undefined ? {} : { ExpressionAttributeValues: { ':previous': head.seq } }),
    },
  });
  return items;
}

/** Every audit record of a proposal, oldest first. */
export async function readAuditTrail(proposalId: string): Promise<AuditRecord[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `PROPOSAL#${proposalId}`, ':prefix': 'AUDIT#' },
    ConsistentRead: true,
  });
  const records = items.map(({ pk: _pk, sk: _sk, itemType: _type, ...record }) => record as unknown as AuditRecord);
  return records;
}
