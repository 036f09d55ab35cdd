import * as z from 'zod';
import { streamRecordSchema } from '#schemas/stream-records';
import { publishDomainEventsById, publishWaitingDomainEvents } from '#proposals/publish-domain-events';
import { domainEventIdOfStreamKeys } from '#store/domain-events';
import { workflowHandler } from '#runtime/workflow-handler';

/**
 * Publishes the domain events to the EventBridge bus (ADR 0027). Two ways in:
 * - a DynamoDB stream batch: the new items of the events' outbox (the mapping's filter), in order;
 * - anything else, e.g. `{}` (its schedule): a sweep of the events still waiting after the stream
 *   gave up on them.
 * A refused event fails the run, so the batch is retried; it is never dropped.
 */
const eventSchema = z.object({ Records: z.array(streamRecordSchema).optional() });

export const handler = workflowHandler(eventSchema, async (event) => {
  if (event.Records === undefined) return publishWaitingDomainEvents();
  const ids = event.Records.flatMap((record) => {
    const id = record.eventName === 'REMOVE' ? undefined : domainEventIdOfStreamKeys(record.dynamodb?.Keys ?? {});
    return id === undefined ? [] : [id];
  });
  return publishDomainEventsById(ids);
});
