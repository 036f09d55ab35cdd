import { LOCAL_ACCOUNT, LOCAL_REGION } from '../step-functions/arns.ts';

/**
 * What IAM checks for one DynamoDB request: each action on each resource it touches, as the
 * DynamoDB service authorization reference lists them. A transaction is checked item by item
 * under the item's own action (a Put inside TransactWriteItems needs dynamodb:PutItem), a batch
 * per table under the batch's action, and a Query or Scan of an index on the index's ARN.
 */

export interface RequestedAccess {
  readonly action: string;
  readonly resource: string;
}

const tableArn = (tableName: unknown): string =>
  typeof tableName === 'string' && tableName.startsWith('arn:') ? tableName : `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${String(tableName)}`;

const transactionItemActions: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

export function dynamoDbAccessOf(operation: string, body: Record<string, unknown>): RequestedAccess[] {
  switch (operation) {
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys((body['RequestItems'] ?? {}) as object).map((table) => ({ action: `dynamodb:${operation}`, resource: tableArn(table) }));
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return ((body['TransactItems'] ?? []) as Record<string, { TableName?: unknown }>[]).flatMap((item) =>
        Object.entries(item).map(([kind, request]) => ({ action: transactionItemActions[kind] ?? `dynamodb:${kind}`, resource: tableArn(request.TableName) })),
      );
    case 'ListTables':
      return [{ action: 'dynamodb:ListTables', resource: '*' }];
    default: {
      const table = tableArn(body['TableName'] ?? body['TableArn'] ?? body['ResourceArn']);
      const index = body['IndexName'];
      return [{ action: `dynamodb:${operation}`, resource: typeof index === 'string' ? `${table}/index/${index}` : table }];
    }
  }
}
