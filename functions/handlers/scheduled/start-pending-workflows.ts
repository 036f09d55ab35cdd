import * as z from 'zod';
import { now } from '#runtime/clock';
import { startInterruptedWorkflows } from '#proposals/pending-starts';
import { endWorkflowsAfterInterruptedWithdrawals } from '#proposals/withdraw-consent';
import { workflowHandler } from '#runtime/workflow-handler';

/** A request that stored a proposal this recently may still be starting its workflow itself. */
const graceSeconds = 30;

/**
 * Every minute: the workflow of any proposal whose start was interrupted (proposals/pending-starts.ts),
 * and of any whose end after a withdrawal of consent was (proposals/withdraw-consent.ts).
 */
export const handler = workflowHandler(z.object({}).loose(), async () => {
  const olderThan = new Date(now().getTime() - graceSeconds * 1000);
  return { ...(await startInterruptedWorkflows(olderThan)), ...(await endWorkflowsAfterInterruptedWithdrawals(olderThan)) };
});
