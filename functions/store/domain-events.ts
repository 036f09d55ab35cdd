import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, UpdateCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { domainEventOf, type AuditedChange } from '#domain/domain-events';
import type { DomainEventDetail, DomainEventType } from '#schemas/domain-events';
import { dynamoDb } from '#runtime/aws-clients';
import { queryAll } from './query-all.ts';
import { tableKeys } from './table-definition.ts';
import { tableName } from './table-name.ts';
import type { TransactItems } from './transact-item.ts';

/**
 * The domain events' outbox (ADR 0027): each event is an item written in the same transaction as
 * the change it reports (transactions.ts adds it beside the audit record it comes from), so an
 * event is kept exactly when its change is, and a refused change has none. publish-domain-events
 * (functions/handlers/streams) sends new ones to the EventBridge bus and marks them published.
 *
 * Events live in a partition of their own, not the messages' `OUTBOX`: the deliverer's stream
 * filter and sweep never see them. Waiting ones are in the sparse undelivered index under their own
 * partition value, so the sweep that repairs a failed stream batch reads only what still waits.
 */
export const domainEventPartition = 'DOMAIN_EVENTS';

export type PublishStatus = 'PENDING' | 'PUBLISHED';

/** An event as kept: its detail is exactly what the bus receives. */
export interface StoredDomainEvent {
  eventId: string;
  type: DomainEventType;
  occurredAt: string;
  detail: DomainEventDetail;
  publishStatus: PublishStatus;
  publishedAt?: string;
}

/** As long as an outbox message (outbox.ts): long enough to look into a publication; the audit trail keeps what happened. */
export const domainEventKeptSeconds = 90 * 24 * 3600;

export function domainEventKey(eventId: string) {
  return { pk: domainEventPartition, sk: `EVENT#${eventId}` };
}

/**
 * The items that keep the events of audited changes, given the audit records' numbers on their
 * proposal's trail (the first entry's is `firstSequence`). Each event gets a new id: a retried
 * transaction builds them again, and only the attempt that commits keeps its ids.
 */
export function domainEventPuts(changes: readonly AuditedChange[], firstSequence: number): TransactItems {
  return changes.flatMap((change, index) => {
    const made = domainEventOf(change);
    if (made === undefined) return [];
    const eventId = randomUUID();
    const detail = { eventId, sequence: firstSequence + index, ...made.facts };
    return [
      {
        Put: {
          TableName: tableName,
          Item: {
            ...domainEventKey(eventId),
            itemType: 'DOMAIN_EVENT',
            eventId,
            type: made.type,
            occurredAt: change.at,
            detail,
            publishStatus: 'PENDING',
            [tableKeys.undeliveredIndex.partitionKey]: domainEventPartition,
            [tableKeys.undeliveredIndex.sortKey]: change.at,
            [tableKeys.timeToLiveAttribute]: Math.floor(new Date(change.at).getTime() / 1000) + domainEventKeptSeconds,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
  });
}

function storedEventOf(item: Record<string, unknown>): StoredDomainEvent {
  const { eventId, type, occurredAt, detail, publishStatus, publishedAt } = item;
  return { eventId, type, occurredAt, detail, publishStatus, ...(publishedAt === undefined ? {} : { publishedAt }) } as StoredDomainEvent;
}

/** The id of the event a stream record's keys name (attribute values, as DynamoDB writes them); undefined for any other item. */
export function domainEventIdOfStreamKeys(streamKeys: Readonly<Record<string, { S?: string | undefined } | undefined>>): string | undefined {
  const prefix = domainEventKey('').sk;
  const sk = streamKeys.sk?.S;
  return streamKeys.pk?.S === domainEventPartition && sk?.startsWith(prefix) ? sk.slice(prefix.length) : undefined;
}

export async function getDomainEvent(eventId: string): Promise<StoredDomainEvent | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: tableName, Key: domainEventKey(eventId), ConsistentRead: true }));
  return result.Item === undefined ? undefined : storedEventOf(result.Item);
}

/**
 * Marks an event published, once. False when it already was (another publisher got there first):
 * the event went out at least once either way.
 */
export async function markDomainEventPublished(eventId: string, at: Date): Promise<boolean> {
  try {
    await dynamoDb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: domainEventKey(eventId),
        UpdateExpression: 'SET publishStatus = :published, publishedAt = :at REMOVE #awaiting',
        ConditionExpression: 'publishStatus = :pending',
        ExpressionAttributeNames: { '#awaiting': tableKeys.undeliveredIndex.partitionKey },
        ExpressionAttributeValues: { ':published': 'PUBLISHED', ':pending': 'PENDING', ':at': at.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Order of publication: by time, then by place on the proposal's trail (one transaction's events share a time). */
const publicationOrder = (a: StoredDomainEvent, b: StoredDomainEvent) => a.occurredAt.localeCompare(b.occurredAt) || a.detail.sequence - b.detail.sequence;

/**
 * Events still to publish, oldest first: from the sparse undelivered index (so the read grows with
 * what waits), each then read consistently and kept only if it still waits.
 */
export async function listPendingDomainEvents(): Promise<StoredDomainEvent[]> {
  const index = tableKeys.undeliveredIndex;
  const listed = await queryAll({
    TableName: tableName,
    IndexName: index.indexName,
    KeyConditionExpression: '#awaiting = :events',
    ExpressionAttributeNames: { '#awaiting': index.partitionKey },
    ExpressionAttributeValues: { ':events': domainEventPartition },
  });
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < listed.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = listed.slice(start, start + 100).map((item) => ({ pk: item.pk, sk: item.sk }));
    for (let attempt = 0; pending !== undefined && pending.length > 0; attempt += 1) {
      if (attempt === 5) throw new Error('Could not read the events waiting to be published');
      const result: BatchGetCommandOutput = await dynamoDb.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(result.Responses?.[tableName] ?? []));
      pending = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return items.map(storedEventOf).filter((event) => event.publishStatus === 'PENDING').sort(publicationOrder);
}

/** Every event kept, in order of publication (local stack only: the outbox page). */
export async function listDomainEvents(): Promise<StoredDomainEvent[]> {
  const items = await queryAll({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': domainEventPartition } });
  return items.map(storedEventOf).sort(publicationOrder);
}
