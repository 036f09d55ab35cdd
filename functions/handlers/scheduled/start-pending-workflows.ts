import * as z from 'zod';
import { now } from '#runtime/clock';
import { startInterruptedWorkflows } from '#proposals/pending-starts';
import { workflowHandler } from '#runtime/workflow-handler';

/** A request that stored a proposal this recently may still be starting its workflow itself. */
const graceSeconds = 30;

/** Every minute: the workflow of any proposal whose start was interrupted (proposals/pending-starts.ts). */
export const handler = workflowHandler(z.object({}).loose(), async () => startInterruptedWorkflows(new Date(now().getTime() - graceSeconds * 1000)));
