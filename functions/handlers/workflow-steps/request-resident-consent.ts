import { createCheckRequestHandler } from '#proposals/check-request';

/** Workflow task (one per adult resident): asks for consent and keeps the task token until answered. */
export const handler = createCheckRequestHandler('RESIDENT_CONSENT');
