import * as z from 'zod';
import { now } from '#runtime/clock';
import { sendOverdueDigests } from '#proposals/send-overdue-digests';
import { workflowHandler } from '#runtime/workflow-handler';

/** Each working morning (the registry's schedule; a timer locally): the court teams' lists of overdue checks. */
export const handler = workflowHandler(z.object({}).loose(), async () => sendOverdueDigests(now()));
