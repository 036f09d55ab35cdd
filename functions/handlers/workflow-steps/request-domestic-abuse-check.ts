import { requestCheckStep } from '#proposals/request-check';

/** Workflow task: sends the domestic abuse enquiry and keeps the task token until it is answered. */
export const handler = requestCheckStep('DOMESTIC_ABUSE');
