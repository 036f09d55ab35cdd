import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import type { FunctionDefinition } from '../function-registry.ts';
import { runAsFunction } from './permissions/caller-identity.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

/** A Lambda context good enough for the handlers and Powertools; the values are local fakes. */
function localContext(definition: FunctionDefinition): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: definition.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(definition.name),
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/local/${definition.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** One handler invocation, as the cost benchmark (test/bench/cost.ts) sees it. */
export interface ObservedInvocation {
  name: string;
  /** Time in the handler, as Lambda bills it (module loading is reported apart, as `loadMs`). */
  durationMs: number;
  /** This invocation loaded the module first (a cold start here; locally it includes tsx compiling). */
  loadMs?: number;
  failed: boolean;
}

let invocationObserver: ((invocation: ObservedInvocation) => void) | undefined;

/**
 * Optional and process-wide, for the cost benchmark only (so it can watch a stack started elsewhere in this process):
 * told of every invocation and how long it took. Unset (always, outside the benchmark) nothing is timed.
 */
export function observeInvocations(observer: ((invocation: ObservedInvocation) => void) | undefined): void {
  invocationObserver = observer;
}

/** The observer set now, if any (the bundle runner reads it at each invocation, as this runner does). */
export function currentInvocationObserver(): ((invocation: ObservedInvocation) => void) | undefined {
  return invocationObserver;
}

export function localFunctionArn(name: string): string {
  return `arn:aws:lambda:eu-west-2:000000000000:function:${name}`;
}

/**
 * Runs the real handlers in this process, as Lambda would: each module is loaded once (its
 * module-scope clients are reused, like a warm container) and called with an event and a context.
 * Modules are loaded on first use, after the local stack has set the environment they read.
 */
export function createLambdaRunner(registry: readonly FunctionDefinition[]) {
  const loaded = new Map<string, Promise<Handler>>();
  const byName = new Map(registry.map((definition) => [definition.name, definition]));

  function load(definition: FunctionDefinition): Promise<Handler> {
    let handler = loaded.get(definition.name);
    if (handler === undefined) {
      handler = import(pathToFileURL(path.join(repositoryRoot, definition.entry)).href).then((module: { handler: Handler }) => module.handler);
      loaded.set(definition.name, handler);
    }
    return handler;
  }

  async function run(definition: FunctionDefinition, event: unknown): Promise<unknown> {
    const { name } = definition;
    const observer = invocationObserver;
    if (observer === undefined) {
      const handler = await load(definition);
      return handler(event, localContext(definition));
    }
    const cold = !loaded.has(definition.name);
    const loadStart = performance.now();
    const handler = await load(definition);
    const start = performance.now();
    let failed = true;
    try {
      const result = await handler(event, localContext(definition));
      failed = false;
      return result;
    } finally {
      observer({ name, durationMs: performance.now() - start, failed, ...(cold ? { loadMs: start - loadStart } : {}) });
    }
  }

  return {
    async invoke(name: string, event: unknown): Promise<unknown> {
      const definition = byName.get(name);
      if (definition === undefined) {
        throw new Error(`No function named ${name} in the registry`);
      }
      // Its AWS calls are made as this function, whose role the local endpoints check.
      return runAsFunction(name, () => run(definition, event));
    },
    /** For the workflow engine, which names functions by ARN. */
    async invokeByArn(functionArn: string, event: unknown): Promise<unknown> {
      const name = functionArn.split(':').at(-1) ?? '';
      return this.invoke(name, event);
    },
  };
}

export type LambdaRunner = ReturnType<typeof createLambdaRunner>;
