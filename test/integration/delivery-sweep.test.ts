import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureApplicationTable } from '../../infra/local/create-table.ts';
import { localDynamoDbClientConfig, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { tableKeys } from '#store/table-definition';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * The delivery sweep (deliver-messages with no stream records, every minute deployed) reads only
 * the messages still to deliver, from the sparse undelivered index, so what it reads does not grow
 * with every message ever sent. Messages are written and moved on by the store functions the
 * handlers use, against the local stack's table.
 */
useLocalStack();

/** The store modules, loaded once the stack has set the environment they read when they load. */
async function store() {
  const [outbox, deliveries, transactions, clients] = await Promise.all([import('#store/outbox'), import('#store/delivery-store'), import('#store/transactions'), import('#runtime/aws-clients')]);
  const stored = async (id: string) => {
    const found = await deliveries.getOutboxMessage(id);
    if (found === undefined) throw new Error(`No message ${id}`);
    return found;
  };
  return { ...outbox, ...deliveries, ...transactions, ...clients, stored };
}

/** Items DynamoDB read for the outbox while `run` ran: items a query examined, and items a get returned. */
async function itemsReadBy<T>(run: () => Promise<T>): Promise<{ result: T; itemsRead: number }> {
  const { dynamoDb } = await store();
  let itemsRead = 0;
  const name = `count-outbox-reads-${Math.random()}`;
  dynamoDb.middlewareStack.add(
    (next) => async (args) => {
      const output = await next(args);
      if (JSON.stringify(args.input).includes('"OUTBOX"')) {
        const body = output.output as { ScannedCount?: number; Item?: unknown; Responses?: Record<string, unknown[]> };
        itemsRead += (body.ScannedCount ?? 0) + (body.Item === undefined ? 0 : 1) + Object.values(body.Responses ?? {}).reduce((sum, items) => sum + items.length, 0);
      }
      return output;
    },
    { step: 'initialize', name },
  );
  try {
    return { result: await run(), itemsRead };
  } finally {
    dynamoDb.middlewareStack.remove(name);
  }
}

let sequence = 0;
function message(kind: 'OVERDUE' | 'DIGEST' = 'OVERDUE') {
  sequence += 1;
  const id = `${kind}#sweep-${sequence}#OFFICER`;
  const sentAt = new Date(Date.UTC(2026, 10, 23, 9, 0, sequence)).toISOString();
  return kind === 'DIGEST'
    ? { id, kind, to: 'spo@probation.example', courtCode: 'B01LY00', date: '2026-11-23', overdue: [], url: 'http://127.0.0.1/proposals', sentAt }
    : { id, kind, to: 'court.officer@probation.example', proposalId: `sweep-${sequence}`, checkType: 'DOMESTIC_ABUSE' as const, sentAt };
}

describe('the delivery sweep', () => {
  it('reads the same with no delivered messages as with 100, and lists exactly those still to deliver', async () => {
    const { outboxPut, writeAtomically, listUndeliveredMessages, stored, claimMessage, recordRetry, applyReceipt } = await store();
    // Prepare: three messages still to deliver: one new, one backing off after a 429, one being sent.
    const waiting = [message(), message('DIGEST'), message()];
    for (const pending of waiting) expect(await writeAtomically([outboxPut(pending)])).toBe(true);
    const [, backingOff, sending] = waiting.map((pending) => pending.id);
    const at = new Date();
    const retryClaim = await claimMessage(await stored(backingOff ?? ''), 'EMAIL', at);
    expect(await recordRetry(backingOff ?? '', retryClaim ?? '', { deliveryStatus: 'PENDING', attempts: 1, nextAttemptAt: new Date(at.getTime() + 60_000).toISOString(), lastFailure: 'RATE_LIMITED' })).toBe(true);
    expect(await claimMessage(await stored(sending ?? ''), 'EMAIL', at)).toBeDefined();

    const before = await itemsReadBy(listUndeliveredMessages);

    // Act: 100 more messages, each delivered (Notify's receipt), as months of use would leave them.
    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          const delivered = message();
          await writeAtomically([outboxPut(delivered)]);
          if (!(await applyReceipt(await stored(delivered.id), 'DELIVERED', `notification-${delivered.id}`, undefined, new Date()))) throw new Error('not delivered');
        }),
      );
    }
    const after = await itemsReadBy(listUndeliveredMessages);

    // Assess: the same three, in the order they were written, for the same reads.
    expect(before.result.map((listed) => listed.id)).toEqual(waiting.map((pending) => pending.id));
    expect(after.result.map((listed) => listed.id)).toEqual(waiting.map((pending) => pending.id));
    expect(after.result.map((listed) => listed.deliveryStatus)).toEqual(['PENDING', 'PENDING', 'SENDING']);
    expect(before.itemsRead).toBeGreaterThan(0);
    expect(after.itemsRead).toBe(before.itemsRead);
  });

  it('no longer lists a message once it is sent', async () => {
    const { outboxPut, writeAtomically, listUndeliveredMessages, stored, claimMessage, recordSent } = await store();
    const sent = message();
    await writeAtomically([outboxPut(sent)]);
    expect((await listUndeliveredMessages()).map((listed) => listed.id)).toContain(sent.id);

    const claimId = await claimMessage(await stored(sent.id), 'EMAIL', new Date());
    expect(await recordSent(sent.id, claimId ?? '', 'notification-sent', new Date())).toBe(true);

    expect((await listUndeliveredMessages()).map((listed) => listed.id)).not.toContain(sent.id);
  });
});

// Local data kept by `npm start` from before the undelivered index: the messages it had still to
// deliver must still be delivered after an upgrade.
describe('a local table from before the undelivered index', () => {
  let ownDynamoDb: DynamoDbLocal | undefined;
  let client: DynamoDBClient;
  const tableName = `older-outbox-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    let endpoint = inject('dynamoDbEndpoint');
    if (endpoint === undefined) {
      ownDynamoDb = await startDynamoDbLocal();
      endpoint = ownDynamoDb.endpoint;
    }
    client = new DynamoDBClient(localDynamoDbClientConfig(endpoint));
    const index = tableKeys.courtListIndex;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', index.partitionKey, index.sortKey].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const outboxItem = (id: string, status?: string) => ({
      pk: { S: 'OUTBOX' },
      sk: { S: `MSG#${id}` },
      itemType: { S: 'MESSAGE' },
      id: { S: id },
      kind: { S: 'OVERDUE' },
      sentAt: { S: '2026-11-23T09:00:00.000Z' },
      ...(status === undefined ? {} : { deliveryStatus: { S: status } }),
    });
    for (const item of [outboxItem('OLD#pending', 'PENDING'), outboxItem('OLD#no-status'), outboxItem('OLD#sending', 'SENDING'), outboxItem('OLD#delivered', 'DELIVERED'), outboxItem('OLD#sent', 'SENT')]) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
    }
  }, 60_000);

  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    client.destroy();
    await ownDynamoDb?.stop();
  });

  it('gains the index at start, holding exactly the messages it still had to deliver', async () => {
    await ensureApplicationTable(client, tableName);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([tableKeys.courtListIndex.indexName, tableKeys.undeliveredIndex.indexName].sort());
    const listed = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: tableKeys.undeliveredIndex.indexName,
        KeyConditionExpression: '#awaiting = :outbox',
        ExpressionAttributeNames: { '#awaiting': tableKeys.undeliveredIndex.partitionKey },
        ExpressionAttributeValues: { ':outbox': { S: 'OUTBOX' } },
      }),
    );
    expect(listed.Items?.map((item) => item.sk?.S).sort()).toEqual(['MSG#OLD#no-status', 'MSG#OLD#pending', 'MSG#OLD#sending']);

    // A second start finds both indexes and changes nothing.
    await ensureApplicationTable(client, tableName);
  });
});
