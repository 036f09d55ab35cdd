import { completeTask } from '#checks-workflow/task-callbacks';
import { keepTaskToken, type TaskTokenHolder } from '#store/task-tokens';

export type TaskTokenOutcome = 'KEPT' | 'COMPLETED_FROM_STORED_STATE' | 'NOTHING_TO_WAIT_FOR';

/**
 * The one shape of a workflow task that waits for a person (a check's answer, the officer's
 * decision, the countersignature): keep the task token on our own item while that item still
 * waits; if it has moved on (answered while we looked, decided during a timeout, a replay),
 * complete the task at once from what is stored, so the workflow never waits for something that
 * has already happened. `storedOutput` reads that state and gives the task's output, or undefined
 * when there is nothing to complete (a cancelled check, whose execution is being stopped).
 */
export async function keepTaskTokenOrComplete(holder: TaskTokenHolder, taskToken: string, storedOutput: () => Promise<object | undefined>): Promise<TaskTokenOutcome> {
  if (await keepTaskToken(holder, taskToken)) {
    return 'KEPT';
  }
  const output = await storedOutput();
  if (output === undefined) {
    return 'NOTHING_TO_WAIT_FOR';
  }
  await completeTask(taskToken, output);
  return 'COMPLETED_FROM_STORED_STATE';
}
