import type { AgencyDigestLine } from '#domain/agency-digest';
import type { OverdueCheckLine } from '#domain/overdue-digest';
import type { CheckType } from '#domain/statuses';
import { config } from '#runtime/config';
import { deliveryStatusOf, type DeliveryState, type DeliveryStatus } from '#domain/delivery-state';
import { queryAll } from './query-all.ts';
import { tableKeys } from './table-definition.ts';
import type { TransactItem } from './transact-item.ts';
import { tableName } from './table-name.ts';

/**
 * The notification port. A message is written in the same transaction as the state change that
 * causes it (a transactional outbox), keyed by a stable reference, so a retried or replayed step
 * can never send it twice and a crash can never lose it. Locally the outbox is what a person
 * reads; GOV.UK Notify delivers from it (functions/handlers/streams/deliver-messages.ts), keeping each
 * message's delivery status on its item (domain/delivery-state.ts).
 */
export type MessageKind =
  | 'REQUEST'
  | 'REMINDER'
  | 'OVERDUE'
  | 'NEEDS_CONTACT'
  | 'NO_LONGER_NEEDED'
  | 'DECISION_RETURNED'
  | 'NEW_LINK_REQUESTED'
  | 'CONSENT_CONFIRMED'
  | 'CONSENT_WITHDRAWN'
  | 'CONSENT_WITHDRAWN_AFTER_HEARING'
  | 'DIGEST'
  | 'AGENCY_DIGEST';

interface MessageBase {
  id: string;
  to: string;
  sentAt: string;
}

/**
 * A message about one proposal: a request or reminder with its link, a notice to the officer
 * (NEEDS_CONTACT; DECISION_RETURNED, a senior probation officer sent their decision back;
 * NEW_LINK_REQUESTED, the holder of an expired or replaced link asked for a new one;
 * CONSENT_WITHDRAWN, a resident withdrew consent before the hearing and the proposal is unsuitable;
 * CONSENT_WITHDRAWN_AFTER_HEARING, the alert that the curfew address no longer has consent),
 * NO_LONGER_NEEDED to a recipient whose request was stopped because a resident refused or withdrew,
 * or the court passed another sentence (no link), or CONSENT_CONFIRMED to a resident who
 * consented, with the link that withdraws it.
 */
export interface ProposalMessage extends MessageBase {
  kind: Exclude<MessageKind, 'DIGEST' | 'AGENCY_DIGEST'>;
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

/**
 * An agency mailbox's morning list of its outstanding enquiries from every court
 * (functions/handlers/scheduled/send-agency-digests.ts): references, types, courts and due dates,
 * no names, no links (a link's token is never kept).
 */
export interface AgencyDigestMessage extends MessageBase {
  kind: 'AGENCY_DIGEST';
  /** The mailbox's address-free key (domain/agency-digest.ts), also in the message's reference. */
  mailboxKey: string;
  /** The London date the digest is for. */
  date: string;
  enquiries: AgencyDigestLine[];
}

export type OutboxMessage = ProposalMessage | DigestMessage | AgencyDigestMessage;

/**
 * What a message needs only until it has been delivered: the address, the link (a request's
 * carries the raw token) and the digests' lines. The write that gives a message its final
 * delivery status removes them (delivery-store.ts); ids, kind, status and times stay for audit.
 */
export const contactFields = ['to', 'url', 'overdue', 'enquiries'] as const;
type ContactField = (typeof contactFields)[number];

/** Each kind of message, with its contact fields optional (distributed over the union, so `kind` still narrows). */
type ContactRemovable<Message> = Message extends unknown ? Omit<Message, ContactField> & Partial<Pick<Message, Extract<keyof Message, ContactField>>> : never;

/** A message as stored: after its final delivery status it no longer has its contact fields. */
export type StoredOutboxMessage = ContactRemovable<OutboxMessage>;

/** A message with where it is on its way; `deliveryStatus` is always set (PENDING for older items). */
export type OutboxEntry = StoredOutboxMessage & Omit<DeliveryState, 'claimId' | 'deliveryStatus'> & { deliveryStatus: DeliveryStatus };

export const outboxPartition = 'OUTBOX';

/**
 * DynamoDB deletes an outbox item this long after it was written (its TTL), whatever its status.
 * Long enough for receipts (Notify gives up after 72 hours) and for an operator to look into a
 * delivery; the audit trail keeps what happened for good, and a check's delivery problem names
 * the message without needing it. Every step that writes a message with a given reference does so
 * only while the state it changes still allows it (a check still waiting, a digest's day), so the
 * reference need not outlive the item to keep messages from being sent twice.
 */
export const outboxItemKeptSeconds = 90 * 24 * 3600;

/** The key of a message's item; Notify's `reference` is the message id, so a receipt finds it here. */
export function outboxKey(messageId: string) {
  return { pk: outboxPartition, sk: `MSG#${messageId}` };
}

/**
 * A transaction item that records the message once; a second write with the same id is refused.
 * It is written awaiting delivery (in the undelivered index, table-definition.ts) and expires
 * `outboxItemKeptSeconds` after `sentAt`.
 */
export function outboxPut(message: OutboxMessage): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...outboxKey(message.id),
        itemType: 'MESSAGE',
        deliveryStatus: 'PENDING',
        [tableKeys.undeliveredIndex.partitionKey]: outboxPartition,
        [tableKeys.timeToLiveAttribute]: Math.floor(new Date(message.sentAt).getTime() / 1000) + outboxItemKeptSeconds,
        ...message,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function linkUrl(token: string): string {
  return `${config.publicBaseUrl}/r/${token}`;
}

/** Every message with its delivery status, oldest first (local stack only). */
export async function listOutbox(): Promise<OutboxEntry[]> {
  const items = await queryAll({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': outboxPartition } });
  const messages = items.map((item) => {
    const { pk: _pk, sk: _sk, itemType: _type, claimId: _claim, awaitingDelivery: _awaiting, expiresAt: _expires, ...message } = item;
    const entry = message as unknown as StoredOutboxMessage & DeliveryState;
    return { ...entry, deliveryStatus: deliveryStatusOf(entry) } as OutboxEntry;
  });
  return messages.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}
