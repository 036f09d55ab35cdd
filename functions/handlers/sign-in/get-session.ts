import { now } from '#runtime/clock';
import { csrfTokenFor } from '#auth/csrf';
import { UnauthenticatedError } from '#runtime/errors';
import { httpHandler, json } from '#runtime/http-handler';
import { sessionFromRequest, touchSession } from '#auth/sessions';

/**
 * GET /auth/session: who is signed in, and the CSRF token that pages and scripts send with every
 * state-changing request. 401 without a live session.
 */
export const handler = httpHandler(async (event) => {
  const at = now();
  const session = await sessionFromRequest(event, at);
  if (session === undefined) {
    throw new UnauthenticatedError();
  }
  await touchSession(session, at);
  return json(200, {
    user: { id: session.userId, displayName: session.displayName, role: session.role, courts: session.courts },
    csrfToken: csrfTokenFor(session),
  });
});
