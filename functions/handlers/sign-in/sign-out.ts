import * as client from 'openid-client';
import { authConfig } from '#auth/auth-config';
import { now } from '#runtime/clock';
import { config } from '#runtime/config';
import { requireCsrfToken } from '#auth/csrf';
import { httpHandler } from '#runtime/http-handler';
import { oidcClient } from '#auth/oidc-client';
import { seeOther } from '#runtime/redirect';
import { clearedSessionCookie, deleteSession, sessionFromRequest } from '#auth/sessions';

/**
 * POST /auth/sign-out (with the CSRF token, so another site cannot sign staff out): deletes the
 * session, so its cookie stops working everywhere at once, clears the cookie, and sends the browser
 * to the provider to end its sign-in there too, when the provider offers that (OIDC RP-initiated
 * logout); otherwise home.
 */
export const handler = httpHandler(async (event) => {
  const session = await sessionFromRequest(event, now());
  if (session !== undefined) {
    requireCsrfToken(event, session);
    await deleteSession(session);
  }
  const oidc = await oidcClient();
  const home = `${config.publicBaseUrl}/`;
  const location =
    oidc.serverMetadata().end_session_endpoint === undefined
      ? home
      : client.buildEndSessionUrl(oidc, { client_id: authConfig.clientId, post_logout_redirect_uri: home }).href;
  return seeOther(location, [clearedSessionCookie()]);
});
