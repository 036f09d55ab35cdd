import * as z from 'zod';
import { isFinal } from '#domain/statuses';
import { now } from '#runtime/clock';
import { stopChecksWorkflow } from '#checks-workflow/executions';
import { logger } from '#runtime/logger';
import { pendingStartsBefore, removePendingStart, startWorkflowOfStoredProposal } from '#proposals/pending-starts';
import { loadProposal } from '#store/proposal-store';
import { workflowHandler } from '#runtime/workflow-handler';

/** A request that stored a proposal this recently may still be starting its workflow itself. */
const graceSeconds = 30;

/**
 * Every minute: the workflow of any proposal whose start was interrupted (see pending-starts.ts).
 * A proposal withdrawn meanwhile, or gone, is not started; its marker is just removed.
 */
export const handler = workflowHandler(z.object({}).loose(), async () => {
  const pending = await pendingStartsBefore(new Date(now().getTime() - graceSeconds * 1000));
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
});
