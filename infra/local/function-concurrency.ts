/**
 * Lambda's concurrency, played on one machine. Deployed, each function runs as many copies side by
 * side as it has requests, up to its concurrency limit; past it, Lambda throttles. Locally every
 * handler shares one process, so a burst of hundreds of starts ran every step of every execution
 * at once, all of them slowed together past the handlers' 10 s timeout, and workflows failed.
 *
 * So each function here runs at most `perFunction` invocations at once; the rest wait in order
 * (first come, first served) for a free slot. The handler's clock (its timeout) starts when it
 * gets its slot, as a Lambda's starts when its copy runs it. A workflow task that has waited
 * longer than `workflowWaitMs` is throttled, as Lambda throttles Step Functions: it fails with
 * `Lambda.TooManyRequestsException`, which every Task's Retry in the workflow file retries with
 * backoff. HTTP requests and events (the stream's stand-in, schedules, the sign-in trigger) wait as
 * long as it takes: deployed, Lambda would scale out for them (or queue the events) long before
 * API Gateway's 29 s, so a 503 here would be this machine's limit, not the service's. A burst
 * slows down instead of failing.
 */

/** How many invocations of one function run at once, and how long a workflow task waits for one. */
export interface ConcurrencyLimits {
  /** Invocations of one function running at once. */
  perFunction: number;
  /** A workflow task: then `Lambda.TooManyRequestsException`, which the workflow's Retry handles. */
  workflowWaitMs: number;
}

/**
 * Eight at once per function: on two cores, more copies of a handler only share the same CPU and
 * DynamoDB Local's single writer; fewer leave the disk and the JVM idle while handlers wait.
 */
export const defaultConcurrencyLimits: ConcurrencyLimits = { perFunction: 8, workflowWaitMs: 10_000 };

export type Caller = 'workflow' | 'request' | 'event';

/** What a throttled invocation fails with (its name is the error the workflow's Retry matches). */
export class ThrottledError extends Error {
  constructor(functionName: string) {
    super(`Rate Exceeded: ${functionName} was at its concurrency limit`);
    this.name = 'Lambda.TooManyRequestsException';
  }
}

interface Waiting {
  start(): void;
}

export interface FunctionConcurrency {
  /** Runs `work` in one of the function's slots, waiting in order for one; a workflow task is throttled past its wait. */
  run<T>(functionName: string, caller: Caller, work: () => Promise<T>): Promise<T>;
  /** Invocations of each function running or waiting now (the load harness shows them). */
  snapshot(): { functionName: string; running: number; waiting: number }[];
  /** Every invocation throttled since the stack started, by function. */
  throttled(): Record<string, number>;
}

export function createFunctionConcurrency(limits: ConcurrencyLimits = defaultConcurrencyLimits): FunctionConcurrency {
  const running = new Map<string, number>();
  const queues = new Map<string, Waiting[]>();
  const throttledCounts: Record<string, number> = {};

  const waitFor = (caller: Caller): number => (caller === 'workflow' ? limits.workflowWaitMs : Number.POSITIVE_INFINITY);

  function release(functionName: string): void {
    const next = queues.get(functionName)?.shift();
    if (next === undefined) running.set(functionName, (running.get(functionName) ?? 1) - 1);
    else next.start(); // The slot passes straight to the next in line.
  }

  async function acquire(functionName: string, caller: Caller): Promise<void> {
    if ((running.get(functionName) ?? 0) < limits.perFunction) {
      running.set(functionName, (running.get(functionName) ?? 0) + 1);
      return;
    }
    const queue = queues.get(functionName) ?? [];
    queues.set(functionName, queue);
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    const waiting: Waiting = { start: () => {
      clearTimeout(timer);
      resolve();
    } };
    const wait = waitFor(caller);
    const timer = Number.isFinite(wait)
      ? setTimeout(() => {
          queue.splice(queue.indexOf(waiting), 1);
          throttledCounts[functionName] = (throttledCounts[functionName] ?? 0) + 1;
          reject(new ThrottledError(functionName));
        }, wait)
      : undefined;
    queue.push(waiting);
    return promise;
  }

  return {
    async run(functionName, caller, work) {
      await acquire(functionName, caller);
      try {
        return await work();
      } finally {
        release(functionName);
      }
    },
    snapshot: () => [...running.keys()].map((functionName) => ({ functionName, running: running.get(functionName) ?? 0, waiting: queues.get(functionName)?.length ?? 0 })),
    throttled: () => ({ ...throttledCounts }),
  };
}
