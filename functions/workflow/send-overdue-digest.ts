import { z } from 'zod';
import { workflowHandler } from '#shared/workflow-handler';

/** Work in progress: the daily digest of overdue checks per court team. */
export const handler = workflowHandler(z.object({}).loose(), async () => ({ courts: 0, sent: 0 }));
