import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * Runs the local stack in a child process (support/stack-process.ts) that the crash harness can
 * SIGKILL, one "life" at a time, and tells how each life ended: killed by the harness, killed by
 * a crash point (the child names it on stderr just before it dies), or something unexpected.
 */
const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const stackScript = path.join(import.meta.dirname, 'stack-process.ts');
const READY_TIMEOUT_MS = 90_000;

export type LifeEnd = { cause: 'harness-kill' } | { cause: 'crash-point'; point: string } | { cause: 'unexpected'; detail: string } | { cause: 'stopped' };

export interface StackLife {
  generation: number;
  url: string;
  /** Resolves when this life ends, however it ends. */
  ended: Promise<LifeEnd>;
  /** SIGKILL now; resolves when the process has gone. */
  kill(): Promise<LifeEnd>;
  /** SIGTERM (a clean stop); resolves when the process has gone. */
  stop(): Promise<LifeEnd>;
}

export interface LifeSettings {
  port: number;
  stepFunctionsPort: number;
  oidcPort: number;
  dynamoDbEndpoint: string;
  notify: { baseUrl: string; apiKey: string; callbackBearerToken: string };
  clockOffsetMs: number;
  /** LOCAL_CRASH_POINTS for this life, e.g. `answer-stored:0.5`; undefined: none armed. */
  crashPoints: string | undefined;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** No child may outlive the harness, however the harness ends. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/**
 * Starts one life of the stack. Resolves with the life once it serves, or with how it ended if it
 * died first (a crash point can fire while it replays running executions at start-up).
 */
export async function startStackLife(generation: number, settings: LifeSettings): Promise<StackLife | { generation: number; endedBeforeReady: LifeEnd }> {
  installExitHook();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // As Lambda runs (TZ=:UTC): the stack's London dates must not come from the process's zone.
    TZ: 'UTC',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_DEV: 'false',
    STACK_PORT: String(settings.port),
    STACK_SFN_PORT: String(settings.stepFunctionsPort),
    STACK_OIDC_PORT: String(settings.oidcPort),
    STACK_DYNAMODB_ENDPOINT: settings.dynamoDbEndpoint,
    NOTIFY_BASE_URL: settings.notify.baseUrl,
    NOTIFY_API_KEY: settings.notify.apiKey,
    NOTIFY_CALLBACK_BEARER_TOKEN: settings.notify.callbackBearerToken,
    NOTIFY_RETRY_BASE_MS: '200',
    LOCAL_CLOCK_OFFSET_MS: String(settings.clockOffsetMs),
  };
  delete env.LOCAL_CRASH_POINTS;
  if (settings.crashPoints !== undefined) env.LOCAL_CRASH_POINTS = settings.crashPoints;

  const child = spawn(process.execPath, ['--import', 'tsx', stackScript], { cwd: repositoryRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);
  let killedByHarness = false;
  let stoppedByHarness = false;
  let firedPoint: string | undefined;
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    stderrTail = (stderrTail + text).slice(-2_000);
    const fired = /CRASH_POINT (\S+)/.exec(stderrTail);
    if (fired?.[1] !== undefined) firedPoint = fired[1];
  });
  const ended = new Promise<LifeEnd>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      if (firedPoint !== undefined && signal === 'SIGKILL') resolve({ cause: 'crash-point', point: firedPoint });
      else if (killedByHarness) resolve({ cause: 'harness-kill' });
      else if (stoppedByHarness && (code === 0 || signal === 'SIGTERM')) resolve({ cause: 'stopped' });
      else resolve({ cause: 'unexpected', detail: `exit ${code ?? signal}: ${stderrTail.split('\n').filter(Boolean).slice(-3).join(' | ')}` });
    });
  });
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killedByHarness = true;
      child.kill('SIGKILL');
    }
    return ended;
  };

  const ready = await new Promise<{ url: string } | undefined>((resolve) => {
    let stdout = '';
    const timer = setTimeout(() => resolve(undefined), READY_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = /STACK_READY (\{.*\})\n/.exec(stdout);
      if (line?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(JSON.parse(line[1]) as { url: string });
      }
    });
    void ended.then(() => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
  child.stdout?.resume();
  if (ready === undefined) {
    if (child.exitCode === null && child.signalCode === null) {
      // Never became ready: kill it, and say so as unexpected.
      child.kill('SIGKILL');
      await ended;
      return { generation, endedBeforeReady: { cause: 'unexpected', detail: `not ready within ${READY_TIMEOUT_MS} ms: ${stderrTail.slice(-500)}` } };
    }
    return { generation, endedBeforeReady: await ended };
  }
  return {
    generation,
    url: ready.url,
    ended,
    kill,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        stoppedByHarness = true;
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        const end = await ended;
        clearTimeout(force);
        return end;
      }
      return ended;
    },
  };
}
