import type { RunOptions } from 'aws-local-stepfunctions';
import { debugLog } from './debug-log.ts';
import type { LambdaTask } from './prepare-definition.ts';
import type { TaskTokens } from './task-tokens.ts';
import { setCappedTimeout } from './timer-cap.ts';

type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type TaskHandler = TaskHandlers[string];
type TaskInput = Parameters<TaskHandler>[0];
type TaskResult = Awaited<ReturnType<TaskHandler>>;

/**
 * What the library resolves `$$.Task.Token` to: it reads the token from the context object we pass,
 * the same for every task. Each callback task swaps it for a fresh token in its Payload.
 */
export const TASK_TOKEN_PLACEHOLDER = 'local-step-functions:task-token-placeholder';

export interface TaskHandlerDependencies {
  tasks: Map<string, LambdaTask>;
  invokeFunction(functionArn: string, payload: unknown): Promise<unknown>;
  tokens: TaskTokens;
  /** The library's own States.Timeout error (see states-timeout-error.ts). */
  timeoutError(): Error;
}

export interface ExecutionScope {
  executionArn: string;
  executionName: string;
  /** Aborted when the execution is stopped or abandoned: no handler is invoked after that. */
  signal: AbortSignal;
}

/** The library's task overrides for one execution: every Lambda task runs in-process. */
export function buildTaskHandlers(dependencies: TaskHandlerDependencies, scope: ExecutionScope): TaskHandlers {
  const handlers: TaskHandlers = {};
  for (const task of dependencies.tasks.values()) {
    handlers[task.stateName] = (input) => {
      if (scope.signal.aborted) throw abortedError();
      debugLog(`${scope.executionName}: ${task.stateName}`);
      if (task.kind === 'function') return invokeAsJson(dependencies, task.functionArn ?? '', input);
      const { functionName, payload } = lambdaParameters(task, input);
      if (task.kind === 'invoke') return invokeLambda(dependencies, functionName, payload);
      return waitForTaskToken(dependencies, scope, task, functionName, payload);
    };
  }
  return handlers;
}

/** `lambda:invoke` returns AWS's shape; the ASL picks the function's result with OutputPath $.Payload. */
async function invokeLambda(dependencies: TaskHandlerDependencies, functionName: string, payload: unknown): Promise<TaskResult> {
  return { StatusCode: 200, Payload: await invokeAsJson(dependencies, functionName, payload) };
}

/** As Lambda does, the result travels as JSON (Dates become strings, undefined becomes null). */
async function invokeAsJson(dependencies: TaskHandlerDependencies, functionName: string, payload: unknown): Promise<TaskResult> {
  return toJson(await dependencies.invokeFunction(functionName, payload));
}

/**
 * `.waitForTaskToken`: register a fresh token BEFORE invoking the handler (it stores the token and
 * may call SendTaskSuccess itself before it returns), then wait for SendTaskSuccess/Failure.
 * The timeout runs here, not in the library, so the token is closed the moment it fires
 * (SendTaskSuccess then answers TaskTimedOut) and the task fails with the library's own
 * States.Timeout, which the ASL's Catch matches.
 * A handler that throws fails the task, unless it had already answered it.
 */
async function waitForTaskToken(
  dependencies: TaskHandlerDependencies,
  scope: ExecutionScope,
  task: LambdaTask,
  functionName: string,
  payload: unknown,
): Promise<TaskResult> {
  const timeoutMs = timeoutSeconds(task, payload) * 1000;
  const { tokens } = dependencies;
  const open = await tokens.issue(scope.executionArn);
  if (scope.signal.aborted) {
    tokens.close(open.token, abortedError());
    throw abortedError();
  }
  const timer = Number.isFinite(timeoutMs)
    ? setCappedTimeout(() => {
        debugLog(`${scope.executionName}: ${task.stateName} timed out`);
        tokens.close(open.token, dependencies.timeoutError());
      }, timeoutMs)
    : undefined;
  try {
    try {
      await dependencies.invokeFunction(functionName, replaceString(payload, TASK_TOKEN_PLACEHOLDER, open.token));
    } catch (error) {
      tokens.close(open.token, error instanceof Error ? error : new Error(String(error)));
    }
    return toJson(await open.result);
  } finally {
    clearTimeout(timer);
  }
}

/** Seconds from TimeoutSeconds or the Payload field TimeoutSecondsPath pointed at; Infinity if neither. */
function timeoutSeconds(task: LambdaTask, payload: unknown): number {
  if (task.timeout === undefined) return Number.POSITIVE_INFINITY;
  if ('seconds' in task.timeout) return task.timeout.seconds;
  const value = isObject(payload) ? payload[task.timeout.payloadField] : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw namedError('States.Runtime', `${task.stateName}: TimeoutSecondsPath must point at a positive integer`);
  }
  return value;
}

function lambdaParameters(task: LambdaTask, input: TaskInput): { functionName: string; payload: unknown } {
  const functionName = isObject(input) ? input['FunctionName'] : undefined;
  if (typeof functionName !== 'string') throw namedError('States.Runtime', `${task.stateName}: FunctionName must be a string`);
  return { functionName, payload: isObject(input) && 'Payload' in input ? input['Payload'] : {} };
}

function replaceString(value: unknown, search: string, replacement: string): unknown {
  if (value === search) return replacement;
  if (Array.isArray(value)) return value.map((item) => replaceString(item, search, replacement));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceString(item, search, replacement)]));
  return value;
}

function toJson(value: unknown): TaskResult {
  return JSON.parse(JSON.stringify(value ?? null)) as TaskResult;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** What a task of a stopped or abandoned execution fails with; nobody sees it, as the execution is over. */
export function abortedError(): Error {
  return namedError('ExecutionAborted', 'The execution was stopped');
}
