/**
 * Runs the local stack on its own in this (child) process, so the bench and the load harness can
 * measure the stack's memory without the driver's. Started by `startStackProcess` (stack-process.ts)
 * with an IPC channel: it sends `ready` with the stack's addresses, answers `memory` (this process's
 * `process.memoryUsage()`, after a full GC when asked and `--expose-gc` is on) and `ops` (the
 * DynamoDB commands the handlers sent since the last reset, by name), `throttled` (invocations
 * throttled at a function's concurrency limit, by function), and stops on `stop` or when
 * the parent goes away. Binds to 127.0.0.1 only, like the stack.
 */
import { startLocalStack } from '../../infra/local/local-stack.ts';

type Request = { id: number; type: 'memory'; gc?: boolean } | { id: number; type: 'ops'; reset?: boolean } | { id: number; type: 'throttled' } | { id: number; type: 'stop' };

export interface StorageOperation {
  command: string;
  /** TransactWriteItems: how many items; Query: how many items came back; otherwise 1. */
  items: number;
}

const send = (message: unknown) => process.send?.(message);

try {
  const linkRequestsPerMinute = Number(process.env.BENCH_LINK_REQUESTS_PER_MINUTE ?? 1_000_000);
  const stack = await startLocalStack({ logLevel: process.env.BENCH_STACK_LOG_LEVEL ?? 'SILENT', linkRequestsPerMinute });

  // The handlers' shared client, loaded after the stack set the environment it reads (the same module
  // the lambda runner's handlers import). Every command it sends is counted, by name.
  const { dynamoDbClient } = await import('#runtime/aws-clients');
  let operations: StorageOperation[] = [];
  dynamoDbClient.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const command = context.commandName ?? 'unknown';
      const input = args.input as { TransactItems?: unknown[] };
      const output = result.output as { Items?: unknown[] };
      const items = command === 'TransactWriteItemsCommand' ? (input.TransactItems?.length ?? 0) : command === 'QueryCommand' ? (output.Items?.length ?? 0) : 1;
      if (operations.length < 100_000) operations.push({ command, items });
      return result;
    },
    { step: 'initialize', name: 'benchCountOperations' },
  );
  if (process.env.BENCH_DEBUG_ERRORS === '1') {
    // Diagnosis only: every failed DynamoDB or Step Functions command, by name and error (no data).
    const { stepFunctions } = await import('#runtime/aws-clients');
    const logFailure = (client: string) => (next: (args: never) => Promise<unknown>, context: { commandName?: string }) => async (args: never) => {
      try {
        return await next(args);
      } catch (error) {
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.map((reason) => reason.Code).join(',');
        process.stderr.write(`[bench] ${client} ${context.commandName ?? ''} failed: ${error instanceof Error ? error.name : 'unknown'}${reasons === undefined ? '' : ` (${reasons})`}\n`);
        throw error;
      }
    };
    const { TaskTokens } = await import('../../infra/local/step-functions/task-tokens.ts');
    const close = TaskTokens.prototype.close;
    TaskTokens.prototype.close = function (this: InstanceType<typeof TaskTokens>, token: string, error: Error) {
      const cause = error.cause instanceof Error ? ` <- ${error.cause.name}: ${error.cause.message.slice(0, 200)}` : '';
      process.stderr.write(`[bench] task closed: ${error.name}: ${error.message.slice(0, 200)}${cause}\n`);
      close.call(this, token, error);
    };
    dynamoDbClient.middlewareStack.add(logFailure('DynamoDB') as never, { step: 'initialize', name: 'benchLogDynamoDbFailures' });
    stepFunctions.middlewareStack.add(logFailure('StepFunctions') as never, { step: 'initialize', name: 'benchLogSfnFailures' });
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.on('message', (raw: Request) => {
    if (raw.type === 'memory') {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (raw.gc === true && gc !== undefined) gc();
      send({ id: raw.id, type: 'memory', memory: process.memoryUsage(), gcRan: raw.gc === true && gc !== undefined });
    } else if (raw.type === 'ops') {
      send({ id: raw.id, type: 'ops', operations });
      if (raw.reset === true) operations = [];
    } else if (raw.type === 'throttled') {
      send({ id: raw.id, type: 'throttled', throttled: stack.throttled() });
    } else if (raw.type === 'stop') {
      void stop();
    }
  });
  send({ type: 'ready', url: stack.url, dynamoDbEndpoint: stack.dynamoDbEndpoint, stepFunctionsEndpoint: stack.stepFunctionsEndpoint, oidcIssuer: stack.oidcIssuer, tableName: stack.tableName, pid: process.pid });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
