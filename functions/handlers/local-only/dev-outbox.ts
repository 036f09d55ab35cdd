import { config } from '#runtime/config';
import { NotFoundError } from '#runtime/errors';
import { httpHandler, json } from '#runtime/http-handler';
import { listOutbox } from '#store/outbox';

/**
 * GET /api/dev/outbox, local stack only: every message "sent", with its link, so a person trying
 * the system can act as the police, children's services or a resident. Never deployed; and if it
 * ever were, it answers 404 outside the local stack.
 */
export const handler = httpHandler(async () => {
  if (!config.localDevelopmentEndpoints) {
    throw new NotFoundError();
  }
  return json(200, await listOutbox());
});
