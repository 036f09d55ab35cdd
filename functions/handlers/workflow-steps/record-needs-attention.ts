import * as z from 'zod';
import { recordNeedsAttention } from '#proposals/record-needs-attention';
import { workflowHandler } from '#runtime/workflow-handler';

/** Workflow step after a failed step's retries: the proposal is marked as needing a person. */
export const handler = workflowHandler(z.object({ proposalId: z.string().min(1), error: z.string().max(200).optional() }), async ({ proposalId, error }) => {
  await recordNeedsAttention(proposalId, error);
  return { proposalId, needsAttention: true };
});
