import * as z from 'zod';
import { countPerformanceEvents } from '#proposals/count-performance-events';
import { workflowHandler } from '#runtime/workflow-handler';

/**
 * Keeps the performance and quality view's counters as things happen (ADR 0020): fed the table's
 * stream (keys only; deployed, filtered to new audit records of proposals; locally, the local
 * stack's stream poller), it adds each audit event's counts once. Never a scan of proposals.
 */
const streamRecordSchema = z.object({
  eventName: z.string().optional(),
  dynamodb: z.object({ Keys: z.record(z.string(), z.object({ S: z.string() })).optional() }).optional(),
});
const eventSchema = z.object({ Records: z.array(streamRecordSchema).default([]) });

export const handler = workflowHandler(eventSchema, async (event) => {
  const result = await countPerformanceEvents(event.Records.map((record) => ({ eventName: record.eventName, keys: record.dynamodb?.Keys ?? {} })));
  return { counted: result.counted, skipped: result.skipped };
});
