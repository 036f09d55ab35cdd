import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, UpdateCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '#runtime/aws-clients';
import { keys, type CheckItem, type ProposalItem } from './items.ts';
import { contactFields, outboxKey, outboxPartition, type StoredOutboxMessage } from './outbox.ts';
import { tableKeys } from './table-definition.ts';
import type { TransactItems } from './transact-item.ts';
import { writeAtomically } from './transactions.ts';
import { deliveryStatusOf, finalDeliveryStatuses, isFinalDeliveryStatus, isUndelivered, type DeliveryState, type DeliveryStatus, type FailureOutcome } from '#domain/delivery-state';
import { checkIdOf } from '#domain/message-references';
import { queryAll } from './query-all.ts';
import { tableName } from './table-name.ts';

/**
 * The conditional writes that move an outbox item through its delivery states. Every write names
 * the state it expects, so two deliverers (a stream batch and a sweep, or a retry after a crash)
 * can never both send, and a late receipt never overwrites a final status.
 */
export type StoredMessage = StoredOutboxMessage & DeliveryState;

/** Shown on the check when a message about it did not reach its reader; no address in it. */
export interface DeliveryProblem {
  messageId: string;
  status: DeliveryStatus;
  at: string;
}

const notFinal = `(attribute_not_exists(deliveryStatus) OR NOT deliveryStatus IN (${finalDeliveryStatuses.map((_, index) => `:final${index}`).join(', ')}))`;
const finalValues = Object.fromEntries(finalDeliveryStatuses.map((status, index) => [`:final${index}`, status]));

function stripKeys(item: Record<string, unknown>): StoredMessage {
  const { pk: _pk, sk: _sk, itemType: _type, ...message } = item;
  return message as unknown as StoredMessage;
}

/**
 * What the write that makes a message SENT or final removes. Either takes it out of the undelivered
 * index (its `awaitingDelivery`). A final one also loses its contact fields (outbox.ts): nothing
 * sends it again, and the address and the link's raw token are not to be kept beyond delivery.
 */
const whenSent = { remove: '#awaiting', names: { '#awaiting': tableKeys.undeliveredIndex.partitionKey } };
const whenFinal = {
  remove: ['#awaiting', ...contactFields.map((field) => `#${field}`)].join(', '),
  names: { ...whenSent.names, ...Object.fromEntries(contactFields.map((field) => [`#${field}`, field])) },
};

/** Statuses the sweep acts on: waiting to be sent (perhaps backing off) or being sent (perhaps stuck). */
const awaitingStatuses: readonly DeliveryStatus[] = ['PENDING', 'SENDING'];

/**
 * Messages that may need sending: PENDING (or older items without a status) and SENDING. Read
 * from the sparse undelivered index (table-definition.ts), so the read grows with what is waiting,
 * not with every message ever sent. The index is eventually consistent, so each listed item is
 * then read consistently and kept only if it still waits: one delivered a moment ago is dropped
 * here (and every claim is conditional anyway). One written a moment ago and not yet in the index
 * is not missed: the stream delivers new items, and it is in the index for the next sweep.
 */
export async function listUndeliveredMessages(): Promise<StoredMessage[]> {
  const index = tableKeys.undeliveredIndex;
  const listed = await queryAll({
    TableName: tableName,
    IndexName: index.indexName,
    KeyConditionExpression: '#awaiting = :outbox',
    ExpressionAttributeNames: { '#awaiting': index.partitionKey },
    ExpressionAttributeValues: { ':outbox': outboxPartition },
  });
  const messages = (await readConsistently(listed.map((item) => ({ pk: item.pk, sk: item.sk })))).map(stripKeys);
  return messages.filter((message) => awaitingStatuses.includes(deliveryStatusOf(message))).sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

/** The current items for these keys, read consistently in BatchGets of 100 (its limit). */
async function readConsistently(itemKeys: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let index = 0; index < itemKeys.length; index += 100) {
    let pending: Record<string, unknown>[] | undefined = itemKeys.slice(index, index + 100);
    for (let attempt = 0; pending !== undefined && pending.length > 0; attempt += 1) {
      if (attempt === 5) {
        // The sweep fails and the next one, a minute later, reads again.
        throw new Error('Could not read the undelivered messages');
      }
      const result: BatchGetCommandOutput = await dynamoDb.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(result.Responses?.[tableName] ?? []));
      pending = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return items;
}

/** A stream record's `Keys` as DynamoDB writes them (attribute values; ours are strings). */
export type StreamRecordKeys = Readonly<Record<string, { S?: string | undefined } | undefined>>;

/** The id of the outbox message a stream record's keys name; undefined for any other item. */
export function outboxMessageIdOfStreamKeys(streamKeys: StreamRecordKeys): string | undefined {
  const messagePrefix = outboxKey('').sk;
  const sk = streamKeys.sk?.S;
  return streamKeys.pk?.S === outboxPartition && sk?.startsWith(messagePrefix) ? sk.slice(messagePrefix.length) : undefined;
}

export async function getOutboxMessage(messageId: string): Promise<StoredMessage | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: tableName, Key: outboxKey(messageId), ConsistentRead: true }));
  return result.Item === undefined ? undefined : stripKeys(result.Item);
}

/** What the message itself does not carry: read from the proposal and the check when it is sent. */
export interface MessageContext {
  courtCode: string;
  /** The check's due time (ISO 8601). */
  dueAt: string;
  /** The resident's language, for a resident's message (Welsh residents get the Welsh templates). */
  language?: 'en' | 'cy';
}

/** The court code and due time a request's personalisation needs; undefined if the proposal or check is gone. */
export async function messageContext(message: StoredMessage): Promise<MessageContext | undefined> {
  const checkId = checkIdOf(message);
  if (checkId === undefined || message.kind === 'DIGEST' || message.kind === 'AGENCY_DIGEST') {
    return undefined;
  }
  const [proposal, check] = await Promise.all([
    dynamoDb.send(new GetCommand({ TableName: tableName, Key: keys.proposal(message.proposalId), ProjectionExpression: 'courtCode, residents' })),
    dynamoDb.send(new GetCommand({ TableName: tableName, Key: keys.check(message.proposalId, checkId), ProjectionExpression: 'dueAt' })),
  ]);
  const stored = proposal.Item as Pick<ProposalItem, 'courtCode' | 'residents'> | undefined;
  const dueAt = (check.Item as Pick<CheckItem, 'dueAt'> | undefined)?.dueAt;
  if (stored === undefined || dueAt === undefined) {
    return undefined;
  }
  const resident = message.residentId === undefined ? undefined : stored.residents.find((candidate) => candidate.residentId === message.residentId);
  return { courtCode: stored.courtCode, dueAt, ...(resident === undefined ? {} : { language: resident.language }) };
}

async function conditionalUpdate(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> {
  try {
    await dynamoDb.send(new UpdateCommand(input));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      return false;
    }
    throw new Error('Could not update the outbox item', { cause: error });
  }
}

/**
 * PENDING → SENDING (or a stuck SENDING → SENDING under a new claim), before anything is sent.
 * Returns the claim id, or undefined when someone else changed the item first.
 */
export async function claimMessage(message: StoredMessage, channel: 'EMAIL' | 'SMS', at: Date): Promise<string | undefined> {
  const claimId = randomUUID();
  const stuck = message.deliveryStatus === 'SENDING';
  const claimed = await conditionalUpdate({
    TableName: tableName,
    Key: outboxKey(message.id),
    UpdateExpression: 'SET deliveryStatus = :sending, sendingSince = :at, claimId = :claim, channel = :channel',
    ConditionExpression: stuck
      ? 'deliveryStatus = :sending AND claimId = :previous'
      : '(attribute_not_exists(deliveryStatus) OR deliveryStatus = :pending) AND (attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :at)',
    ExpressionAttributeValues: {
      ':sending': 'SENDING',
      ':at': at.toISOString(),
      ':claim': claimId,
      ':channel': channel,
      ...(stuck ? { ':previous': message.claimId ?? '' } : { ':pending': 'PENDING' }),
    },
  });
  return claimed ? claimId : undefined;
}

const ourClaim = 'deliveryStatus = :sending AND claimId = :claim';

/** SENDING → SENT with Notify's id. False when a receipt got there first (it is kept). */
export function recordSent(messageId: string, claimId: string, notificationId: string, at: Date): Promise<boolean> {
  return conditionalUpdate({
    TableName: tableName,
    Key: outboxKey(messageId),
    UpdateExpression: `SET deliveryStatus = :sent, notificationId = :notification, sentToNotifyAt = :at REMOVE claimId, sendingSince, nextAttemptAt, ${whenSent.remove}`,
    ConditionExpression: ourClaim,
    ExpressionAttributeNames: whenSent.names,
    ExpressionAttributeValues: { ':sent': 'SENT', ':notification': notificationId, ':at': at.toISOString(), ':sending': 'SENDING', ':claim': claimId },
  });
}

/** SENDING → PENDING, to be tried again after the backoff. */
export function recordRetry(messageId: string, claimId: string, outcome: Extract<FailureOutcome, { deliveryStatus: 'PENDING' }>): Promise<boolean> {
  return conditionalUpdate({
    TableName: tableName,
    Key: outboxKey(messageId),
    UpdateExpression: 'SET deliveryStatus = :pending, attempts = :attempts, nextAttemptAt = :next, lastFailure = :failure REMOVE claimId, sendingSince',
    ConditionExpression: ourClaim,
    ExpressionAttributeValues: { ':pending': 'PENDING', ':attempts': outcome.attempts, ':next': outcome.nextAttemptAt, ':failure': outcome.lastFailure, ':sending': 'SENDING', ':claim': claimId },
  });
}

/**
 * A final failure found while sending (claimed, or a message that cannot even be planned). The
 * officer is told on the check and in the audit trail, in the same transaction.
 */
export function recordSendFailure(message: StoredMessage, claimId: string | undefined, outcome: Exclude<FailureOutcome, { deliveryStatus: 'PENDING' }>, at: Date): Promise<boolean> {
  const update: TransactItems[number] = {
    Update: {
      TableName: tableName,
      Key: outboxKey(message.id),
      UpdateExpression: `SET deliveryStatus = :status, attempts = :attempts, lastFailure = :failure, completedAt = :at REMOVE claimId, sendingSince, nextAttemptAt, ${whenFinal.remove}`,
      ConditionExpression: claimId === undefined ? '(attribute_not_exists(deliveryStatus) OR deliveryStatus = :pending)' : ourClaim,
      ExpressionAttributeNames: whenFinal.names,
      ExpressionAttributeValues: {
        ':status': outcome.deliveryStatus,
        ':attempts': outcome.attempts,
        ':failure': outcome.lastFailure,
        ':at': at.toISOString(),
        ...(claimId === undefined ? { ':pending': 'PENDING' } : { ':sending': 'SENDING', ':claim': claimId }),
      },
    },
  };
  return writeWithProblem(message, update, outcome.deliveryStatus, at);
}

/**
 * A delivery receipt, by reference. Applied unless the message already has a final status, so a
 * repeated or out-of-order callback never overwrites one. Notify's receipts are all final.
 */
export function applyReceipt(message: StoredMessage, status: DeliveryStatus, notificationId: string, completedAt: string | undefined, at: Date): Promise<boolean> {
  const leaving = isFinalDeliveryStatus(status) ? whenFinal : whenSent;
  const update: TransactItems[number] = {
    Update: {
      TableName: tableName,
      Key: outboxKey(message.id),
      UpdateExpression: `SET deliveryStatus = :status, notificationId = :notification, completedAt = :completed REMOVE claimId, sendingSince, nextAttemptAt, ${leaving.remove}`,
      ConditionExpression: `attribute_exists(pk) AND ${notFinal}`,
      ExpressionAttributeNames: leaving.names,
      ExpressionAttributeValues: { ':status': status, ':notification': notificationId, ':completed': completedAt ?? at.toISOString(), ...finalValues },
    },
  };
  return writeWithProblem(message, update, status, at);
}

async function writeWithProblem(message: StoredMessage, update: TransactItems[number], status: DeliveryStatus, at: Date): Promise<boolean> {
  const checkId = checkIdOf(message);
  if (checkId === undefined || message.kind === 'DIGEST' || message.kind === 'AGENCY_DIGEST') {
    return writeAtomically([update]);
  }
  const check = isUndelivered(status) ? await dynamoDb.send(new GetCommand({ TableName: tableName, Key: keys.check(message.proposalId, checkId), ProjectionExpression: 'pk' })) : undefined;
  if (check?.Item === undefined) {
    return writeAtomically([update]);
  }
  const problem: DeliveryProblem = { messageId: message.id, status, at: at.toISOString() };
  return writeAtomically(
    [
      update,
      {
        Update: {
          TableName: tableName,
          Key: keys.check(message.proposalId, checkId),
          UpdateExpression: 'SET deliveryProblem = :problem',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':problem': problem },
        },
      },
    ],
    { proposalId: message.proposalId, action: 'MESSAGE_NOT_DELIVERED', actor: 'NOTIFY', at, checkId },
  );
}
