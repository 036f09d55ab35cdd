import { createHash } from 'node:crypto';
import { DescribeTableCommand, ScanCommand, UpdateTableCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, ExpiredIteratorException, GetRecordsCommand, GetShardIteratorCommand, TrimmedDataAccessException, type DynamoDBStreamsClientConfig, type Shard } from '@aws-sdk/client-dynamodb-streams';

type Item = Record<string, AttributeValue>;

/** Audit actions that record a showing or a disclosure: a page shown again with an error is still shown. */
const disclosureActions = new Set(['PROPOSAL_VIEWED', 'RESTRICTED_ANSWERS_VIEWED', 'DISCLOSED_TO_COURT_LIST', 'COURT_LIST_VIEWED', 'SHOWN_TO_RESIDENT', 'DISCLOSED_TO_AGENCY', 'AUDIT_TRAIL_EXPORTED']);

export interface TableSnapshot {
  items: number;
  /** Every item, except a session's last-seen time (see below). */
  strict: string;
  /** As `strict`, without records of showings and disclosures and the audit chain heads they move. */
  state: string;
}

/**
 * A hash of a set of items that does not depend on their order: the sum of each item's SHA-256
 * modulo 2^256. An item can be taken out and another put in without reading the rest, so a
 * table of tens of thousands of items is followed at the cost of what changed.
 */
class ItemSetHash {
  private sum = 0n;
  private static readonly modulus = 1n << 256n;
  private static of(text: string): bigint {
    return BigInt(`0x${createHash('sha256').update(text).digest('hex')}`);
  }
  add(text: string) {
    this.sum = (this.sum + ItemSetHash.of(text)) % ItemSetHash.modulus;
  }
  remove(text: string) {
    this.sum = (this.sum - ItemSetHash.of(text) + ItemSetHash.modulus) % ItemSetHash.modulus;
  }
  hex() {
    return this.sum.toString(16).padStart(64, '0');
  }
}

const keyOf = (item: Item) => `${item.pk?.S ?? ''}\u0000${item.sk?.S ?? ''}`;

/**
 * How an item counts in the two hashes. Left out, and why:
 * - SESSION items' `lastSeenAt` and `expiresAt`: every staff request with a session moves the
 *   idle timer (at most once a minute, `touchSession`), whether or not the request is then
 *   refused, by design: the person was active. Nothing else of a session is left out, so a
 *   session that is created, deleted or changed otherwise still shows.
 * - In `state` only: audit records of showings and disclosures (PROPOSAL_VIEWED, DISCLOSED_TO_…,
 *   SHOWN_TO_RESIDENT, …) and the AUDIT_HEAD items they move. A form sent with errors comes back
 *   as the page again (400) with the case on it, and that showing is audited as any other: the
 *   record is right, not a change caused by the bad input. Batches in which no response showed a
 *   page are compared with `strict`, where these count.
 */
function counted(item: Item): { text: string; inState: boolean } {
  const type = item.itemType?.S;
  const { lastSeenAt: _lastSeenAt, expiresAt: _expiresAt, ...sessionRest } = item;
  // The key goes in too: two items with equal attributes under different keys are different items.
  const text = `${keyOf(item)}\u0000${canonical(type === 'SESSION' ? sessionRest : item)}`;
  const disclosure = (type === 'AUDIT' && disclosureActions.has(item.action?.S ?? '')) || type === 'AUDIT_HEAD';
  return { text, inState: !disclosure };
}

/**
 * The P&Q counters and their once-only markers (ADR 0020) are left out of both hashes: the stream
 * handler writes them a moment after the change that caused them, so a batch of bad input could
 * see the counts of the set-up before it land. They follow audit records, which do count here.
 */
const followsTheStream = (item: Item) => item.itemType?.S === 'PQ_COUNTS' || item.itemType?.S === 'PQ_COUNTED';

/** The two hashes over a set of items, kept as items come and go. */
class TableHashes {
  readonly strict = new ItemSetHash();
  readonly state = new ItemSetHash();
  add(item: Item) {
    if (followsTheStream(item)) return;
    const { text, inState } = counted(item);
    this.strict.add(text);
    if (inState) this.state.add(text);
  }
  remove(item: Item) {
    if (followsTheStream(item)) return;
    const { text, inState } = counted(item);
    this.strict.remove(text);
    if (inState) this.state.remove(text);
  }
}

async function scanAll(dynamoDb: DynamoDBClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await dynamoDb.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }) }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** The application table as two hashes over every item, read in full: what `TableWatch` must always agree with. */
export async function scanSnapshot(dynamoDb: DynamoDBClient, tableName: string): Promise<TableSnapshot> {
  const hashes = new TableHashes();
  const items = await scanAll(dynamoDb, tableName);
  for (const item of items) hashes.add(item);
  return { items: items.length, strict: hashes.strict.hex(), state: hashes.state.hex() };
}

/**
 * Follows the application table through its DynamoDB stream (new and old images), so a batch of
 * refused requests can be shown to have changed nothing without reading the whole table after
 * every batch: reading it took most of a 10,000-per-route run once it held tens of thousands of
 * items. It keeps its own copy of the table; `verify` reads the table in full and fails if the
 * copy differs, so a change the stream did not deliver cannot go unnoticed.
 */
export class TableWatch {
  private readonly copy = new Map<string, Item>();
  private readonly hashes = new TableHashes();
  /** Each shard's next iterator; null once a closed shard has been read to its end. */
  private readonly iterators = new Map<string, string | null>();
  private readonly lastSequence = new Map<string, string>();

  private constructor(
    private readonly dynamoDb: DynamoDBClient,
    private readonly streams: DynamoDBStreamsClient,
    private readonly tableName: string,
    private readonly streamArn: string,
  ) {}

  /** Turns the table's stream on (new and old images), then reads the table once in full. */
  static async start(dynamoDb: DynamoDBClient, clientConfig: DynamoDBStreamsClientConfig, tableName: string): Promise<TableWatch> {
    const described = await dynamoDb.send(new DescribeTableCommand({ TableName: tableName }));
    if (described.Table?.StreamSpecification?.StreamEnabled !== true) {
      await dynamoDb.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }));
    }
    const { Table } = await dynamoDb.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.LatestStreamArn === undefined || Table.StreamSpecification?.StreamViewType !== 'NEW_AND_OLD_IMAGES') {
      throw new Error(`The table ${tableName} has no stream with new and old images to follow`);
    }
    const watch = new TableWatch(dynamoDb, new DynamoDBStreamsClient(clientConfig), tableName, Table.LatestStreamArn);
    // Records from before the full read are read again from the shard's start: each carries the
    // item's whole new image, so applying them again in order ends at the same table.
    for (const item of await scanAll(dynamoDb, tableName)) watch.put(item);
    await watch.catchUp();
    return watch;
  }

  /** The table as it is now, by the changes since the last call. */
  async snapshot(): Promise<TableSnapshot> {
    await this.catchUp();
    return { items: this.copy.size, strict: this.hashes.strict.hex(), state: this.hashes.state.hex() };
  }

  /** Reads the whole table and throws unless it is exactly what the stream says it is. */
  async verify(): Promise<void> {
    const followed = await this.snapshot();
    const scanned = await scanSnapshot(this.dynamoDb, this.tableName);
    if (followed.strict !== scanned.strict) {
      throw new Error(`The table's stream missed a change: ${scanned.items} items in the table, ${followed.items} followed`);
    }
  }

  stop() {
    this.streams.destroy();
  }

  private put(item: Item) {
    const key = keyOf(item);
    const previous = this.copy.get(key);
    if (previous !== undefined) this.hashes.remove(previous);
    this.copy.set(key, item);
    this.hashes.add(item);
  }

  private delete(key: string) {
    const previous = this.copy.get(key);
    if (previous === undefined) return;
    this.hashes.remove(previous);
    this.copy.delete(key);
  }

  /** Applies every record not yet applied, shard by shard, a parent shard before its children. */
  private async catchUp(): Promise<void> {
    for (const shard of await this.shardsParentsFirst()) {
      const shardId = shard.ShardId as string;
      if (!this.iterators.has(shardId)) {
        const { ShardIterator } = await this.streams.send(new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
        this.iterators.set(shardId, ShardIterator ?? null);
      }
      for (let iterator = this.iterators.get(shardId) ?? null; iterator !== null; ) {
        const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1_000 })).catch(async (error: unknown) => {
          if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
          // Iterators last 15 minutes: start again just after the last record applied. DynamoDB Local
          // also says "trimmed" now and then for a shard's first records, which nothing trims
          // (aws/aws-sdk-java#2923); asking again from the same place reads them. A record really
          // missed would still show: verify() compares what was followed with a full read.
          const last = this.lastSequence.get(shardId);
          const { ShardIterator } = await this.streams.send(
            new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shardId, ...(last === undefined ? { ShardIteratorType: 'TRIM_HORIZON' } : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last }) }),
          );
          return this.streams.send(new GetRecordsCommand({ ShardIterator, Limit: 1_000 }));
        });
        for (const record of page.Records ?? []) {
          if (record.dynamodb?.SequenceNumber !== undefined) this.lastSequence.set(shardId, record.dynamodb.SequenceNumber);
          const change = record.dynamodb;
          if (record.eventName === 'REMOVE') {
            this.delete(keyOf((change?.Keys ?? {}) as Item));
          } else if (change?.NewImage !== undefined) {
            this.put(change.NewImage as Item);
          }
        }
        iterator = page.NextShardIterator ?? null;
        this.iterators.set(shardId, iterator);
        // An open shard always hands back a next iterator: an empty page means "nothing more yet".
        if ((page.Records ?? []).length === 0) break;
      }
    }
  }

  private async shardsParentsFirst(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let startShard: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn, ...(startShard === undefined ? {} : { ExclusiveStartShardId: startShard }) }));
      shards.push(...(StreamDescription?.Shards ?? []));
      startShard = StreamDescription?.LastEvaluatedShardId;
    } while (startShard !== undefined);
    const ids = new Set(shards.map((shard) => shard.ShardId));
    const depth = (shard: Shard): number => {
      const parent = shards.find((candidate) => candidate.ShardId === shard.ParentShardId);
      return parent === undefined || !ids.has(parent.ShardId) ? 0 : 1 + depth(parent);
    };
    return shards.sort((a, b) => depth(a) - depth(b));
  }
}

/** JSON with keys sorted at every level, so equal items hash equally. */
function canonical(value: unknown): string {
  if (value instanceof Uint8Array) {
    return JSON.stringify(Buffer.from(value).toString('base64'));
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
