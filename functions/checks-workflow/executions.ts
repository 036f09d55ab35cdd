import { ExecutionAlreadyExists, ExecutionDoesNotExist, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '#runtime/aws-clients';
import { requireStateMachineArn } from '#runtime/config';

/**
 * One execution per proposal, named by the proposal id: a retried start finds the execution that
 * exists instead of creating a second one.
 */
export async function startChecksWorkflow(proposalId: string): Promise<void> {
  try {
    await stepFunctions.send(new StartExecutionCommand({ stateMachineArn: requireStateMachineArn(), name: proposalId, input: JSON.stringify({ proposalId }) }));
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) {
      return;
    }
    throw new Error('Could not start the checks workflow', { cause: error });
  }
}

export function executionArn(proposalId: string): string {
  return `${requireStateMachineArn().replace(':stateMachine:', ':execution:')}:${proposalId}`;
}

/** Stops the proposal's execution; one that has already ended is fine. */
export async function stopChecksWorkflow(proposalId: string, cause: string): Promise<void> {
  try {
    await stepFunctions.send(new StopExecutionCommand({ executionArn: executionArn(proposalId), error: 'ProposalClosed', cause }));
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) {
      return;
    }
    throw new Error('Could not stop the checks workflow', { cause: error });
  }
}
