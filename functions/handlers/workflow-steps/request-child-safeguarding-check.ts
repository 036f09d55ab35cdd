import { createCheckRequestHandler } from '#proposals/check-request';

/** Workflow task: sends the child safeguarding enquiry and keeps the task token until it is answered. */
export const handler = createCheckRequestHandler('CHILD_SAFEGUARDING');
