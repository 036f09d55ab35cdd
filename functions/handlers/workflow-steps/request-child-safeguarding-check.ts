import { requestCheckStep } from '#proposals/request-check';

/** Workflow task: sends the child safeguarding enquiry and keeps the task token until it is answered. */
export const handler = requestCheckStep('CHILD_SAFEGUARDING');
