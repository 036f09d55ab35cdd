import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '#runtime/aws-clients';
import { logger } from '#runtime/logger';

/**
 * Errors that mean the task is no longer waiting: it timed out, the execution stopped, or it was
 * already completed. The answer is in our table either way, and the workflow reads it from there
 * the next time it asks (request handlers are answer-aware), so nothing is lost.
 */
/** What the workflow receives when a check is answered: ids and status only. */
export function checkAnsweredOutput(check: { checkId: string }) {
  return { checkId: check.checkId, status: 'RESPONDED' as const };
}

/**
 * The error a resident's consent task fails with when they refuse: the workflow catches it on the
 * Parallel of checks and records the refusal at once, instead of waiting for the other answers.
 * Only the name travels; whose refusal it was stays in our table.
 */
export const consentRefusedError = 'ConsentRefused';

const closedTaskErrors = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

/** Completes a workflow task; other failures throw so a workflow step is retried. */
export async function completeTask(taskToken: string, output: object): Promise<'COMPLETED' | 'TASK_CLOSED'> {
  return sendTaskResult('SendTaskSuccess', () => stepFunctions.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));
}

/** Fails a workflow task with a named error (which the workflow's Catch matches); as completeTask otherwise. */
export async function failTask(taskToken: string, error: typeof consentRefusedError): Promise<'COMPLETED' | 'TASK_CLOSED'> {
  return sendTaskResult('SendTaskFailure', () => stepFunctions.send(new SendTaskFailureCommand({ taskToken, error, cause: 'A resident has not given consent' })));
}

async function sendTaskResult(name: string, send: () => Promise<unknown>): Promise<'COMPLETED' | 'TASK_CLOSED'> {
  try {
    await send();
    return 'COMPLETED';
  } catch (error) {
    if (error instanceof Error && closedTaskErrors.has(error.name)) {
      logger.info('Task already closed', { errorName: error.name });
      return 'TASK_CLOSED';
    }
    throw new Error(`${name} failed`, { cause: error });
  }
}

/**
 * For HTTP handlers, after the answer is committed: the person's answer is safe, so a failure to
 * wake the workflow must not turn into an error page. It is logged; the workflow picks the answer
 * up when its wait next ends.
 */
export async function completeTaskAfterCommit(taskToken: string | undefined, output: object | { failWith: typeof consentRefusedError }): Promise<void> {
  if (taskToken === undefined) {
    return;
  }
  try {
    await ('failWith' in output ? failTask(taskToken, output.failWith) : completeTask(taskToken, output));
  } catch (error) {
    logger.error('Could not complete workflow task after commit', { errorName: error instanceof Error ? error.name : 'unknown', causeName: error instanceof Error && error.cause instanceof Error ? error.cause.name : undefined });
  }
}
