import { config } from '#runtime/config';
import { NotFoundError } from '#runtime/errors';
import { listDomainEvents } from '#store/domain-events';
import { listOutbox } from '#store/outbox';
import { domainEventRows, outboxRows } from '#pages/link/outbox-rows';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';

/**
 * GET /dev/outbox, local stack only: every message "sent", each link a real link, so a person
 * trying the system can answer as the police, children's services or a resident; and beside them
 * every domain event other systems would hear of, and whether the local EventBridge has it yet.
 * Never deployed; and if it ever were, it answers 404 outside the local stack.
 */
export const handler = pageHandler(async () => {
  if (!config.localDevelopmentEndpoints) {
    throw new NotFoundError();
  }
  const [messages, events] = await Promise.all([listOutbox(), listDomainEvents()]);
  return renderPage('outbox.njk', { rows: outboxRows(messages), events: domainEventRows(events) });
});
