import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CheckType } from '#domain/statuses';
import { dynamoDb } from './aws-clients.ts';
import { config } from './config.ts';

/**
 * The notification port. A message is written in the same transaction as the state change that
 * causes it (a transactional outbox), keyed by a stable reference, so a retried or replayed step
 * can never send it twice and a crash can never lose it. Locally the outbox is what a person
 * reads; GOV.UK Notify delivers from it in a later issue.
 */
export type MessageKind = 'REQUEST' | 'OVERDUE' | 'NEEDS_CONTACT';

export interface OutboxMessage {
  id: string;
  kind: MessageKind;
  to: string;
  proposalId: string;
  checkType?: CheckType;
  residentId?: string;
  url?: string;
  sentAt: string;
}

const outboxPartition = 'OUTBOX';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction item that records the message once; a second write with the same id is refused. */
export function outboxPut(message: OutboxMessage): TransactItem {
  return {
    Put: {
      TableName: config.tableName,
      Item: { pk: outboxPartition, sk: `MSG#${message.id}`, itemType: 'MESSAGE', ...message },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function linkUrl(token: string): string {
  return `${config.publicBaseUrl}/r/${token}`;
}

/** Every message, oldest first (local stack only). */
export async function listOutbox(): Promise<OutboxMessage[]> {
  const messages: OutboxMessage[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDb.send(
      new QueryCommand({ TableName: config.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': outboxPartition }, ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk: _sk, itemType: _type, ...message } = item;
      messages.push(message as OutboxMessage);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return messages.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}
