import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClientConfig } from '../dynamodb-local.ts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

/** One execution as persisted; dates are epoch milliseconds, input/output JSON text as AWS keeps them. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
}

export type ExecutionEnd = Pick<ExecutionRecord, 'output' | 'error' | 'cause'> & { status: Exclude<ExecutionStatus, 'RUNNING'> };

const EXECUTION = 'execution';
const TASK_TOKEN = 'taskToken';

/**
 * Executions (and the hashes of issued task tokens) in DynamoDB Local, so both survive a restart of
 * `npm start`: RUNNING executions are replayed, and a token issued before the restart is answered
 * TaskTimedOut (closed) rather than InvalidToken (never issued).
 */
export class ExecutionStore {
  private constructor(
    private readonly client: DynamoDBClient,
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Opens the table, creating it when it does not exist yet. */
  static async open(endpoint: string, tableName: string): Promise<ExecutionStore> {
    const client = new DynamoDBClient(localDynamoDbClientConfig(endpoint));
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    return new ExecutionStore(client, DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), tableName);
  }

  /** Conditional put: false when an execution of that ARN already exists. */
  async create(record: ExecutionRecord): Promise<boolean> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: record.executionArn, kind: EXECUTION, ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(executionArn: string): Promise<ExecutionRecord | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { pk: executionArn }, ConsistentRead: true }));
    return Item?.['kind'] === EXECUTION ? toRecord(Item) : undefined;
  }

  /** Records the end once: only a RUNNING execution ends, so a stop racing a finish keeps the first. */
  async finish(executionArn: string, end: ExecutionEnd, stopDate = Date.now()): Promise<boolean> {
    const values: Record<string, unknown> = { ':running': 'RUNNING', ':status': end.status, ':stopDate': stopDate };
    const names: Record<string, string> = { '#status': 'status' };
    const sets = ['#status = :status', 'stopDate = :stopDate'];
    for (const key of ['output', 'error', 'cause'] as const) {
      if (end[key] !== undefined) {
        values[`:${key}`] = end[key];
        names[`#${key}`] = key;
        sets.push(`#${key} = :${key}`);
      }
    }
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: executionArn },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#status = :running',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** All executions of one state machine, newest first (a local table is small: a scan is fine). */
  async list(stateMachineArn: string, status?: ExecutionStatus): Promise<ExecutionRecord[]> {
    const records: ExecutionRecord[] = [];
    const pages = paginateScan(
      { client: this.documents },
      {
        TableName: this.tableName,
        ConsistentRead: true,
        FilterExpression: `kind = :kind AND stateMachineArn = :arn${status ? ' AND #status = :status' : ''}`,
        ExpressionAttributeValues: { ':kind': EXECUTION, ':arn': stateMachineArn, ...(status ? { ':status': status } : {}) },
        ...(status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      },
    );
    for await (const page of pages) records.push(...(page.Items ?? []).map(toRecord));
    return records.sort((a, b) => b.startDate - a.startDate);
  }

  /** Remembers that a token was issued: only its SHA-256, never the token itself. */
  async rememberToken(tokenHash: string, executionArn: string): Promise<void> {
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { pk: `${TASK_TOKEN}#${tokenHash}`, kind: TASK_TOKEN, executionArn } }));
  }

  async wasTokenIssued(tokenHash: string): Promise<boolean> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { pk: `${TASK_TOKEN}#${tokenHash}` }, ConsistentRead: true }));
    return Item !== undefined;
  }

  close(): void {
    this.documents.destroy();
    this.client.destroy();
  }
}

function toRecord(item: Record<string, unknown>): ExecutionRecord {
  const { pk: _pk, kind: _kind, ...record } = item;
  return record as unknown as ExecutionRecord;
}
