import { randomUUID } from 'node:crypto';
import type { Operation } from './aws-json-server.ts';
import { executionArnFor, isWellFormedArn } from './arns.ts';
import type { ExecutionRunner } from './execution-runner.ts';
import type { ExecutionRecord, ExecutionStatus, ExecutionStore } from './execution-store.ts';
import { StepFunctionsServiceError } from './service-error.ts';
import type { TaskTokens } from './task-tokens.ts';

export interface OperationDependencies {
  stateMachineArn: string;
  stateMachineName: string;
  /** The definition after substitution, as DescribeStateMachine returns it. */
  definition: string;
  creationDate: number;
  store: ExecutionStore;
  runner: ExecutionRunner;
  tokens: TaskTokens;
}

const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT'];

/** The Step Functions API operations the app uses, with AWS's answers and error codes. */
export function createOperations(dependencies: OperationDependencies): Record<string, Operation> {
  const { store, runner, tokens } = dependencies;

  const checkStateMachineArn = (arn: unknown): void => {
    if (!isWellFormedArn(arn, 'stateMachine')) throw new StepFunctionsServiceError('InvalidArn', 'Invalid State Machine Arn');
    if (arn !== dependencies.stateMachineArn) throw new StepFunctionsServiceError('StateMachineDoesNotExist', 'State Machine Does Not Exist');
  };

  const findExecution = async (arn: unknown): Promise<ExecutionRecord> => {
    if (!isWellFormedArn(arn, 'execution')) throw new StepFunctionsServiceError('InvalidArn', 'Invalid Execution Arn');
    const record = await store.get(arn);
    if (!record) throw new StepFunctionsServiceError('ExecutionDoesNotExist', 'Execution Does Not Exist');
    return record;
  };

  return {
    /**
     * The name defaults to a random UUID. Same name and same input as a RUNNING execution: the
     * existing executionArn and startDate (AWS's idempotent start for Standard workflows); otherwise
     * a name already used (different input, or the execution has ended) is ExecutionAlreadyExists.
     * The record is written with a conditional put before the run starts in the background.
     */
    StartExecution: async (request) => {
      checkStateMachineArn(request['stateMachineArn']);
      const name = request['name'] ?? randomUUID();
      if (typeof name !== 'string' || !EXECUTION_NAME.test(name)) throw new StepFunctionsServiceError('InvalidName', 'Invalid Name');
      const input = request['input'] ?? '{}';
      if (typeof input !== 'string' || !isJson(input)) throw new StepFunctionsServiceError('InvalidExecutionInput', 'Invalid Execution Input');
      const record: ExecutionRecord = {
        executionArn: executionArnFor(dependencies.stateMachineName, name),
        stateMachineArn: dependencies.stateMachineArn,
        name,
        input,
        status: 'RUNNING',
        startDate: Date.now(),
      };
      if (await store.create(record)) {
        runner.start(record);
        return { executionArn: record.executionArn, startDate: seconds(record.startDate) };
      }
      const existing = await store.get(record.executionArn);
      if (existing?.status === 'RUNNING' && existing.input === input) {
        return { executionArn: existing.executionArn, startDate: seconds(existing.startDate) };
      }
      throw new StepFunctionsServiceError('ExecutionAlreadyExists', 'Execution Already Exists');
    },

    DescribeExecution: async (request) => {
      const record = await findExecution(request['executionArn']);
      return {
        executionArn: record.executionArn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        status: record.status,
        startDate: seconds(record.startDate),
        ...(record.stopDate !== undefined ? { stopDate: seconds(record.stopDate) } : {}),
        input: record.input,
        inputDetails: { included: true },
        ...(record.output !== undefined ? { output: record.output, outputDetails: { included: true } } : {}),
        ...(record.error !== undefined ? { error: record.error } : {}),
        ...(record.cause !== undefined ? { cause: record.cause } : {}),
      };
    },

    /** Aborts the run; its open task tokens close (they then answer TaskTimedOut); records ABORTED. */
    StopExecution: async (request) => {
      const record = await findExecution(request['executionArn']);
      if (record.status === 'RUNNING') {
        await runner.stop(record.executionArn, {
          ...(typeof request['error'] === 'string' ? { error: request['error'] } : {}),
          ...(typeof request['cause'] === 'string' ? { cause: request['cause'] } : {}),
        });
      }
      const stopped = await store.get(record.executionArn);
      return { stopDate: seconds(stopped?.stopDate ?? Date.now()) };
    },

    /** `output` (JSON text) becomes the task's result. */
    SendTaskSuccess: async (request) => {
      const output = request['output'];
      if (typeof output !== 'string' || !isJson(output)) throw new StepFunctionsServiceError('InvalidOutput', 'Invalid Output');
      await tokens.succeed(request['taskToken'], JSON.parse(output));
      return {};
    },

    /**
     * Fails the task with `error` (what Retry/Catch match on) and `cause`. Without an error the task
     * fails as States.TaskFailed, which a `States.TaskFailed` or `States.ALL` catcher matches.
     */
    SendTaskFailure: async (request) => {
      const error = new Error(typeof request['cause'] === 'string' ? request['cause'] : '');
      error.name = typeof request['error'] === 'string' && request['error'] !== '' ? request['error'] : 'States.TaskFailed';
      await tokens.fail(request['taskToken'], error);
      return {};
    },

    /** Only validates the token: this adapter runs no heartbeat timeouts (the workflow uses none). */
    SendTaskHeartbeat: async (request) => {
      await tokens.heartbeat(request['taskToken']);
      return {};
    },

    DescribeStateMachine: async (request) => {
      checkStateMachineArn(request['stateMachineArn']);
      return {
        stateMachineArn: dependencies.stateMachineArn,
        name: dependencies.stateMachineName,
        status: 'ACTIVE',
        definition: dependencies.definition,
        roleArn: 'arn:aws:iam::000000000000:role/local-step-functions',
        type: 'STANDARD',
        creationDate: seconds(dependencies.creationDate),
      };
    },

    /** Newest first; `statusFilter` as on AWS; `nextToken` is an opaque offset. */
    ListExecutions: async (request) => {
      checkStateMachineArn(request['stateMachineArn']);
      const statusFilter = request['statusFilter'];
      if (statusFilter !== undefined && !STATUSES.includes(statusFilter as ExecutionStatus)) {
        throw new StepFunctionsServiceError('ValidationException', 'Invalid statusFilter');
      }
      const maxResults = typeof request['maxResults'] === 'number' && request['maxResults'] > 0 ? Math.min(request['maxResults'], 1000) : 100;
      const offset = typeof request['nextToken'] === 'string' ? Number.parseInt(Buffer.from(request['nextToken'], 'base64url').toString('utf8'), 10) || 0 : 0;
      const records = await store.list(dependencies.stateMachineArn, statusFilter as ExecutionStatus | undefined);
      const page = records.slice(offset, offset + maxResults);
      return {
        executions: page.map((record) => ({
          executionArn: record.executionArn,
          stateMachineArn: record.stateMachineArn,
          name: record.name,
          status: record.status,
          startDate: seconds(record.startDate),
          ...(record.stopDate !== undefined ? { stopDate: seconds(record.stopDate) } : {}),
        })),
        ...(offset + maxResults < records.length ? { nextToken: Buffer.from(String(offset + maxResults)).toString('base64url') } : {}),
      };
    },
  };
}

/** The AWS JSON protocol sends timestamps as epoch seconds. */
function seconds(epochMs: number): number {
  return epochMs / 1000;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
