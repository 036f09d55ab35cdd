import { StateMachine } from 'aws-local-stepfunctions';
import { stateMachineArnFor } from './arns.ts';
import { serveAwsJson, type Authorize } from './aws-json-server.ts';
import { debugLog } from './debug-log.ts';
import { ExecutionRunner } from './execution-runner.ts';
import { ExecutionStore } from './execution-store.ts';
import { createOperations } from './operations.ts';
import { prepareDefinition } from './prepare-definition.ts';
import { statesTimeoutErrorFactory } from './states-timeout-error.ts';
import { TaskTokens } from './task-tokens.ts';

export interface LocalStepFunctionsOptions {
  /** ASL text with ${Placeholder}s. */
  definition: string;
  /** Placeholder → value (here: local Lambda ARNs). Every placeholder must have a value and vice versa, else this throws. */
  substitutions: Record<string, string>;
  stateMachineName: string;
  /**
   * Runs a Lambda handler in-process: called for every `lambda:invoke` and
   * `lambda:invoke.waitForTaskToken` task with the FunctionName and the evaluated Payload.
   * A thrown Error fails the task (its `name` is the error code Retry/Catch match on).
   */
  invokeFunction(functionArn: string, payload: unknown): Promise<unknown>;
  /** Where executions are persisted, so they survive a restart. */
  dynamoDb: { endpoint: string };
  /** Created if it does not exist. */
  executionsTableName: string;
  /** 0/omitted: a free port. Binds 127.0.0.1 only. */
  port?: number;
  /** Checks each API request before it runs (the callers' IAM policies, locally); omitted: none. */
  authorize?: Authorize;
}

export interface LocalStepFunctions {
  /** http://127.0.0.1:PORT, for the SFN client's `endpoint`. */
  endpoint: string;
  /** arn:aws:states:eu-west-2:000000000000:stateMachine:<name> */
  stateMachineArn: string;
  /** Waits until no execution is running or `timeoutMs` passes (default 10 s); true when idle. Tests use this. */
  waitUntilIdle(timeoutMs?: number): Promise<boolean>;
  /**
   * Closes the server and abandons in-flight executions WITHOUT recording them as stopped (as if the
   * process died), so the next start replays them: a normal shutdown is a restart point too.
   * Nothing keeps running: runs are aborted, their tokens closed and their timers cleared.
   * `{ abandon: true }` says so explicitly; it behaves the same.
   */
  stop(options?: { abandon?: boolean }): Promise<void>;
}

/**
 * A local, Step Functions-compatible endpoint (AWS JSON 1.0) that runs the workflow's ASL with
 * aws-local-stepfunctions, Lambda tasks in-process, and real task tokens for callback tasks.
 *
 * Restart ("resume by replay"): on start, every execution persisted as RUNNING is run again from
 * the beginning with its stored input. The library has no checkpoints, so this is the only way to
 * resume, and it is safe because of a contract every handler of this app keeps: handlers are
 * idempotent and answer-aware. Planning again finds the checks already planned; a request handler
 * invoked again for a check that already has an answer completes its new task at once
 * (SendTaskSuccess before returning), so the replay runs straight through to where it stopped.
 * A handler that breaks this contract would, after a restart, send a second request.
 */
export async function startLocalStepFunctions(options: LocalStepFunctionsOptions): Promise<LocalStepFunctions> {
  const { definition, tasks } = prepareDefinition(options.definition, options.substitutions);
  // Validates the definition (asl-validator) and throws if it is not valid ASL.
  const machine = new StateMachine(definition);
  const stateMachineArn = stateMachineArnFor(options.stateMachineName);
  const timeoutError = await statesTimeoutErrorFactory();
  const store = await ExecutionStore.open(options.dynamoDb.endpoint, options.executionsTableName);
  const tokens = new TaskTokens(store);
  const runner = new ExecutionRunner({
    machine,
    stateMachineArn,
    stateMachineName: options.stateMachineName,
    store,
    tasks,
    tokens,
    invokeFunction: options.invokeFunction,
    timeoutError,
  });
  const server = await serveAwsJson({
    port: options.port ?? 0,
    service: 'AWSStepFunctions',
    operations: createOperations({
      stateMachineArn,
      stateMachineName: options.stateMachineName,
      definition: JSON.stringify(definition),
      creationDate: Date.now(),
      store,
      runner,
      tokens,
    }),
    ...(options.authorize === undefined ? {} : { authorize: options.authorize }),
  }).catch((error: unknown) => {
    store.close();
    throw error;
  });

  for (const record of await store.list(stateMachineArn, 'RUNNING')) {
    debugLog(`${record.name}: replaying after restart`);
    runner.start(record);
  }

  return {
    endpoint: server.endpoint,
    stateMachineArn,
    waitUntilIdle: (timeoutMs = 10_000) => runner.waitUntilIdle(timeoutMs),
    stop: async () => {
      runner.abandonAll();
      await server.close();
      store.close();
    },
  };
}
