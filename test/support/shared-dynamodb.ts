import { DeleteTableCommand, DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { localDynamoDbClientConfig } from '../../infra/local/dynamodb-local.ts';

/**
 * The run's one DynamoDB Local (test/support/dynamodb-local-setup.ts), for a test file that makes its
 * own tables rather than a whole local stack. A JVM per file cost about 2 s and 5 s of CPU each on 2
 * cores. The file names its tables with `tablePrefix` (unique to it, as the instance is shared);
 * `release` deletes them, so the instance stays small.
 */
export function sharedDynamoDb(tablePrefix: string): { endpoint: string; release(): Promise<void> } {
  const endpoint = inject('dynamoDbEndpoint');
  return {
    endpoint,
    release: () => deleteTablesStartingWith(endpoint, tablePrefix),
  };
}

/** Deletes every table whose name starts with `prefix`, so the shared DynamoDB Local stays small. */
export async function deleteTablesStartingWith(endpoint: string, prefix: string): Promise<void> {
  const client = new DynamoDBClient(localDynamoDbClientConfig(endpoint));
  try {
    for await (const page of paginateListTables({ client }, {})) {
      for (const name of page.TableNames ?? []) {
        if (name.startsWith(prefix)) await client.send(new DeleteTableCommand({ TableName: name }));
      }
    }
  } finally {
    client.destroy();
  }
}
