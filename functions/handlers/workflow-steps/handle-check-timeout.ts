import * as z from 'zod';
import { followUpUnansweredCheck } from '#proposals/follow-up-unanswered-check';
import { workflowHandler } from '#runtime/workflow-handler';

/** Workflow step: a check's wait ended without an answer; remind or mark it overdue, and say how long to wait next. */
export const handler = workflowHandler(z.object({ proposalId: z.string().min(1), checkId: z.string().min(1) }), async ({ proposalId, checkId }) => ({
  proposalId,
  checkId,
  ...(await followUpUnansweredCheck(proposalId, checkId)),
}));
