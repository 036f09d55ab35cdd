import * as z from 'zod';
import { waitForOfficer } from '#proposals/wait-for-officer';
import { workflowHandler } from '#runtime/workflow-handler';

/** Workflow task: waits for the officer's decision or the countersignature (keeps the task token, or finishes from the stored status). */
export const handler = workflowHandler(
  z.object({ proposalId: z.string().min(1), stage: z.enum(['DECISION', 'COUNTERSIGNATURE']), taskToken: z.string().min(1) }),
  async ({ proposalId, stage, taskToken }) => ({ proposalId, action: await waitForOfficer(proposalId, stage, taskToken) }),
);
