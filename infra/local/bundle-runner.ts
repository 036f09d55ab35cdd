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
  /** The test clock's offset now, passed to the function with each invocation (see lambda-worker.ts). */
  readonly clockOffsetMs?: () => number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  startedAt: number;
}

/** A function's worker and the invocations waiting for its reply. */
interface LambdaWorker {
  worker: Worker;
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

  function start(definition: FunctionDefinition): LambdaWorker {
    const data: LambdaWorkerData = {
      entry: path.join(options.bundles.folderOf(definition.name), bundleEntryFile),
      functionName: definition.name,
      functionArn: localFunctionArn(definition.name),
      memoryLimitInMB: '512',
      timeoutMs: options.timeoutMs ?? 10_000,
    };
    const worker = new Worker(workerFile, { workerData: data, env: options.environmentOf(definition) });
    let settleLoad: { resolve(): void; reject(error: Error): void } = { resolve: () => undefined, reject: () => undefined };
    const loaded = new Promise<void>((resolve, reject) => (settleLoad = { resolve, reject }));
    // Nobody may ask; the invocations report the same failure.
    loaded.catch(() => undefined);
    const started: LambdaWorker = { worker, pending: new Map(), loaded };
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

  return {
    invoke(name: string, event: unknown): Promise<unknown> {
      const definition = byName.get(name);
      if (definition === undefined) return Promise.reject(new Error(`No function named ${name} in the registry`));
      if (stopped) return Promise.reject(new Error(`The local stack has stopped: ${name} not invoked`));
      const { worker, pending } = workers.get(name) ?? start(definition);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, startedAt: performance.now() });
        const clockOffsetMs = options.clockOffsetMs?.();
        const request: InvocationRequest = { id, event, ...(clockOffsetMs === undefined ? {} : { clockOffsetMs }) };
        worker.postMessage(request);
      });
    },
    /** Starts a function's execution environment if it has none, and settles when its bundle has loaded or failed to. */
    load(name: string): Promise<void> {
      const definition = byName.get(name);
      if (definition === undefined) return Promise.reject(new Error(`No function named ${name} in the registry`));
      return (workers.get(name) ?? start(definition)).loaded;
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
      const running = [...workers.values()];
      workers.clear();
      await Promise.all(running.map(({ worker }) => worker.terminate()));
    },
  };
}

export type BundleRunner = ReturnType<typeof createBundleRunner>;
