import * as z from 'zod';
import { streamRecordSchema } from '#schemas/stream-records';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { findCourtTeam } from '#domain/court-teams';
import { operationalMetrics } from '#domain/performance-events';
import { countPerformanceEvents } from '#proposals/count-performance-events';
import { metrics } from '#runtime/metrics';
import { workflowHandler } from '#runtime/workflow-handler';

/**
 * Keeps the performance and quality view's counters as things happen (ADR 0020): fed the table's
 * stream (keys only; deployed, filtered to new audit records of proposals; locally, the local
 * stack's stream poller), it adds each audit event's counts once. Never a scan of proposals. What
 * it counted also goes out as CloudWatch metrics, by region and check type only.
 */
const eventSchema = z.object({ Records: z.array(streamRecordSchema).default([]) });

export const handler = workflowHandler(eventSchema, async (event) => {
  const result = await countPerformanceEvents(event.Records.map((record) => ({ eventName: record.eventName, keys: record.dynamodb?.Keys ?? {} })));
  for (const point of operationalMetrics(result.increments, (courtCode) => findCourtTeam(courtCode)?.region ?? 'NONE')) {
    // One point per metric and dimension set: a single metric is written (one log line) at once.
    const single = metrics.singleMetric();
    single.addDimension('Region', point.region);
    if (point.checkType !== undefined) single.addDimension('CheckType', point.checkType);
    single.addMetric(point.name, MetricUnit.Count, point.value);
  }
  return { counted: result.counted, skipped: result.skipped };
});
