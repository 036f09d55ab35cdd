import { isFinal } from '#domain/statuses';
import { logger } from '#runtime/logger';
import { startChecksWorkflow, stopChecksWorkflow } from '#checks-workflow/executions';
import { pendingStartsBefore, removePendingStart } from '#store/pending-starts';
import { loadProposal } from '#store/proposal-store';

/**
 * A new proposal is stored, then its workflow is started: two calls, and the process can stop
 * between them (a Lambda timeout, a crash), leaving checks that no one is ever asked. So the
 * proposal is stored with a marker that says "start my workflow" (store/pending-starts.ts),
 * removed once the start has happened; a repair that runs every minute
 * (functions/handlers/scheduled/start-pending-workflows.ts) starts any workflow whose marker is
 * still there. Starting twice is harmless: executions are named by proposal id.
 */

/** Starts the workflow, then removes the marker; a failed removal only means the repair starts it again (harmlessly). */
export async function startWorkflowOfStoredProposal(proposalId: string): Promise<void> {
  await startChecksWorkflow(proposalId);
  try {
    await removePendingStart(proposalId);
  } catch (error) {
    logger.warn('Could not remove the pending-start marker; the repair will', { proposalId, errorName: error instanceof Error ? error.name : 'unknown' });
  }
}

/**
 * The repair: the workflow of every proposal whose marker is older than `olderThan` (newer ones
 * belong to requests that may still be starting it themselves). A proposal withdrawn meanwhile,
 * or gone, is not started; its marker is just removed.
 */
export async function startInterruptedWorkflows(olderThan: Date): Promise<{ pending: number; started: number }> {
  const pending = await pendingStartsBefore(olderThan);
  let started = 0;
  for (const proposalId of pending) {
    const stored = await loadProposal(proposalId);
    if (stored?.proposal.status === 'CHECKS_IN_PROGRESS') {
      await startWorkflowOfStoredProposal(proposalId);
      // A withdrawal between the read above and the start stopped no execution (there was none):
      // read again and stop it. A withdrawal after this read stops the execution itself.
      const afterStart = await loadProposal(proposalId);
      if (afterStart !== undefined && isFinal(afterStart.proposal.status)) {
        await stopChecksWorkflow(proposalId, 'The proposal was closed before its workflow started');
      }
      started += 1;
      logger.warn('Workflow started by the repair: the request that stored the proposal did not start it', { proposalId });
    } else {
      await removePendingStart(proposalId);
    }
  }
  return { pending: pending.length, started };
}
