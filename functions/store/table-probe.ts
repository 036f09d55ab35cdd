import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDbClient } from '#runtime/aws-clients';
import { tableName } from './table-name.ts';

/**
 * Proves the table answers reads with our permissions (the health check): a read of a key that
 * never exists. It costs what any read costs and, unlike DescribeTable (a control-plane call), is
 * neither throttled at a few calls a second nor slower as the table grows. Throws if the table
 * cannot be read.
 */
export async function probeTable(): Promise<void> {
  await dynamoDbClient.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'HEALTH' }, sk: { S: 'HEALTH' } } }));
}
