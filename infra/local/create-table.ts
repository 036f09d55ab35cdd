import {
  CreateTableCommand,
  type AttributeDefinition,
  type GlobalSecondaryIndex,
  type ScanCommandInput,
  DescribeTableCommand,
  ResourceNotFoundException,
  ScanCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableKeys } from '#store/table-definition';

/** The table's secondary indexes, as both the CDK stack and this file create them (table-definition.ts). */
const courtListIndex: GlobalSecondaryIndex = {
  IndexName: tableKeys.courtListIndex.indexName,
  KeySchema: [
    { AttributeName: tableKeys.courtListIndex.partitionKey, KeyType: 'HASH' },
    { AttributeName: tableKeys.courtListIndex.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'ALL' },
};
const undeliveredIndex: GlobalSecondaryIndex = {
  IndexName: tableKeys.undeliveredIndex.indexName,
  KeySchema: [
    { AttributeName: tableKeys.undeliveredIndex.partitionKey, KeyType: 'HASH' },
    { AttributeName: tableKeys.undeliveredIndex.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: tableKeys.undeliveredIndex.projection },
};

/** Every index key is a string. */
function attributesOf(index: GlobalSecondaryIndex): AttributeDefinition[] {
  return (index.KeySchema ?? []).map((key) => ({ AttributeName: key.AttributeName, AttributeType: 'S' }));
}

/**
 * Creates the application table in DynamoDB Local from the same key definition the CDK stack
 * deploys, unless it exists already (data persists between runs). A table kept from before an
 * index existed gains it here, with its items upgraded first.
 */
export async function ensureApplicationTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    if (!existing.has(courtListIndex.IndexName)) {
      await upgradeToCourtListIndex(client, tableName);
    }
    if (!existing.has(undeliveredIndex.IndexName)) {
      await upgradeToUndeliveredIndex(client, tableName);
    }
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) {
      throw error;
    }
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: tableKeys.partitionKey, AttributeType: 'S' },
        { AttributeName: tableKeys.sortKey, AttributeType: 'S' },
        ...attributesOf(courtListIndex),
        ...attributesOf(undeliveredIndex),
      ],
      KeySchema: [
        { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [courtListIndex, undeliveredIndex],
    }),
  );
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: tableKeys.timeToLiveAttribute, Enabled: true } }));
}

/** Every item a scan matches, page by page (local tables are small). */
async function scanAll(client: DynamoDBClient, input: Omit<ScanCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/**
 * Local data written before the court list index was keyed by court: adds the index and gives
 * each check its proposal's court (the part of `courtHearing` before the `#`), so `npm start`
 * keeps showing earlier local proposals.
 */
async function upgradeToCourtListIndex(client: DynamoDBClient, tableName: string): Promise<void> {
  // Checks first: DynamoDB Local refuses writes while a new index is still being built.
  const checks = await scanAll(client, {
    TableName: tableName,
    FilterExpression: 'itemType = :check AND attribute_not_exists(courtCode)',
    ExpressionAttributeValues: { ':check': { S: 'CHECK' } },
    ProjectionExpression: 'pk, sk, courtHearing',
  });
  for (const item of checks) {
    const courtCode = item.courtHearing?.S?.split('#')[0];
    if (courtCode !== undefined && item.pk !== undefined && item.sk !== undefined) {
      await client.send(
        new UpdateItemCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'SET courtCode = :court', ExpressionAttributeValues: { ':court': { S: courtCode } } }),
      );
    }
  }
  await addIndex(client, tableName, courtListIndex);
}

/**
 * Local data written before the undelivered index: marks each message still to deliver (PENDING,
 * SENDING, or older items with no status) as awaiting delivery, as outboxPut now writes it, so
 * the sweep still finds it, and adds the index.
 */
async function upgradeToUndeliveredIndex(client: DynamoDBClient, tableName: string): Promise<void> {
  const awaiting = tableKeys.undeliveredIndex.partitionKey;
  const messages = await scanAll(client, {
    TableName: tableName,
    FilterExpression: 'itemType = :message AND attribute_not_exists(#awaiting) AND (attribute_not_exists(deliveryStatus) OR deliveryStatus IN (:pending, :sending))',
    ExpressionAttributeNames: { '#awaiting': awaiting },
    ExpressionAttributeValues: { ':message': { S: 'MESSAGE' }, ':pending': { S: 'PENDING' }, ':sending': { S: 'SENDING' } },
    ProjectionExpression: 'pk, sk',
  });
  for (const item of messages) {
    if (item.pk !== undefined && item.sk !== undefined) {
      // The outbox's partition key is the value outboxPut gives the attribute.
      await client.send(
        new UpdateItemCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'SET #awaiting = :pk', ExpressionAttributeNames: { '#awaiting': awaiting }, ExpressionAttributeValues: { ':pk': item.pk } }),
      );
    }
  }
  await addIndex(client, tableName, undeliveredIndex);
}

/** Adds one index to an existing table and waits until it can be queried. */
async function addIndex(client: DynamoDBClient, tableName: string, index: GlobalSecondaryIndex): Promise<void> {
  await client.send(new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: attributesOf(index), GlobalSecondaryIndexUpdates: [{ Create: index }] }));
  // Queries on an index still being built fail: wait until it is active (a second or two locally).
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.GlobalSecondaryIndexes?.find((existing) => existing.IndexName === index.IndexName)?.IndexStatus === 'ACTIVE') {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
