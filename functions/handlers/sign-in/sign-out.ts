import { authConfig } from '#auth/auth-config';
import { now } from '#runtime/clock';
import { config } from '#runtime/config';
import { requireCsrfToken } from '#auth/csrf';
import { httpHandler } from '#runtime/http-handler';
import { oidcClient } from '#auth/oidc-client';
import { seeOther } from '#runtime/redirect';
import { clearedSessionCookie, deleteSession, sessionFromRequest } from '#auth/sessions';
import { providerSignOutUrl, signedOutUrl } from '#auth/sign-in-urls';

/**
 * POST /auth/sign-out (with the CSRF token, so another site cannot sign staff out): deletes the
 * session, so its cookie stops working everywhere at once, clears the cookie, and sends the browser
 * to the provider's sign-out (Cognito's `/logout`, with `client_id` and `logout_uri`), which ends
 * its own sign-in and sends the browser back to the start page. Without that second step the
 * provider would still know the browser, and "Sign in" on a shared court PC would let the next
 * person in as the last one without a password. With our session already gone (it expired), the
 * provider's is still ended: that is what pressing "Sign out" asks for. Staff pages allow this
 * redirect in their CSP (`form-action`).
 */
export const handler = httpHandler(async (event) => {
  const session = await sessionFromRequest(event, now());
  if (session !== undefined) {
    requireCsrfToken(event, session);
    await deleteSession(session);
  }
  const endSessionEndpoint = (await oidcClient()).serverMetadata().end_session_endpoint;
  const location =
    endSessionEndpoint === undefined ? signedOutUrl(config.publicBaseUrl) : providerSignOutUrl(endSessionEndpoint, authConfig.clientId, config.publicBaseUrl).href;
  return seeOther(location, [clearedSessionCookie()]);
});
