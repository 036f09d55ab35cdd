import { completeTask, failTask, type consentRefusedError } from '#checks-workflow/task-callbacks';
import { keepTaskToken, type TaskTokenHolder } from '#store/task-tokens';

export type TaskTokenOutcome = 'KEPT' | 'COMPLETED_FROM_STORED_STATE' | 'FAILED_FROM_STORED_STATE' | 'NOTHING_TO_WAIT_FOR';

/** What is stored says the task must fail with this error (a refused consent ends the checks). */
export interface StoredFailure {
  failWith: typeof consentRefusedError;
}

/**
 * The one shape of a workflow task that waits for a person (a check's answer, the officer's
 * decision, the countersignature): keep the task token on our own item while that item still
 * waits; if it has moved on (answered while we looked, decided during a timeout, a replay),
 * complete the task at once from what is stored, so the workflow never waits for something that
 * has already happened. `storedOutput` reads that state and gives the task's output, a failure
 * (a refusal), or undefined when there is nothing to complete (a cancelled check, whose execution
 * is being stopped).
 */
export async function keepTaskTokenOrComplete(holder: TaskTokenHolder, taskToken: string, storedOutput: () => Promise<object | StoredFailure | undefined>): Promise<TaskTokenOutcome> {
  if (await keepTaskToken(holder, taskToken)) {
    return 'KEPT';
  }
  const output = await storedOutput();
  if (output === undefined) {
    return 'NOTHING_TO_WAIT_FOR';
  }
  if ('failWith' in output) {
    await failTask(taskToken, output.failWith);
    return 'FAILED_FROM_STORED_STATE';
  }
  await completeTask(taskToken, output);
  return 'COMPLETED_FROM_STORED_STATE';
}
