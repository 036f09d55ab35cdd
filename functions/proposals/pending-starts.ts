import { isFinal } from '#domain/statuses';
import { logger } from '#runtime/logger';
import { startChecksWorkflow, stopChecksWorkflow } from '#checks-workflow/executions';
import { pendingStartsBefore, removePendingStart } from '#store/pending-starts';
import { loadProposal } from '#store/proposal-store';

/**
 * A new proposal is stored, then its workflow is started: two calls, and the process can stop
 * between them (a Lambda timeout, a crash), leaving checks that no one is ever asked. So the
 * proposal is stored with a marker that says "start my workflow" (store/pending-starts.ts), in the
 * same transaction; a repair that runs every minute
 * (functions/handlers/scheduled/start-pending-workflows.ts) starts any workflow whose marker is
 * still there. The workflow's first step removes the marker (`workflowHasStarted`), so the
 * officer's request ends once the proposal and its start are durable, without a third write.
 * Starting twice is harmless: executions are named by proposal id.
 */

/** The workflow's first step is running: the repair has nothing to do for this proposal. */
export async function workflowHasStarted(proposalId: string): Promise<void> {
  await removePendingStart(proposalId);
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
      // If its first step is only waiting for a slot (a burst), this start finds the execution running.
      await startChecksWorkflow(proposalId);
      await removePendingStart(proposalId);
      // A withdrawal between the read above and the start stopped no execution (there was none):
      // read again and stop it. A withdrawal after this read stops the execution itself.
      const afterStart = await loadProposal(proposalId);
      if (afterStart !== undefined && isFinal(afterStart.proposal.status)) {
        await stopChecksWorkflow(proposalId, 'The proposal was closed before its workflow started');
      }
      started += 1;
      logger.warn('Workflow started by the repair: a minute after the proposal was stored, its first step had not run', { proposalId });
    } else {
      await removePendingStart(proposalId);
    }
  }
  return { pending: pending.length, started };
}
