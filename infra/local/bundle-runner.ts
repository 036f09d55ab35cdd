import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { bundleEntryFile, type LambdaBundles } from '../build/lambda-bundles.ts';
import type { FunctionDefinition } from '../function-registry.ts';
import { localFunctionArn, type ObservedInvocation } from './lambda-runner.ts';
import type { InitReport, InvocationReply, InvocationRequest, LambdaWorkerData, SerializedError } from './lambda-worker.ts';

/**
 * Runs each function's bundle, exactly as built for Lambda, in a worker thread of its own with
 * only the environment it is given: the same files a deploy ships, with the same variable names
 * its template gives it, and none of another function's. A function's worker starts on its first
 * invocation (its cold start) and stays warm until {@link BundleRunner.stop}. The invoke API is the
 * in-process runner's (lambda-runner.ts), so the HTTP server, the workflow engine, the scheduler and
 * the Notify dispatcher call either alike.
 */

const workerFile = path.join(import.meta.dirname, 'lambda-worker.ts');

export interface BundleRunnerOptions {
  readonly bundles: LambdaBundles;
  /** Every variable the function's process has (its template's names with local values, and the runtime's). */
  readonly environmentOf: (definition: FunctionDefinition) => Record<string, string>;
  /** As the deployed function's timeout; only reported to the handler (getRemainingTimeInMillis). */
  readonly timeoutMs?: number;
  /** Told of every invocation (the cost benchmark): time in the handler, and the load on a cold start. */
  readonly observe?: () => ((invocation: ObservedInvocation) => void) | undefined;
  /**
   * The test clock's offset now (functions/runtime/clock.ts in this process). A bundle holds its
   * own copy of that module, which reads LOCAL_CLOCK_OFFSET_MS once, as it loads: so a function
   * starts with the offset of the moment, and after the clock moves its next invocation starts a
   * fresh execution environment (the old one finishes what it was running, then stops).
   */
  readonly clockOffsetMs?: () => number;
  /** LOCAL_CRASH_POINTS (the crash-recovery harness): armed in every function's thread. */
  readonly crashPoints?: string;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  startedAt: number;
}

/** A function's worker and the invocations waiting for its reply. */
interface LambdaWorker {
  worker: Worker;
  /** The test clock's offset it started with. */
  clockOffsetMs: number | undefined;
  pending: Map<number, Pending>;
  /** Settles when the bundle has loaded (resolves) or failed to load (rejects with why). */
  loaded: Promise<void>;
}

/** An error thrown in the worker, rebuilt here with the same name, message and stack. */
function rebuiltError(error: SerializedError): Error {
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.stack !== undefined) rebuilt.stack = error.stack;
  return rebuilt;
}

export function createBundleRunner(registry: readonly FunctionDefinition[], options: BundleRunnerOptions) {
  const byName = new Map(registry.map((definition) => [definition.name, definition]));
  const workers = new Map<string, LambdaWorker>();
  let nextId = 1;
  let stopped = false;

  function start(definition: FunctionDefinition, clockOffsetMs: number | undefined): LambdaWorker {
    const data: LambdaWorkerData = {
      entry: path.join(options.bundles.folderOf(definition.name), bundleEntryFile),
      functionName: definition.name,
      functionArn: localFunctionArn(definition.name),
      memoryLimitInMB: '512',
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.crashPoints === undefined ? {} : { crashPoints: options.crashPoints }),
    };
    const env = { ...options.environmentOf(definition), ...(clockOffsetMs === undefined ? {} : { LOCAL_CLOCK_OFFSET_MS: String(clockOffsetMs) }) };
    const worker = new Worker(workerFile, { workerData: data, env });
    let settleLoad: { resolve(): void; reject(error: Error): void } = { resolve: () => undefined, reject: () => undefined };
    const loaded = new Promise<void>((resolve, reject) => (settleLoad = { resolve, reject }));
    // Nobody may ask; the invocations report the same failure.
    loaded.catch(() => undefined);
    const started: LambdaWorker = { worker, clockOffsetMs, pending: new Map(), loaded };
    worker.on('message', (message: InvocationReply | InitReport) => {
      if ('init' in message) {
        if (message.ok) settleLoad.resolve();
        else settleLoad.reject(rebuiltError(message.error));
        return;
      }
      const reply = message;
      const waiting = started.pending.get(reply.id);
      if (waiting === undefined) return;
      started.pending.delete(reply.id);
      options.observe?.()?.({
        name: definition.name,
        durationMs: performance.now() - waiting.startedAt - (reply.loadMs ?? 0),
        failed: !reply.ok,
        ...(reply.loadMs === undefined ? {} : { loadMs: reply.loadMs }),
      });
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(rebuiltError(reply.error));
      if (retiring.has(started) && started.pending.size === 0) void retire(started);
    });
    // A worker that dies (out of memory, process.exit in a dependency) fails what it was running;
    // the next invocation starts a fresh one, as Lambda replaces a failed execution environment.
    const fail = (error: Error) => {
      settleLoad.reject(error);
      if (workers.get(definition.name) === started) workers.delete(definition.name);
      for (const waiting of started.pending.values()) waiting.reject(error);
      started.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`${definition.name}'s execution environment exited (code ${code})`)));
    workers.set(definition.name, started);
    return started;
  }

  /** Environments started before the clock moved, stopped once they have answered what they were running. */
  const retiring = new Set<LambdaWorker>();
  async function retire(old: LambdaWorker): Promise<void> {
    retiring.add(old);
    if (old.pending.size > 0) return;
    retiring.delete(old);
    await old.worker.terminate();
  }

  /** The function's warm environment, or a fresh one if it has none or the clock has moved since it started. */
  function environmentFor(definition: FunctionDefinition): LambdaWorker {
    const clockOffsetMs = options.clockOffsetMs?.();
    const warm = workers.get(definition.name);
    if (warm !== undefined && warm.clockOffsetMs === clockOffsetMs) return warm;
    if (warm !== undefined) {
      workers.delete(definition.name);
      void retire(warm);
    }
    return start(definition, clockOffsetMs);
  }

  return {
    invoke(name: string, event: unknown): Promise<unknown> {
      const definition = byName.get(name);
      if (definition === undefined) return Promise.reject(new Error(`No function named ${name} in the registry`));
      if (stopped) return Promise.reject(new Error(`The local stack has stopped: ${name} not invoked`));
      const { worker, pending } = environmentFor(definition);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, startedAt: performance.now() });
        const request: InvocationRequest = { id, event };
        worker.postMessage(request);
      });
    },
    /** Starts a function's execution environment if it has none, and settles when its bundle has loaded or failed to. */
    load(name: string): Promise<void> {
      const definition = byName.get(name);
      if (definition === undefined) return Promise.reject(new Error(`No function named ${name} in the registry`));
      return environmentFor(definition).loaded;
    },
    /** For the workflow engine, which names functions by ARN. */
    invokeByArn(functionArn: string, event: unknown): Promise<unknown> {
      return this.invoke(functionArn.split(':').at(-1) ?? '', event);
    },
    /** The functions started so far (each one's first invocation was a cold start). */
    started(): string[] {
      return [...workers.keys()];
    },
    /** Stops every worker; what they were running fails. */
    async stop(): Promise<void> {
      stopped = true;
      const running = [...workers.values(), ...retiring];
      workers.clear();
      retiring.clear();
      await Promise.all(running.map(({ worker }) => worker.terminate()));
    },
  };
}

export type BundleRunner = ReturnType<typeof createBundleRunner>;
