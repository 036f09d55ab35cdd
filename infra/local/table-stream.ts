import { DescribeTableCommand, UpdateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, ExpiredIteratorException, GetRecordsCommand, GetShardIteratorCommand, TrimmedDataAccessException, type DynamoDBStreamsClientConfig, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { LambdaRunner } from './lambda-runner.ts';

/**
 * The local stand-in for the table stream's event source mappings to `keep-performance-counts`
 * (ADR 0020) and `publish-domain-events` (ADR 0027): DynamoDB Local keeps a real stream, and this
 * reads it every `intervalMs` and invokes each function with the records deployed Lambda would
 * pass it: those its mapping's filter takes, keys only (the stream's view type deployed), in
 * order, in batches.
 *
 * The stream is turned on with new and old images, a superset of keys only, because the bad
 * input suite's TableWatch (test/property) follows the same stream and needs them. Each start
 * reads every shard from its beginning: records seen before a restart come again, as they can on
 * AWS, and each function acts on each once (the counts' markers, an event's PENDING status), so
 * replaying them adds nothing. A failed batch fails the pass before the shard's position moves on,
 * so the next pass hands the same records to both functions again, as a mapping retries a batch.
 */
export interface TableStreamPoller {
  /** Reads the stream until it has nothing new and every batch read so far has been handled. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Each mapping: its function, its filter and its batch size (as infra/constructs/performance-counts.ts and domain-events.ts). */
const mappings = [
  {
    functionName: 'keep-performance-counts',
    batchSize: 100,
    /** A new item whose key is a proposal's audit record. */
    accepts: (record: _Record) => record.eventName === 'INSERT' && (record.dynamodb?.Keys?.pk?.S ?? '').startsWith('PROPOSAL#') && (record.dynamodb?.Keys?.sk?.S ?? '').startsWith('AUDIT#'),
  },
  {
    functionName: 'publish-domain-events',
    batchSize: 50,
    /** A new item of the domain events' outbox. */
    accepts: (record: _Record) => record.eventName === 'INSERT' && record.dynamodb?.Keys?.pk?.S === 'DOMAIN_EVENTS',
  },
] as const;

export async function startTableStreamPoller(
  dynamoDb: DynamoDBClient,
  clientConfig: DynamoDBStreamsClientConfig,
  tableName: string,
  runner: Pick<LambdaRunner, 'invoke'>,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): Promise<TableStreamPoller> {
  const described = await dynamoDb.send(new DescribeTableCommand({ TableName: tableName }));
  if (described.Table?.StreamSpecification?.StreamEnabled !== true) {
    await dynamoDb.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }));
  }
  const streamArn = (await dynamoDb.send(new DescribeTableCommand({ TableName: tableName }))).Table?.LatestStreamArn;
  if (streamArn === undefined) throw new Error(`The table ${tableName} has no stream`);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const iterators = new Map<string, string | null>();
  const lastSequence = new Map<string, string>();

  const records = async (shardId: string, iterator: string) =>
    streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1_000 })).catch(async (error: unknown) => {
      if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
      // As TableWatch does: start again after the last record read (DynamoDB Local sometimes says
      // "trimmed" for a shard's first records, aws/aws-sdk-java#2923; asking again reads them).
      const last = lastSequence.get(shardId);
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ...(last === undefined ? { ShardIteratorType: 'TRIM_HORIZON' } : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last }) }),
      );
      return streams.send(new GetRecordsCommand({ ShardIterator, Limit: 1_000 }));
    });

  /** One pass over every shard; true if it found any record at all. */
  const pass = async (): Promise<boolean> => {
    let found = false;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId as string;
      if (!iterators.has(shardId)) {
        const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
        iterators.set(shardId, ShardIterator ?? null);
      }
      for (let iterator = iterators.get(shardId) ?? null; iterator !== null; ) {
        const page = await records(shardId, iterator);
        const read = page.Records ?? [];
        for (const mapping of mappings) {
          const wanted = read.filter(mapping.accepts);
          for (let start = 0; start < wanted.length; start += mapping.batchSize) {
            const batch = wanted.slice(start, start + mapping.batchSize).map((record) => ({ eventName: record.eventName, dynamodb: { Keys: record.dynamodb?.Keys } }));
            // Like the event source mapping: a failed batch is not passed over, it comes again.
            await runner.invoke(mapping.functionName, { Records: batch });
          }
        }
        const last = read.at(-1)?.dynamodb?.SequenceNumber;
        if (last !== undefined) lastSequence.set(shardId, last);
        iterator = page.NextShardIterator ?? null;
        iterators.set(shardId, iterator);
        if (read.length === 0) break;
        found = true;
      }
    }
    return found;
  };

  let running: Promise<boolean> | undefined;
  let stopped = false;
  const run = (): Promise<boolean> => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped && running === undefined) run().catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? 250);

  return {
    async drain() {
      // Wait for a pass in progress (it may have read records it is still handling), then pass
      // until one finds nothing new.
      await running?.catch(() => undefined);
      while (await run()) {
        // Read again: the counts' own writes are not audit records, but other work may go on.
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      streams.destroy();
    },
  };
}
