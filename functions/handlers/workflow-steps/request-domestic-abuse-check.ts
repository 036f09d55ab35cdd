import { createCheckRequestHandler } from '#proposals/check-request';

/** Workflow task: sends the domestic abuse enquiry and keeps the task token until it is answered. */
export const handler = createCheckRequestHandler('DOMESTIC_ABUSE');
