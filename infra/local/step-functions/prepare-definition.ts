import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { substitutePlaceholders } from './substitute-placeholders.ts';
import { LIBRARY_MAX_TIMEOUT_SECONDS } from './timer-cap.ts';

/** How a Task state reaches its Lambda function. */
export type LambdaTaskKind =
  /** `arn:aws:states:::lambda:invoke`: result wrapped as `{ StatusCode, Payload }`. */
  | 'invoke'
  /** `arn:aws:states:::lambda:invoke.waitForTaskToken`: result comes from SendTaskSuccess. */
  | 'waitForTaskToken'
  /** A bare Lambda ARN as Resource: the state input is the payload, the result is the function's. */
  | 'function';

export interface LambdaTask {
  stateName: string;
  kind: LambdaTaskKind;
  /** Bare-ARN tasks only: the function to call. */
  functionArn?: string;
  /** Callback tasks only: we run their timeout ourselves (see prepareDefinition). */
  timeout?: { seconds: number } | { payloadField: string };
}

export interface PreparedDefinition {
  definition: StateMachineDefinition;
  /** Every Lambda task, including those inside Parallel branches and Map processors, by state name. */
  tasks: Map<string, LambdaTask>;
}

const INVOKE = 'arn:aws:states:::lambda:invoke';
const WAIT_FOR_TASK_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const BARE_LAMBDA_ARN = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[^:]+(:[^:]+)?$/;
const SIMPLE_PATH = /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/;

type JsonObject = Record<string, unknown>;

/**
 * Turns the ASL file into what aws-local-stepfunctions runs, failing at load (not mid-execution) on
 * anything this adapter cannot honour:
 * - substitutes `${Placeholder}`s (all must match);
 * - finds every Lambda task in the whole definition, since the library's overrides are keyed by
 *   state name (names must therefore be unique across branches and Map processors);
 * - TimeoutSecondsPath: AWS evaluates it against the state input, the library against the input
 *   after Parameters. The workflow always passes the same value in the Payload under the same name
 *   (`"x.$": "$.x"` next to `"TimeoutSecondsPath": "$.x"`), so `$.x` becomes `$.Payload.x`, and the
 *   Payload must really carry it;
 * - callback tasks: we run their timeout ourselves (so we know when it fires and can close the
 *   token), and give the library the largest timer it can arm instead of its 60 s default;
 * - every other TimeoutSeconds is capped below Node's timer overflow (see timer-cap.ts).
 */
export function prepareDefinition(definitionText: string, substitutions: Record<string, string>): PreparedDefinition {
  const definition = JSON.parse(substitutePlaceholders(definitionText, substitutions)) as StateMachineDefinition & JsonObject;
  const tasks = new Map<string, LambdaTask>();
  if (typeof definition.TimeoutSeconds === 'number') {
    definition.TimeoutSeconds = Math.min(definition.TimeoutSeconds, LIBRARY_MAX_TIMEOUT_SECONDS);
  }
  prepareStates(definition, tasks);
  return { definition, tasks };
}

function prepareStates(machine: JsonObject, tasks: Map<string, LambdaTask>): void {
  const states = machine['States'];
  if (!isObject(states)) throw new Error('Workflow definition has no States');
  for (const [stateName, state] of Object.entries(states)) {
    if (!isObject(state)) continue;
    if (Array.isArray(state['Branches'])) state['Branches'].filter(isObject).forEach((branch) => prepareStates(branch, tasks));
    for (const key of ['ItemProcessor', 'Iterator']) {
      const processor = state[key];
      if (isObject(processor)) prepareStates(processor, tasks);
    }
    if (state['Type'] !== 'Task') continue;
    if (tasks.has(stateName)) throw new Error(`Task state name ${stateName} is used twice; local task overrides are keyed by state name`);
    tasks.set(stateName, prepareTask(stateName, state));
  }
}

function prepareTask(stateName: string, state: JsonObject): LambdaTask {
  const resource = state['Resource'];
  if (typeof resource === 'string' && BARE_LAMBDA_ARN.test(resource)) {
    capTimeoutSeconds(state);
    return { stateName, kind: 'function', functionArn: resource };
  }
  if (resource !== INVOKE && resource !== WAIT_FOR_TASK_TOKEN) {
    throw new Error(`Task ${stateName}: resource ${String(resource)} is not supported locally (only Lambda)`);
  }
  const parameters = state['Parameters'];
  const payload = isObject(parameters) ? parameters['Payload'] : undefined;
  if (!isObject(parameters) || !('FunctionName' in parameters)) throw new Error(`Task ${stateName}: Parameters.FunctionName is required`);

  let payloadField: string | undefined;
  const timeoutPath = state['TimeoutSecondsPath'];
  if (timeoutPath !== undefined) {
    const field = typeof timeoutPath === 'string' ? SIMPLE_PATH.exec(timeoutPath)?.[1] : undefined;
    if (field === undefined) throw new Error(`Task ${stateName}: TimeoutSecondsPath must look like "$.name" locally`);
    if (!isObject(payload) || payload[`${field}.$`] !== timeoutPath) {
      throw new Error(`Task ${stateName}: TimeoutSecondsPath ${timeoutPath} needs "${field}.$": "${timeoutPath}" in its Payload`);
    }
    state['TimeoutSecondsPath'] = `$.Payload.${field}`;
    payloadField = field;
  }

  if (resource === INVOKE) {
    capTimeoutSeconds(state);
    return { stateName, kind: 'invoke' };
  }

  if (!JSON.stringify(payload ?? null).includes('"$$.Task.Token"')) {
    throw new Error(`Task ${stateName}: a waitForTaskToken task must pass $$.Task.Token in its Payload`);
  }
  const seconds = state['TimeoutSeconds'];
  delete state['TimeoutSecondsPath'];
  state['TimeoutSeconds'] = LIBRARY_MAX_TIMEOUT_SECONDS;
  const task: LambdaTask = { stateName, kind: 'waitForTaskToken' };
  if (payloadField !== undefined) task.timeout = { payloadField };
  else if (typeof seconds === 'number') task.timeout = { seconds };
  // Neither: AWS waits up to the execution's own limit; so do we (no timer).
  return task;
}

function capTimeoutSeconds(state: JsonObject): void {
  const seconds = state['TimeoutSeconds'];
  if (typeof seconds === 'number') state['TimeoutSeconds'] = Math.min(seconds, LIBRARY_MAX_TIMEOUT_SECONDS);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
