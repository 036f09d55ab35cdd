import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { OverdueCheckLine } from '#domain/overdue-digest';
import type { CheckType } from '#domain/statuses';
import { dynamoDb } from '#runtime/aws-clients';
import { config } from '#runtime/config';
import { deliveryStatusOf, type DeliveryState, type DeliveryStatus } from '#domain/delivery-state';
import { queryAll } from './query-all.ts';
import type { TransactItem } from './transact-item.ts';

/**
 * The notification port. A message is written in the same transaction as the state change that
 * causes it (a transactional outbox), keyed by a stable reference, so a retried or replayed step
 * can never send it twice and a crash can never lose it. Locally the outbox is what a person
 * reads; GOV.UK Notify delivers from it (functions/handlers/streams/deliver-messages.ts), keeping each
 * message's delivery status on its item (domain/delivery-state.ts).
 */
export type MessageKind = 'REQUEST' | 'REMINDER' | 'OVERDUE' | 'NEEDS_CONTACT' | 'DIGEST';

interface MessageBase {
  id: string;
  to: string;
  sentAt: string;
}

/** A message about one proposal: a request or reminder with its link, or a notice to the officer. */
export interface ProposalMessage extends MessageBase {
  kind: Exclude<MessageKind, 'DIGEST'>;
  proposalId: string;
  checkType?: CheckType;
  residentId?: string;
  url?: string;
}

/** The daily list of a court team's overdue checks (functions/handlers/scheduled/send-overdue-digest.ts): ids only, no names. */
export interface DigestMessage extends MessageBase {
  kind: 'DIGEST';
  courtCode: string;
  /** The London date the digest is for. */
  date: string;
  overdue: OverdueCheckLine[];
  /** Where the reader signs in to see them (the officer's list of proposals); no token in it. */
  url: string;
}

export type OutboxMessage = ProposalMessage | DigestMessage;

/** A message with where it is on its way; `deliveryStatus` is always set (PENDING for older items). */
export type OutboxEntry = OutboxMessage & Omit<DeliveryState, 'claimId' | 'deliveryStatus'> & { deliveryStatus: DeliveryStatus };

export const outboxPartition = 'OUTBOX';

/** The key of a message's item; Notify's `reference` is the message id, so a receipt finds it here. */
export function outboxKey(messageId: string) {
  return { pk: outboxPartition, sk: `MSG#${messageId}` };
}

/** A transaction item that records the message once; a second write with the same id is refused. */
export function outboxPut(message: OutboxMessage): TransactItem {
  return {
    Put: {
      TableName: config.tableName,
      Item: { ...outboxKey(message.id), itemType: 'MESSAGE', deliveryStatus: 'PENDING', ...message },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The link a message carried: the token is kept nowhere else, so a reminder copies it from here. */
export async function linkUrlSentIn(messageId: string): Promise<string | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: config.tableName, Key: outboxKey(messageId), ConsistentRead: true }));
  return (result.Item as ProposalMessage | undefined)?.url;
}

export function linkUrl(token: string): string {
  return `${config.publicBaseUrl}/r/${token}`;
}

/** Every message with its delivery status, oldest first (local stack only). */
export async function listOutbox(): Promise<OutboxEntry[]> {
  const items = await queryAll({ TableName: config.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': outboxPartition } });
  const messages = items.map((item) => {
    const { pk: _pk, sk: _sk, itemType: _type, claimId: _claim, ...message } = item;
    const entry = message as unknown as OutboxMessage & DeliveryState;
    return { ...entry, deliveryStatus: deliveryStatusOf(entry) } as OutboxEntry;
  });
  return messages.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}
