import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { config } from './config.ts';

/** Local endpoints accept any credentials; giving fixed ones stops the SDK searching for real ones. */
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = process.env.AWS_REGION ?? 'eu-west-2';

/**
 * Written out rather than left to the SDK's defaults, which could change under us. Standard mode
 * backs off exponentially with full jitter (so instances retrying after a blip do not retry in
 * step) and stops retrying when its retry quota runs out (so an outage does not turn into a retry
 * storm). Three attempts keep a request well inside a handler's 10 s timeout; longer failures are
 * retried by whoever called the handler (the workflow's Retry, the user, the sweep), and every
 * retried call is safe: writes are conditional and executions are named by proposal id.
 */
const retries = { retryMode: 'standard', maxAttempts: 3 } as const;

/** Built once per cold start and shared by every request. */
export const dynamoDbClient = new DynamoDBClient(
  config.dynamoDbEndpoint === undefined
    ? { region, ...retries }
    : { region, ...retries, endpoint: config.dynamoDbEndpoint, credentials: localCredentials },
);

// --- Cost benchmark only (test/bench/cost.ts): DynamoDB capacity, when MEASURE_DYNAMODB_CAPACITY=1 ---
// On-demand DynamoDB bills read and write request units; asking every call for its
// ConsumedCapacity and summing it is the only way to know how many a proposal uses. Never set in
// a deployed function, so there nothing is added to any request.
/** The process-wide sum the benchmark reads (by this symbol, so it need not load this module). */
export const dynamoDbCapacityKey = Symbol.for('curfew-checks.dynamodb-consumed-capacity');
export interface DynamoDbCapacityTotals {
  readUnits: number;
  writeUnits: number;
  calls: number;
}
const capacityCommands = /^(GetItem|PutItem|UpdateItem|DeleteItem|Query|Scan|BatchGetItem|BatchWriteItem|TransactGetItems|TransactWriteItems)Command$/;
const readCommands = /^(GetItem|Query|Scan|BatchGetItem|TransactGetItems)Command$/;
interface ConsumedCapacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}
if (process.env.MEASURE_DYNAMODB_CAPACITY === '1') {
  const totals: DynamoDbCapacityTotals = ((globalThis as Record<symbol, unknown>)[dynamoDbCapacityKey] ??= { readUnits: 0, writeUnits: 0, calls: 0 }) as DynamoDbCapacityTotals;
  dynamoDbClient.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (!capacityCommands.test(command)) return next(args);
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      totals.calls += 1;
      for (const entry of consumed === undefined ? [] : [consumed].flat()) {
        if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
          totals.readUnits += entry.ReadCapacityUnits ?? 0;
          totals.writeUnits += entry.WriteCapacityUnits ?? 0;
        } else if (readCommands.test(command)) {
          totals.readUnits += entry.CapacityUnits ?? 0;
        } else {
          totals.writeUnits += entry.CapacityUnits ?? 0;
        }
      }
      return result;
    },
    { step: 'initialize', name: 'measureConsumedCapacity' },
  );
}
// --- end cost benchmark ---

/** Plain JavaScript values in and out; undefined attributes are left out rather than rejected. */
export const dynamoDb = DynamoDBDocumentClient.from(dynamoDbClient, { marshallOptions: { removeUndefinedValues: true } });

export const stepFunctions = new SFNClient(
  config.stepFunctionsEndpoint === undefined
    ? { region, ...retries }
    : { region, ...retries, endpoint: config.stepFunctionsEndpoint, credentials: localCredentials },
);
