import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StorageOperation } from './stack-child.ts';

/**
 * The local stack in a child process (stack-child.ts), so that what we measure as the stack's
 * memory is the stack's alone, not the load driver's. Its DynamoDB Local (a JVM) is the child's
 * own child; both are counted, separately.
 */
export interface StackProcess {
  url: string;
  dynamoDbEndpoint: string;
  stepFunctionsEndpoint: string;
  oidcIssuer: string;
  tableName: string;
  pid: number;
  /** Resident memory now: the Node stack process, and every process below it (DynamoDB Local's JVM). */
  residentMemory(): StackMemory;
  /** The Node stack process's own view: heap and RSS (after a full GC when `gc` is true). */
  nodeMemory(gc?: boolean): Promise<NodeJS.MemoryUsage>;
  /** DynamoDB commands the handlers sent since the last reset, in order. */
  storageOperations(reset?: boolean): Promise<StorageOperation[]>;
  /** Invocations throttled at a function's concurrency limit since the stack started, by function. */
  throttled(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export interface StackMemory {
  /** The Node process running the handlers, the HTTP server, the workflow engine and the OIDC provider. */
  nodeRssBytes: number;
  /** Its descendants: DynamoDB Local's JVM. */
  descendantsRssBytes: number;
  totalRssBytes: number;
}

const childEntry = path.join(import.meta.dirname, 'stack-child.ts');

/** VmRSS of a process in bytes (Linux /proc), 0 if it has gone. */
export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kilobytes === undefined ? 0 : Number(kilobytes) * 1024;
  } catch {
    return 0;
  }
}

/** Every process below `pid`, found from /proc/<n>/stat's parent field. */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: the fields after it are fixed.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const children = parents.get(parent) ?? [];
      children.push(Number(entry));
      parents.set(parent, children);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [...(parents.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    found.push(next);
    queue.push(...(parents.get(next) ?? []));
  }
  return found;
}

export async function startStackProcess(options: { linkRequestsPerMinute?: number } = {}): Promise<StackProcess> {
  const child: ChildProcess = fork(childEntry, [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, BENCH_LINK_REQUESTS_PER_MINUTE: String(options.linkRequestsPerMinute ?? 1_000_000), POWERTOOLS_LOG_LEVEL: process.env.BENCH_STACK_LOG_LEVEL ?? 'SILENT' },
    // BENCH_STACK_LOG_LEVEL (e.g. ERROR): the stack's logs on this process's output, to see why something failed.
    stdio: ['ignore', process.env.BENCH_STACK_LOG_LEVEL === undefined ? 'ignore' : 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
    if (process.env.BENCH_DEBUG_ERRORS === '1') process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ url: string; dynamoDbEndpoint: string; stepFunctionsEndpoint: string; oidcIssuer: string; tableName: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The stack process did not start within 120 s: ${stderr}`)), 120_000);
    child.on('message', (message: { type: string; message?: string }) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message as never);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`The stack process failed to start: ${message.message ?? ''} ${stderr}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The stack process exited (${code}) before it was ready: ${stderr}`));
    });
  });

  let nextId = 1;
  const pending = new Map<number, (message: unknown) => void>();
  child.on('message', (message: { id?: number }) => {
    if (message.id !== undefined) {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    }
  });
  const ask = <T>(request: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) {
        reject(new Error('The stack process has gone'));
        return;
      }
      const id = nextId++;
      pending.set(id, resolve as (message: unknown) => void);
      child.send({ id, ...request });
    });

  return {
    ...ready,
    residentMemory() {
      const nodeRssBytes = rssOf(ready.pid);
      const descendantsRssBytes = descendantsOf(ready.pid).reduce((sum, pid) => sum + rssOf(pid), 0);
      return { nodeRssBytes, descendantsRssBytes, totalRssBytes: nodeRssBytes + descendantsRssBytes };
    },
    async nodeMemory(gc = false) {
      return (await ask<{ memory: NodeJS.MemoryUsage }>({ type: 'memory', gc })).memory;
    },
    async storageOperations(reset = false) {
      return (await ask<{ operations: StorageOperation[] }>({ type: 'ops', reset })).operations;
    },
    async throttled() {
      return (await ask<{ throttled: Record<string, number> }>({ type: 'throttled' })).throttled;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: 'stop' });
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killTimer);
    },
  };
}

/** Samples the stack's memory every `intervalMs` until stopped; keeps the samples and the peak. */
export function sampleMemory(stack: StackProcess, intervalMs = 1_000) {
  const startedAt = Date.now();
  const samples: { atMs: number; nodeRssBytes: number; descendantsRssBytes: number; totalRssBytes: number; heapUsedBytes: number }[] = [];
  let busy = false;
  const take = async () => {
    if (busy) return;
    busy = true;
    try {
      const resident = stack.residentMemory();
      const node = await stack.nodeMemory(false).catch(() => undefined);
      samples.push({ atMs: Date.now() - startedAt, ...resident, heapUsedBytes: node?.heapUsed ?? 0 });
    } finally {
      busy = false;
    }
  };
  void take();
  const timer = setInterval(() => void take(), intervalMs);
  return {
    samples,
    async stop() {
      clearInterval(timer);
      await take();
      return {
        samples,
        peakTotalRssBytes: Math.max(...samples.map((sample) => sample.totalRssBytes)),
        peakNodeRssBytes: Math.max(...samples.map((sample) => sample.nodeRssBytes)),
        peakDescendantsRssBytes: Math.max(...samples.map((sample) => sample.descendantsRssBytes)),
        peakHeapUsedBytes: Math.max(...samples.map((sample) => sample.heapUsedBytes)),
      };
    },
  };
}

/** Waits until the stack has been quiet: no DynamoDB command from the handlers for `quietMs`. */
export async function waitUntilIdle(stack: StackProcess, quietMs = 1_000, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await stack.storageOperations(true);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    if ((await stack.storageOperations(true)).length === 0 || Date.now() > deadline) return;
  }
}
