import {
  CreateTableCommand,
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

/**
 * Creates the application table in DynamoDB Local from the same key definition the CDK stack
 * deploys, unless it exists already (data persists between runs).
 */
export async function ensureApplicationTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const index = tableKeys.courtListIndex;
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!(Table?.GlobalSecondaryIndexes ?? []).some((existing) => existing.IndexName === index.indexName)) {
      await upgradeToCourtListIndex(client, tableName);
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
        { AttributeName: index.partitionKey, AttributeType: 'S' },
        { AttributeName: index.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' },
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
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: tableKeys.timeToLiveAttribute, Enabled: true } }));
}

/**
 * Local data written before the court list index was keyed by court: adds the index and gives
 * each check its proposal's court (the part of `courtHearing` before the `#`), so `npm start`
 * keeps showing earlier local proposals.
 */
async function upgradeToCourtListIndex(client: DynamoDBClient, tableName: string): Promise<void> {
  const index = tableKeys.courtListIndex;
  // Checks first: DynamoDB Local refuses writes while a new index is still being built.
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'itemType = :check AND attribute_not_exists(courtCode)',
        ExpressionAttributeValues: { ':check': { S: 'CHECK' } },
        ProjectionExpression: 'pk, sk, courtHearing',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const courtCode = item.courtHearing?.S?.split('#')[0];
      if (courtCode !== undefined && item.pk !== undefined && item.sk !== undefined) {
        await client.send(
          new UpdateItemCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'SET courtCode = :court', ExpressionAttributeValues: { ':court': { S: courtCode } } }),
        );
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  await client.send(
    new UpdateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: index.partitionKey, AttributeType: 'S' },
        { AttributeName: index.sortKey, AttributeType: 'S' },
      ],
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        },
      ],
    }),
  );
  // Queries on an index still being built fail: wait until it is active (a second or two locally).
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.GlobalSecondaryIndexes?.find((existing) => existing.IndexName === index.indexName)?.IndexStatus === 'ACTIVE') {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
