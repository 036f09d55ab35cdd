import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureApplicationTable } from '../../infra/local/create-table.ts';
import { localDynamoDbClientConfig, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { tableKeys } from '#store/table-definition';

// Local data kept by `npm start` from before the court list index was keyed by court must still
// show on "My proposals" and the court list after an upgrade.
describe('a local table from before the court list index', () => {
  let dynamoDb: DynamoDbLocal;
  let client: DynamoDBClient;
  const tableName = 'older-local-table';

  beforeAll(async () => {
    dynamoDb = await startDynamoDbLocal();
    client = new DynamoDBClient(localDynamoDbClientConfig(dynamoDb.endpoint));
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'courtHearing', AttributeType: 'S' },
          { AttributeName: 'proposalId', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byCourtHearing',
            KeySchema: [
              { AttributeName: 'courtHearing', KeyType: 'HASH' },
              { AttributeName: 'proposalId', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const common = { proposalId: { S: 'p1' }, courtHearing: { S: 'B01LY00#2026-12-01' } };
    await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'PROPOSAL#p1' }, sk: { S: 'PROPOSAL' }, itemType: { S: 'PROPOSAL' }, courtCode: { S: 'B01LY00' }, ...common } }));
    await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'PROPOSAL#p1' }, sk: { S: 'CHECK#c1' }, itemType: { S: 'CHECK' }, ...common } }));
  }, 60_000);

  afterAll(async () => {
    client.destroy();
    await dynamoDb.stop();
  });

  it('gains the index, and its checks gain their court, so both are listed again', async () => {
    await ensureApplicationTable(client, tableName);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toContain(tableKeys.courtListIndex.indexName);
    const check = await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'PROPOSAL#p1' }, sk: { S: 'CHECK#c1' } } }));
    expect(check.Item?.courtCode?.S).toBe('B01LY00');
    const listed = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: tableKeys.courtListIndex.indexName,
        KeyConditionExpression: 'courtCode = :court AND courtHearing BETWEEN :first AND :last',
        ExpressionAttributeValues: { ':court': { S: 'B01LY00' }, ':first': { S: 'B01LY00#2026-11-20' }, ':last': { S: 'B01LY00#2026-12-31' } },
      }),
    );
    expect(listed.Items?.map((item) => item.sk?.S).sort()).toEqual(['CHECK#c1', 'PROPOSAL']);

    // A second start finds the index and changes nothing.
    await ensureApplicationTable(client, tableName);
  });
});
