import { requestCheckStep } from '#proposals/request-check';

/** Workflow task (one per adult resident): asks for consent and keeps the task token until answered. */
export const handler = requestCheckStep('RESIDENT_CONSENT');
