import { ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
import type { StateMachine } from 'aws-local-stepfunctions';
import { debugLog } from './debug-log.ts';
import type { ExecutionEnd, ExecutionRecord, ExecutionStore } from './execution-store.ts';
import { TASK_TOKEN_PLACEHOLDER, abortedError, buildTaskHandlers } from './lambda-task-handlers.ts';
import type { TaskHandlerDependencies } from './lambda-task-handlers.ts';
import { stateTransitionObserver, type StateTransitionObserver } from './transition-observer.ts';

interface Running {
  controller: AbortController;
  abortRun(): void;
  done: Promise<void>;
}

export interface ExecutionRunnerDependencies extends TaskHandlerDependencies {
  machine: StateMachine;
  stateMachineArn: string;
  stateMachineName: string;
  store: ExecutionStore;
}

/**
 * Runs executions in the background with aws-local-stepfunctions and records how each ends
 * (SUCCEEDED with output, FAILED with error and cause, TIMED_OUT, ABORTED).
 */
export class ExecutionRunner {
  private readonly running = new Map<string, Running>();

  constructor(private readonly dependencies: ExecutionRunnerDependencies) {}

  /**
   * Starts (or, after a restart, replays from the beginning) one persisted RUNNING execution.
   * The library has no checkpoints, so "resume" means "run again with the stored input": see
   * startLocalStepFunctions for why that is safe in this app.
   */
  start(record: ExecutionRecord): void {
    const { executionArn, name } = record;
    const { machine, tokens } = this.dependencies;
    const controller = new AbortController();
    const run = machine.run(JSON.parse(record.input) as Parameters<StateMachine['run']>[0], {
      overrides: { taskResourceLocalHandlers: buildTaskHandlers(this.dependencies, { executionArn, executionName: name, signal: controller.signal }) },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: executionArn, Name: name },
        StateMachine: { Id: this.dependencies.stateMachineArn, Name: this.dependencies.stateMachineName },
        Task: { Token: TASK_TOKEN_PLACEHOLDER },
      },
    });
    const observer = stateTransitionObserver();
    if (process.env['LOCAL_SFN_DEBUG'] || observer) void followEvents(name, executionArn, run.eventLogs, observer);
    debugLog(`${name}: started`);
    const done = run.result
      .then(
        (output) => (controller.signal.aborted ? undefined : this.record(record, { status: 'SUCCEEDED', output: JSON.stringify(output) })),
        (error: unknown) => (controller.signal.aborted ? undefined : this.record(record, describeFailure(error))),
      )
      .catch((error: unknown) => debugLog(`${name}: could not record its end (${error instanceof Error ? error.name : 'unknown error'})`))
      .finally(() => {
        this.running.delete(executionArn);
        // Tasks still open here belong to branches the library abandoned (a sibling failed): close them.
        tokens.closeExecution(executionArn, abortedError());
      });
    this.running.set(executionArn, { controller, abortRun: run.abort, done });
  }

  /** StopExecution: abort the run, close its tokens (they answer TaskTimedOut), record ABORTED. */
  async stop(executionArn: string, end: Pick<ExecutionEnd, 'error' | 'cause'>): Promise<void> {
    this.abandon(executionArn);
    await this.dependencies.store.finish(executionArn, { status: 'ABORTED', ...end });
    debugLog(`${executionArn.split(':').pop() ?? ''}: aborted`);
  }

  /**
   * Drops every in-flight execution WITHOUT recording an end, as if the process had died: they stay
   * RUNNING in the table, so the next start replays them. Nothing keeps running: runs are aborted,
   * their tokens closed and their timers cleared (closing a token settles the task that armed it).
   */
  abandonAll(): void {
    for (const executionArn of [...this.running.keys()]) this.abandon(executionArn);
  }

  /** True once no execution is running; false if `timeoutMs` passed first. */
  async waitUntilIdle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      if (Date.now() >= deadline) return false;
      await new Promise((wait) => setTimeout(wait, 20));
    }
    return true;
  }

  private abandon(executionArn: string): void {
    const running = this.running.get(executionArn);
    this.running.delete(executionArn);
    if (running) {
      // Abort first: the library then stops at the next state instead of following a Catch.
      running.controller.abort();
      running.abortRun();
    }
    this.dependencies.tokens.closeExecution(executionArn, abortedError());
  }

  private async record(record: ExecutionRecord, end: ExecutionEnd): Promise<void> {
    await this.dependencies.store.finish(record.executionArn, end);
    debugLog(`${record.name}: ${end.status}`);
  }
}

/** AWS's error and cause for a failed execution: the failing state's error name and message. */
function describeFailure(error: unknown): ExecutionEnd {
  if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout' };
  const cause = error instanceof ExecutionError ? error.cause : error;
  if (cause instanceof Error) return { status: 'FAILED', error: cause.name, cause: cause.message };
  return { status: 'FAILED', error: 'States.Runtime', cause: 'The execution failed' };
}

/**
 * LOCAL_SFN_DEBUG: state names as they are entered; with a transition observer (the cost benchmark):
 * each state entered or retried. The events' inputs and outputs are never read.
 */
async function followEvents(
  executionName: string,
  executionArn: string,
  events: AsyncGenerator<{ type: string; state?: { name: string } }>,
  observer: StateTransitionObserver | undefined,
): Promise<void> {
  for await (const event of events) {
    if (!event.state || (event.type !== 'StateEntered' && event.type !== 'StateRetried')) continue;
    if (event.type === 'StateEntered') debugLog(`${executionName}: entered ${event.state.name}`);
    observer?.({ executionArn, stateName: event.state.name, kind: event.type });
  }
}
