import { createHash, randomBytes } from 'node:crypto';
import type { ExecutionStore } from './execution-store.ts';
import { StepFunctionsServiceError } from './service-error.ts';

export interface OpenTask {
  /** The fresh token, to put in the handler's payload in place of the context's placeholder. */
  token: string;
  /** Settles with the SendTaskSuccess output, or the SendTaskFailure / timeout / stop error. */
  result: Promise<unknown>;
}

interface Pending {
  executionArn: string;
  resolve(output: unknown): void;
  reject(error: Error): void;
}

/**
 * The task tokens of callback (`.waitForTaskToken`) tasks: a fresh, unguessable token per task
 * invocation (32 random bytes), open until SendTaskSuccess/SendTaskFailure, a timeout or a stop
 * closes it. AWS answers InvalidToken for a token it never issued and TaskTimedOut for a closed
 * task, so issued tokens are remembered (by SHA-256 only) beyond their life, even across restarts.
 */
export class TaskTokens {
  private readonly open = new Map<string, Pending>();

  constructor(private readonly store: ExecutionStore) {}

  /** Registers the token before the handler runs: a handler may answer its own task before returning. */
  async issue(executionArn: string): Promise<OpenTask> {
    const token = randomBytes(32).toString('base64url');
    await this.store.rememberToken(hashToken(token), executionArn);
    const { promise, resolve, reject } = Promise.withResolvers<unknown>();
    // Settled tasks nobody awaits any more (e.g. the execution was stopped) must not crash Node.
    promise.catch(() => {});
    this.open.set(token, { executionArn, resolve, reject });
    return { token, result: promise };
  }

  /** SendTaskSuccess: `output` is the task's result. */
  async succeed(token: unknown, output: unknown): Promise<void> {
    (await this.take(token)).resolve(output);
  }

  /** SendTaskFailure: fails the task with that error (Retry/Catch match on its name). */
  async fail(token: unknown, error: Error): Promise<void> {
    (await this.take(token)).reject(error);
  }

  /** SendTaskHeartbeat: only says whether the task is still open (we run no heartbeat timeouts). */
  async heartbeat(token: unknown): Promise<void> {
    await this.find(token);
  }

  /** Timeout, handler failure or stop: the token stops being accepted and the task fails with `error`. */
  close(token: string, error: Error): void {
    const pending = this.open.get(token);
    this.open.delete(token);
    pending?.reject(error);
  }

  /** Closes every open task of one execution (it was stopped, ended or abandoned). */
  closeExecution(executionArn: string, error: Error): void {
    for (const [token, pending] of this.open) {
      if (pending.executionArn === executionArn) this.close(token, error);
    }
  }

  /** Takes an open task atomically (no await before the delete), so a second answer gets TaskTimedOut. */
  private async take(token: unknown): Promise<Pending> {
    const pending = typeof token === 'string' ? this.open.get(token) : undefined;
    if (pending && typeof token === 'string') {
      this.open.delete(token);
      return pending;
    }
    return this.find(token);
  }

  private async find(token: unknown): Promise<Pending> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 1024) {
      throw new StepFunctionsServiceError('InvalidToken', 'Invalid Token');
    }
    const pending = this.open.get(token);
    if (pending) return pending;
    if (await this.store.wasTokenIssued(hashToken(token))) {
      throw new StepFunctionsServiceError('TaskTimedOut', 'Task Timed Out');
    }
    throw new StepFunctionsServiceError('InvalidToken', 'Invalid Token');
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
