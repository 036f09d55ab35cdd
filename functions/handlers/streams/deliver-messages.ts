import * as z from 'zod';
import { streamRecordSchema } from '#schemas/stream-records';
import { deliverMessage, type Deliverer, type DeliveryResult } from '#notify/deliver-message';
import { getOutboxMessage, listUndeliveredMessages, outboxMessageIdOfStreamKeys, type StoredMessage } from '#store/delivery-store';
import { requireNotifySendingConfig } from '#notify/notify-config';
import { createNotifyGateway } from '#notify/notify-gateway';
import { loadSecretIntoEnvironment, notifyApiKeySecret } from '#notify/secrets';
import { workflowHandler } from '#runtime/workflow-handler';

/**
 * Delivers outbox messages through GOV.UK Notify. Two ways in:
 * - a DynamoDB stream batch (deployed): the new outbox items, delivered at once;
 * - anything else, e.g. `{}` (a schedule deployed, a 500 ms timer on the local stack): a sweep of
 *   every message still to deliver (read from the sparse undelivered index, so its cost does not
 *   grow with history; ADR 13), which also picks up retries whose backoff has passed and claims
 *   left SENDING by a crash.
 * Each message is delivered at most once (see deliver-message.ts); a stream record for an item
 * that is not due (our own SENDING or retry writes) is skipped.
 */
await loadSecretIntoEnvironment(notifyApiKeySecret);
const settings = requireNotifySendingConfig();
const deliverer: Deliverer = { gateway: createNotifyGateway(settings), templates: settings.templates, retry: settings.retry };

const eventSchema = z.object({ Records: z.array(streamRecordSchema).optional() });

/** Messages sent side by side; small, to stay well inside Notify's rate limit. */
const concurrency = 4;

export const handler = workflowHandler(eventSchema, async (event) => {
  const messages = event.Records === undefined ? await listUndeliveredMessages() : await messagesFromStream(event.Records);
  const results: Partial<Record<DeliveryResult, number>> = {};
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    for (let message = messages[next++]; message !== undefined; message = messages[next++]) {
      try {
        const result = await deliverMessage(message, deliverer);
        results[result] = (results[result] ?? 0) + 1;
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, messages.length) }, worker));
  if (errors.length > 0) {
    // Every other message was still tried; the stream (or the next sweep) retries the batch.
    throw new AggregateError(errors, `${errors.length} of ${messages.length} messages could not be processed`);
  }
  return { messages: messages.length, results };
});

async function messagesFromStream(records: z.infer<typeof streamRecordSchema>[]): Promise<StoredMessage[]> {
  const ids = records.flatMap((record) => {
    const id = record.eventName === 'REMOVE' ? undefined : outboxMessageIdOfStreamKeys(record.dynamodb?.Keys ?? {});
    return id === undefined ? [] : [id];
  });
  const found = await Promise.all([...new Set(ids)].map((id) => getOutboxMessage(id)));
  return found.filter((message) => message !== undefined);
}
