import * as z from 'zod';
import { now } from '#runtime/clock';
import { sendAgencyDigests } from '#proposals/send-agency-digests';
import { workflowHandler } from '#runtime/workflow-handler';

/** Each working morning (the registry's schedule; a timer locally): each agency mailbox's outstanding enquiries from every court. */
export const handler = workflowHandler(z.object({}).loose(), async () => sendAgencyDigests(now()));
