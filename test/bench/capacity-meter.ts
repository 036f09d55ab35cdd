/**
 * The DynamoDB capacity a run uses, for the cost benchmark. On-demand DynamoDB bills read and
 * write request units; asking every call for its ConsumedCapacity and summing it is the only way
 * to know how many a proposal uses. The meter is added here, from outside, to the handlers' shared
 * DynamoDB client (the local stack runs the handlers in this process, so they share its module),
 * and the handlers' own code knows nothing of it.
 */

export interface CapacityTotals {
  readUnits: number;
  writeUnits: number;
  calls: number;
}

interface ConsumedCapacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

const capacityCommands = /^(GetItem|PutItem|UpdateItem|DeleteItem|Query|Scan|BatchGetItem|BatchWriteItem|TransactGetItems|TransactWriteItems)Command$/;
const readCommands = /^(GetItem|Query|Scan|BatchGetItem|TransactGetItems)Command$/;

let totals: CapacityTotals | undefined;

/**
 * Starts counting, once per process, and returns the running totals. Call it after the local stack
 * has started: the shared client reads the environment the stack sets when it loads.
 */
export async function meterDynamoDbCapacity(): Promise<CapacityTotals> {
  if (totals !== undefined) return totals;
  const running: CapacityTotals = { readUnits: 0, writeUnits: 0, calls: 0 };
  const { dynamoDbClient } = await import('#runtime/aws-clients');
  dynamoDbClient.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (!capacityCommands.test(command)) return next(args);
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      running.calls += 1;
      for (const entry of consumed === undefined ? [] : [consumed].flat()) {
        if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
          running.readUnits += entry.ReadCapacityUnits ?? 0;
          running.writeUnits += entry.WriteCapacityUnits ?? 0;
        } else if (readCommands.test(command)) {
          running.readUnits += entry.CapacityUnits ?? 0;
        } else {
          running.writeUnits += entry.CapacityUnits ?? 0;
        }
      }
      return result;
    },
    { step: 'initialize', name: 'measureConsumedCapacity' },
  );
  totals = running;
  return running;
}
