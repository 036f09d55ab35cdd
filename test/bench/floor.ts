import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, ResourceInUseException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClientConfig } from '../../infra/local/dynamodb-local.ts';
import { createPool, percentiles, type Percentiles } from '../support/load-driver.ts';
import type { StorageOperation } from './stack-child.ts';

/**
 * The storage floor: the DynamoDB commands one request of the stack sends (its recorded profile:
 * how many GetItem, Query and TransactWriteItems, with how many items each), replayed as raw
 * commands straight at the same DynamoDB Local from the bench process, with no HTTP server, no
 * handler, no workflow engine. What an endpoint costs beyond this is the stack's own overhead.
 *
 * The replay runs in a scratch table beside the application's, each concurrent worker on its own
 * items (so the workers never conflict, as the real answers, each on its own proposal, do not).
 * Conditions are left out; items carry a 400-byte attribute, about the size of a check or an
 * audit record. A Query returns as many items as the real one did.
 */
export interface FloorReport {
  /** The replayed profile, e.g. "GetItem, Query(7 items), GetItem, TransactWriteItems(4 items), GetItem". */
  profile: string;
  reads: number;
  writes: number;
  concurrency: number;
  latencyMs: Percentiles;
  /** Replays of the whole profile finished per second, `concurrency` at a time. */
  perSecond: number;
}

export function describeProfile(operations: readonly StorageOperation[]): string {
  return operations
    .map(({ command, items }) => {
      const name = command.replace(/Command$/, '');
      return name === 'Query' || name === 'TransactWriteItems' ? `${name}(${items} items)` : name;
    })
    .join(', ');
}

/** A long profile (a whole journey) as counts: "12 GetItem, 9 Query, 14 TransactWriteItems (31 items)". */
export function summarizeProfile(operations: readonly StorageOperation[]): string {
  const counts = new Map<string, { calls: number; items: number }>();
  for (const { command, items } of operations) {
    const name = command.replace(/Command$/, '');
    const count = counts.get(name) ?? { calls: 0, items: 0 };
    counts.set(name, { calls: count.calls + 1, items: count.items + items });
  }
  return [...counts].map(([name, { calls, items }]) => (name === 'TransactWriteItems' || name === 'Query' ? `${calls} ${name} (${items} items)` : `${calls} ${name}`)).join(', ');
}

const isWrite = (command: string) => /^(PutItem|UpdateItem|DeleteItem|TransactWriteItems|BatchWriteItem)Command$/.test(command);

export async function measureFloor(options: { dynamoDbEndpoint: string; profile: readonly StorageOperation[]; samples: number; concurrency: number; describe?: (profile: readonly StorageOperation[]) => string }): Promise<FloorReport> {
  const client = new DynamoDBClient(localDynamoDbClientConfig(options.dynamoDbEndpoint));
  const documents = DynamoDBDocumentClient.from(client);
  const tableName = `bench-floor-${randomBytes(4).toString('hex')}`;
  const payload = 'x'.repeat(400);
  const queryItems = Math.max(1, ...options.profile.filter((operation) => operation.command === 'QueryCommand').map((operation) => operation.items));
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    ).catch((error: unknown) => {
      if (!(error instanceof ResourceInUseException)) throw error;
    });
    // Each worker's partition holds what its Query reads and what its GetItems read.
    for (let worker = 0; worker < options.concurrency; worker += 1) {
      const items = Array.from({ length: queryItems }, (_unused, index) => ({ pk: `W#${worker}`, sk: `ITEM#${String(index).padStart(4, '0')}`, payload }));
      for (let index = 0; index < items.length; index += 25) {
        await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: items.slice(index, index + 25).map((item) => ({ PutRequest: { Item: item } })) } }));
      }
    }

    const replay = async (worker: number, round: number) => {
      const pk = `W#${worker}`;
      for (const [position, operation] of options.profile.entries()) {
        switch (operation.command) {
          case 'QueryCommand':
            await documents.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true, Limit: operation.items || 1 }));
            break;
          case 'TransactWriteItemsCommand':
            await documents.send(
              new TransactWriteCommand({
                TransactItems: Array.from({ length: Math.max(1, operation.items) }, (_unused, index) => ({
                  Put: { TableName: tableName, Item: { pk, sk: `TX#${position}#${index}`, round, payload } },
                })),
              }),
            );
            break;
          default:
            if (isWrite(operation.command)) {
              await documents.send(new PutCommand({ TableName: tableName, Item: { pk, sk: `PUT#${position}`, round, payload } }));
            } else {
              await documents.send(new GetCommand({ TableName: tableName, Key: { pk, sk: 'ITEM#0000' }, ConsistentRead: true }));
            }
        }
      }
    };

    // One round per worker first, so the first timed round is not the JIT's.
    await Promise.all(Array.from({ length: options.concurrency }, (_unused, worker) => replay(worker, -1)));
    const pool = createPool(options.concurrency);
    const free = Array.from({ length: options.concurrency }, (_unused, worker) => worker);
    const latencies: number[] = [];
    const replayStarted = performance.now();
    await Promise.all(
      Array.from({ length: options.samples }, (_unused, round) =>
        pool.run(async () => {
          const worker = free.pop() as number;
          const started = performance.now();
          try {
            await replay(worker, round);
            latencies.push(performance.now() - started);
          } finally {
            free.push(worker);
          }
        }),
      ),
    );
    return {
      profile: (options.describe ?? describeProfile)(options.profile),
      reads: options.profile.filter((operation) => !isWrite(operation.command)).length,
      writes: options.profile.filter((operation) => isWrite(operation.command)).length,
      concurrency: options.concurrency,
      latencyMs: percentiles(latencies),
      perSecond: latencies.length / ((performance.now() - replayStarted) / 1000),
    };
  } finally {
    await client.send(new DeleteTableCommand({ TableName: tableName })).catch((error: unknown) => {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    });
    documents.destroy();
    client.destroy();
  }
}
