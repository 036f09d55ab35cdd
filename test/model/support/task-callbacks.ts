import { randomUUID } from 'node:crypto';

/**
 * Every SendTaskSuccess / SendTaskFailure the handlers send to the workflow engine, as seen on the
 * handlers' own Step Functions client (the local stack runs them in this process): which task
 * (its output, which names the check or the stage) and whether the engine accepted it. An
 * accepted SendTaskSuccess is one task completion; a refused one (TaskTimedOut, InvalidToken)
 * completed nothing.
 */
export interface TaskCallback {
  command: 'SendTaskSuccess' | 'SendTaskFailure';
  /** The parsed `output` of a SendTaskSuccess: `{ checkId, status }` or `{ proposalId, status }`. */
  output?: { checkId?: string; proposalId?: string; status?: string };
  accepted: boolean;
  /** The engine's error code when it refused. */
  error?: string;
}

export interface TaskCallbackWatch {
  calls: TaskCallback[];
  /** Accepted SendTaskSuccess calls whose output names this check. */
  completionsOfCheck(checkId: string): number;
  stop(): void;
}

/**
 * Starts watching. Call it after startLocalStack: the handlers' client is built from the
 * environment the stack sets, and this must be the same module instance the handlers use.
 */
export async function watchTaskCallbacks(): Promise<TaskCallbackWatch> {
  const { stepFunctions } = await import('#runtime/aws-clients');
  const calls: TaskCallback[] = [];
  const name = `watch-task-callbacks-${randomUUID()}`;
  stepFunctions.middlewareStack.add(
    (next, context) => async (args) => {
      const commandName = (context as { commandName?: string }).commandName;
      if (commandName !== 'SendTaskSuccessCommand' && commandName !== 'SendTaskFailureCommand') {
        return next(args);
      }
      const input = args.input as { output?: string };
      const base: Omit<TaskCallback, 'accepted'> = {
        command: commandName === 'SendTaskSuccessCommand' ? 'SendTaskSuccess' : 'SendTaskFailure',
        ...(input.output === undefined ? {} : { output: JSON.parse(input.output) as TaskCallback['output'] }),
      };
      try {
        const result = await next(args);
        calls.push({ ...base, accepted: true });
        return result;
      } catch (error) {
        calls.push({ ...base, accepted: false, error: error instanceof Error ? error.name : 'unknown' });
        throw error;
      }
    },
    { step: 'initialize', name },
  );
  return {
    calls,
    completionsOfCheck: (checkId) => calls.filter((call) => call.command === 'SendTaskSuccess' && call.accepted && call.output?.checkId === checkId).length,
    stop: () => {
      stepFunctions.middlewareStack.remove(name);
    },
  };
}
