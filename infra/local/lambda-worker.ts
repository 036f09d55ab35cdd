import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * One function's execution environment, as a worker thread: it loads the function's bundle as
 * built for Lambda (infra/build/lambda-bundles.ts), with the environment the worker was given
 * and nothing else of the process that started it, and runs one invocation per message, warm
 * from then on like a Lambda container. Started by infra/local/bundle-runner.ts. Node runs this
 * file directly (type stripping), outside vitest's and tsx's loaders, so it imports Node.js itself
 * and, for the crash harness only, crash-points.ts (whose `#runtime/` import Node resolves from
 * package.json).
 */

export interface LambdaWorkerData {
  /** The bundle's handler file (index.mjs). */
  readonly entry: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly memoryLimitInMB: string;
  readonly timeoutMs: number;
  /** LOCAL_CRASH_POINTS of the local stack's process (the crash-recovery harness), if any. */
  readonly crashPoints?: string;
}

export interface InvocationRequest {
  readonly id: number;
  readonly event: unknown;
}

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export type InvocationReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown; readonly loadMs?: number }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError; readonly loadMs?: number };

/** Sent once, when the bundle has loaded or failed to (Lambda's init phase). */
export type InitReport = { readonly init: true; readonly ok: true; readonly loadMs: number } | { readonly init: true; readonly ok: false; readonly error: SerializedError };

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const data = workerData as LambdaWorkerData;
const port = parentPort;
if (port === null) throw new Error('lambda-worker.ts runs as a worker thread');

// Deployed, NODE_OPTIONS=--enable-source-maps does this; a worker thread cannot take that option.
process.setSourceMapsEnabled(true);

// The bundle's checkpoints look for their watcher on this thread's globalThis; a crash point that
// fires kills the whole process from here, as it would have with the handlers in that process.
if (data.crashPoints !== undefined && data.crashPoints !== '') {
  const { armCrashPoints } = (await import('./crash-points.ts')) as typeof import('./crash-points.ts');
  armCrashPoints(data.crashPoints);
}

const loadStart = performance.now();
/** Imported once, when the worker starts (the cold start); an import error fails every invocation, as a failed init does. */
const loading: Promise<Handler> = import(pathToFileURL(data.entry).href).then((module: { handler?: unknown }) => {
  if (typeof module.handler !== 'function') throw new Error(`${data.functionName}'s bundle exports no handler function`);
  return module.handler as Handler;
});
function serialized(error: unknown): SerializedError {
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  return { name, message, ...(stack === undefined ? {} : { stack }) };
}

let loadMs: number | undefined;
void loading.then(
  () => {
    loadMs = performance.now() - loadStart;
    port.postMessage({ init: true, ok: true, loadMs } satisfies InitReport);
  },
  (error: unknown) => port.postMessage({ init: true, ok: false, error: serialized(error) } satisfies InitReport),
);
let loadReported = false;

function context() {
  const deadline = Date.now() + data.timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: data.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: data.functionArn,
    memoryLimitInMB: data.memoryLimitInMB,
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${data.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

port.on('message', (request: InvocationRequest) => {
  void (async () => {
    let reply: InvocationReply;
    try {
      const handler = await loading;
      const result = await handler(request.event, context());
      reply = { id: request.id, ok: true, result };
    } catch (error) {
      reply = { id: request.id, ok: false, error: serialized(error) };
    }
    if (!loadReported && loadMs !== undefined) {
      loadReported = true;
      reply = { ...reply, loadMs };
    }
    port.postMessage(reply);
  })();
});
