import * as z from 'zod';
import { assessChecks } from '#proposals/assess-checks';
import { workflowHandler } from '#runtime/workflow-handler';

/** Workflow step: every branch has an answer; apply the rules and report the status reached. */
export const handler = workflowHandler(z.object({ proposalId: z.string().min(1) }), async ({ proposalId }) => ({ proposalId, status: await assessChecks(proposalId) }));
