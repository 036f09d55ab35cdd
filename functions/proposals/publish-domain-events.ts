import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { domainEventSource } from '#schemas/domain-events';
import { environment } from '#runtime/environment';
import { eventBridge } from '#runtime/event-bridge-client';
import { now } from '#runtime/clock';
import { getDomainEvent, listPendingDomainEvents, markDomainEventPublished, type StoredDomainEvent } from '#store/domain-events';

/**
 * Publishes domain events from their outbox (ADR 0027) to the EventBridge bus, in the order they
 * are given, and marks each published once the bus has accepted it. At least once: an event the
 * bus accepted just before a crash, or that two publishers send at once, goes out again with the
 * same `eventId`, which is what subscribers dedupe by. Never dropped: an entry the bus refused
 * (PutEvents' FailedEntryCount) stays PENDING and the call fails, so the stream retries the batch
 * and the sweep (`publishWaitingDomainEvents`) picks up whatever is left after that.
 */

/** Read as the function loads, so a function without its bus fails at cold start, naming the variable. */
const busName = environment('domainEvents').EVENT_BUS_NAME;

/** PutEvents takes at most 10 entries a call. */
const entriesPerCall = 10;

export interface PublishResult {
  published: number;
  /** Already published by another run (a replayed stream record, a sweep). */
  skipped: number;
}

export class EventsNotAcceptedError extends Error {
  constructor(readonly refused: readonly { type: string; errorCode: string }[], total: number) {
    // Types and error codes only: an error message never quotes an event.
    super(`The bus refused ${refused.length} of ${total} events (${[...new Set(refused.map((entry) => entry.errorCode))].join(', ')})`);
    this.name = 'EventsNotAcceptedError';
  }
}

function entryOf(event: StoredDomainEvent): PutEventsRequestEntry {
  return { EventBusName: busName, Source: domainEventSource, DetailType: event.type, Detail: JSON.stringify(event.detail), Time: new Date(event.occurredAt) };
}

export async function publishDomainEvents(events: readonly StoredDomainEvent[]): Promise<PublishResult> {
  const waiting = events.filter((event) => event.publishStatus === 'PENDING');
  const refused: { type: string; errorCode: string }[] = [];
  let published = 0;
  for (let start = 0; start < waiting.length; start += entriesPerCall) {
    const chunk = waiting.slice(start, start + entriesPerCall);
    const result = await eventBridge.send(new PutEventsCommand({ Entries: chunk.map(entryOf) }));
    const answers = result.Entries ?? [];
    for (const [index, event] of chunk.entries()) {
      const answer = answers[index];
      if (answer?.EventId !== undefined && answer.ErrorCode === undefined) {
        if (await markDomainEventPublished(event.eventId, now())) published += 1;
      } else {
        refused.push({ type: event.type, errorCode: answer?.ErrorCode ?? 'NoAnswer' });
      }
    }
  }
  if (refused.length > 0) throw new EventsNotAcceptedError(refused, waiting.length);
  return { published, skipped: events.length - waiting.length };
}

/** The events named by new stream records, read consistently, in the stream's order. */
export async function publishDomainEventsById(eventIds: readonly string[]): Promise<PublishResult> {
  const found = await Promise.all([...new Set(eventIds)].map((eventId) => getDomainEvent(eventId)));
  return publishDomainEvents(found.filter((event) => event !== undefined));
}

/**
 * Waiting longer than this, an event is the sweep's: the stream publishes a new one within
 * seconds, so the sweep leaves those alone rather than send them a second time beside it.
 */
export const sweepAfterMilliseconds = 60_000;

/** The sweep: every event still waiting that the stream should have published by now. */
export async function publishWaitingDomainEvents(): Promise<PublishResult> {
  const before = new Date(now().getTime() - sweepAfterMilliseconds).toISOString();
  return publishDomainEvents((await listPendingDomainEvents()).filter((event) => event.occurredAt < before));
}
