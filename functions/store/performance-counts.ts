import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterIncrement } from '#domain/performance-events';
import type { IsoWeek, WeekCounters } from '#domain/performance';
import { dynamoDb } from '#runtime/aws-clients';
import type { StreamRecordKeys } from './delivery-store.ts';
import { queryAll } from './query-all.ts';
import { tableName } from './table-name.ts';
import type { TransactItem } from './transact-item.ts';

/**
 * The P&Q view's counters (ADR 0020). One item per court and ISO week:
 *   pk `PQ#<courtCode>`, sk `WEEK#<yyyy>-W<ww>`, each counter a number attribute
 *   (`started`, `outcome.SUITABLE`, `tta.DOMESTIC_ABUSE.5`…; domain/performance.ts names them),
 * so a court's quarter is one Query of 13 small items. A region's totals are kept the same way
 * under `PQ#REGION#<region>` (domain/performance-events.ts), in the same transaction as its
 * court's: a performance lead's whole region is one Query too.
 * Counters only grow, by `ADD`, so concurrent events never overwrite each other.
 *
 * Each audit event is counted once: with its counters goes a marker, pk `PQ_COUNTED#<proposalId>`,
 * sk `AUDIT#<seq>`, put only if absent, in the same transaction. A stream record delivered again
 * finds the marker, the transaction is refused as a whole, and nothing is added twice. Markers
 * expire after the stream's own retention (24 hours) and a margin: no record older can come again.
 */

const counterPartition = (courtCode: string) => `PQ#${courtCode}`;
const weekKey = (week: IsoWeek) => `WEEK#${week}`;
/** Seven days, in seconds: well past a DynamoDB stream's 24-hour retention. */
const markerLifetimeSeconds = 7 * 24 * 3600;

/** The audit event a stream record names (a new `AUDIT#` item of a proposal), or undefined for any other item. */
export function auditEventOfStreamKeys(streamKeys: StreamRecordKeys): { proposalId: string; seq: number } | undefined {
  const pk = streamKeys.pk?.S;
  const sk = streamKeys.sk?.S;
  if (pk === undefined || sk === undefined || !pk.startsWith('PROPOSAL#') || !sk.startsWith('AUDIT#')) return undefined;
  const seq = Number(sk.slice('AUDIT#'.length));
  return Number.isInteger(seq) && seq > 0 ? { proposalId: pk.slice('PROPOSAL#'.length), seq } : undefined;
}

/** Increments grouped by court and week: one update per counter item. */
function grouped(increments: readonly CounterIncrement[]): CounterIncrement[] {
  const byItem = new Map<string, CounterIncrement>();
  for (const increment of increments) {
    const key = `${increment.courtCode}\u0000${increment.week}`;
    const into = byItem.get(key) ?? { courtCode: increment.courtCode, week: increment.week, counts: {} };
    for (const [name, value] of Object.entries(increment.counts)) into.counts[name] = (into.counts[name] ?? 0) + value;
    byItem.set(key, into);
  }
  return [...byItem.values()];
}

/** The `ADD` of a set of counters to one court's week (names as placeholders: they hold dots). */
function addCounters(increment: CounterIncrement) {
  const entries = Object.entries(increment.counts);
  return {
    TableName: tableName,
    Key: { pk: counterPartition(increment.courtCode), sk: weekKey(increment.week) },
    UpdateExpression: `SET #type = :type, #court = :court, #week = :week ADD ${entries.map((_, index) => `#c${index} :c${index}`).join(', ')}`,
    ExpressionAttributeNames: { '#type': 'itemType', '#court': 'courtCode', '#week': 'week', ...Object.fromEntries(entries.map(([name], index) => [`#c${index}`, name])) },
    ExpressionAttributeValues: {
      ':type': 'PQ_COUNTS',
      ':court': increment.courtCode,
      ':week': increment.week,
      ...Object.fromEntries(entries.map(([, value], index) => [`:c${index}`, value])),
    },
  };
}

/**
 * Adds one audit event's counters, once. Returns false when the event was counted before (a
 * stream record delivered again), in which case nothing is added.
 */
export async function countEventOnce(event: { proposalId: string; seq: number }, increments: readonly CounterIncrement[], at: Date): Promise<boolean> {
  const updates = grouped(increments);
  if (updates.length === 0) return true;
  const marker: TransactItem = {
    Put: {
      TableName: tableName,
      Item: { pk: `PQ_COUNTED#${event.proposalId}`, sk: `AUDIT#${String(event.seq).padStart(10, '0')}`, itemType: 'PQ_COUNTED', expiresAt: Math.floor(at.getTime() / 1000) + markerLifetimeSeconds },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dynamoDb.send(new TransactWriteCommand({ TransactItems: [marker, ...updates.map((update) => ({ Update: addCounters(update) }))] }));
      return true;
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((reason) => reason.Code) : [];
      // Only the marker has a condition: its failure means "counted already".
      if (reasons[0] === 'ConditionalCheckFailed') return false;
      // Another batch adding to the same week (a region's totals are shared by its courts) at the same moment: again, shortly.
      if (reasons.includes('TransactionConflict') && attempt < 5) {
        await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * (0.5 + Math.random())));
        continue;
      }
      throw error;
    }
  }
}

/**
 * Adds counters with no marker: what a year of proposals leaves behind, written straight in by
 * the benchmark (test/bench) to measure the view without making 100,000 proposals.
 */
export async function addToCounters(increments: readonly CounterIncrement[]): Promise<void> {
  for (const update of grouped(increments)) {
    // At most 100 counters an update: an update expression may be 4 KB at most.
    const entries = Object.entries(update.counts);
    for (let start = 0; start < entries.length; start += 100) {
      await dynamoDb.send(new UpdateCommand(addCounters({ ...update, counts: Object.fromEntries(entries.slice(start, start + 100)) })));
    }
  }
}

/** The counters of some courts over a span of weeks (ISO weeks sort as text): one Query per court, side by side. */
export async function readCounters(courtCodes: readonly string[], fromWeek: IsoWeek, toWeek: IsoWeek): Promise<WeekCounters[]> {
  const perCourt = await Promise.all(
    courtCodes.map((courtCode) =>
      queryAll({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': counterPartition(courtCode), ':from': weekKey(fromWeek), ':to': weekKey(toWeek) },
      }),
    ),
  );
  return perCourt.flat().map(({ pk: _pk, sk: _sk, itemType: _type, courtCode, week, ...counts }) => ({
    courtCode: courtCode as string,
    week: week as IsoWeek,
    counts: Object.fromEntries(Object.entries(counts).filter((entry): entry is [string, number] => typeof entry[1] === 'number')),
  }));
}
