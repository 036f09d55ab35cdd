import { DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureApplicationTable } from '../../infra/local/create-table.ts';
import { localDynamoDbClientConfig } from '../../infra/local/dynamodb-local.ts';
import { sharedDynamoDb } from '../support/shared-dynamodb.ts';
import { scanSnapshot, TableWatch } from './support/table-watch.ts';

// The bad input runs rely on this watch to show that a refused request stores nothing: it must see
// every change the table's stream carries, ignore only what it says it ignores, and agree with a
// full read of the table.
describe('following the table through its stream', () => {
  let dynamoDb: ReturnType<typeof sharedDynamoDb>;
  let client: DynamoDBClient;
  let watch: TableWatch;
  const tableName = 'watched-table';
  const put = (item: Record<string, AttributeValue>) => client.send(new PutItemCommand({ TableName: tableName, Item: item }));

  beforeAll(async () => {
    dynamoDb = sharedDynamoDb(tableName);
    client = new DynamoDBClient(localDynamoDbClientConfig(dynamoDb.endpoint));
    await ensureApplicationTable(client, tableName);
    await put({ pk: { S: 'PROPOSAL#p1' }, sk: { S: 'PROPOSAL' }, itemType: { S: 'PROPOSAL' }, status: { S: 'CHECKS_IN_PROGRESS' } });
    await put({ pk: { S: 'SESSION#s1' }, sk: { S: 'SESSION' }, itemType: { S: 'SESSION' }, userId: { S: 'u1' }, lastSeenAt: { S: '2026-11-23T10:00:00Z' }, expiresAt: { N: '1' } });
    watch = await TableWatch.start(client, localDynamoDbClientConfig(dynamoDb.endpoint), tableName);
  }, 60_000);

  afterAll(async () => {
    watch.stop();
    client.destroy();
    await dynamoDb.release();
  });

  it('starts from the table as a full read sees it', async () => {
    expect(await watch.snapshot()).toEqual(await scanSnapshot(client, tableName));
  });

  it('sees a changed attribute, and the same table again once it is changed back', async () => {
    const before = await watch.snapshot();
    const setStatus = (status: string) =>
      client.send(new UpdateItemCommand({ TableName: tableName, Key: { pk: { S: 'PROPOSAL#p1' }, sk: { S: 'PROPOSAL' } }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: status } } }));
    await setStatus('SUITABLE');
    const changed = await watch.snapshot();
    expect(changed.state).not.toBe(before.state);
    expect(changed.strict).not.toBe(before.strict);
    await setStatus('CHECKS_IN_PROGRESS');
    expect(await watch.snapshot()).toEqual(before);
  });

  it('sees an item added and removed', async () => {
    const before = await watch.snapshot();
    await put({ pk: { S: 'OUTBOX#m1' }, sk: { S: 'OUTBOX' }, itemType: { S: 'OUTBOX' } });
    expect((await watch.snapshot()).items).toBe(before.items + 1);
    expect((await watch.snapshot()).state).not.toBe(before.state);
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: { pk: { S: 'OUTBOX#m1' }, sk: { S: 'OUTBOX' } } }));
    expect(await watch.snapshot()).toEqual(before);
  });

  it("ignores only a session's idle timer, anywhere; and showings only in `state`", async () => {
    const before = await watch.snapshot();
    await put({ pk: { S: 'SESSION#s1' }, sk: { S: 'SESSION' }, itemType: { S: 'SESSION' }, userId: { S: 'u1' }, lastSeenAt: { S: '2026-11-23T10:05:00Z' }, expiresAt: { N: '2' } });
    expect(await watch.snapshot()).toEqual(before);

    await put({ pk: { S: 'SESSION#s1' }, sk: { S: 'SESSION' }, itemType: { S: 'SESSION' }, userId: { S: 'u2' }, lastSeenAt: { S: '2026-11-23T10:05:00Z' }, expiresAt: { N: '2' } });
    const otherUser = await watch.snapshot();
    expect(otherUser.strict).not.toBe(before.strict);
    expect(otherUser.state).not.toBe(before.state);

    await put({ pk: { S: 'PROPOSAL#p1' }, sk: { S: 'AUDIT#1' }, itemType: { S: 'AUDIT' }, action: { S: 'PROPOSAL_VIEWED' } });
    const shown = await watch.snapshot();
    expect(shown.state).toBe(otherUser.state);
    expect(shown.strict).not.toBe(otherUser.strict);

    await put({ pk: { S: 'PROPOSAL#p1' }, sk: { S: 'AUDIT#2' }, itemType: { S: 'AUDIT' }, action: { S: 'DECISION_RECORDED' } });
    expect((await watch.snapshot()).state).not.toBe(shown.state);
  });

  it('agrees with a full read after all of that', async () => {
    await expect(watch.verify()).resolves.toBeUndefined();
    expect(await watch.snapshot()).toEqual(await scanSnapshot(client, tableName));
  });
});
