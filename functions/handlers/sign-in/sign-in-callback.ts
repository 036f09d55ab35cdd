import * as client from 'openid-client';
import { SignInFailedError } from '#runtime/errors';
import { now } from '#runtime/clock';
import { config } from '#runtime/config';
import { readCookie } from '#runtime/cookies';
import { recordTeamMember } from '#store/staff-directory';
import { httpHandler, type HttpEvent } from '#runtime/http-handler';
import { logger } from '#runtime/logger';
import { oidcClient, providerSignOutOrigin } from '#auth/oidc-client';
import { callbackUrl } from '#auth/sign-in-urls';
import { seeOther } from '#runtime/redirect';
import { createSession, sessionCookie } from '#auth/sessions';
import { clearedSignInCookie, signInCookieName, takeSignIn } from '#auth/sign-in-state';
import { resolveStaffUser } from '#auth/staff-claims';
import { signInRefusedPage } from '#pages/sign-in-refused';

/** The provider's answer, or a refusal we caused or the user did (bad state, reused code, cancelled). */
function isSignInRefusal(error: unknown): boolean {
  return error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError || error instanceof client.ClientError;
}

async function exchangeCode(event: HttpEvent, pending: { codeVerifier: string; state: string; nonce: string }) {
  // Built from our configured address, never the Host header: it must equal the registered redirect URI.
  const currentUrl = new URL(`${callbackUrl(config.publicBaseUrl)}?${event.rawQueryString}`);
  try {
    const tokens = await client.authorizationCodeGrant(await oidcClient(), currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    return tokens.claims();
  } catch (error) {
    if (isSignInRefusal(error)) {
      logger.warn('Sign-in refused', { errorName: error instanceof Error ? error.name : 'unknown' });
      throw new SignInFailedError();
    }
    throw new Error('Sign-in code exchange failed', { cause: error });
  }
}

/**
 * GET /auth/callback: the provider sends the browser back here. openid-client checks the state,
 * exchanges the code with the PKCE verifier and validates the ID token (signature, issuer,
 * audience, expiry, nonce). The user comes from the ID token's claims; then a server-side session
 * starts and the browser gets only its random id.
 */
export const handler = httpHandler(async (event) => {
  const signInId = readCookie(event, signInCookieName);
  const pending = signInId === undefined ? undefined : await takeSignIn(signInId, now());
  if (pending === undefined) {
    throw new SignInFailedError();
  }
  const claims = await exchangeCode(event, pending);
  const resolved = claims === undefined ? { refused: { reason: 'NO_ROLE' } as const } : resolveStaffUser(claims);
  if ('refused' in resolved) {
    // Someone the provider knows but who has no single role here: a page saying why and whom to ask,
    // no session, and a button that ends the provider's sign-in (the discovery is cached: the code
    // exchange has just used it).
    logger.warn('Sign-in refused: no single role', { reason: resolved.refused.reason });
    const signOutOrigin = await providerSignOutOrigin().catch(() => undefined);
    return signInRefusedPage(resolved.refused, [clearedSignInCookie()], signOutOrigin);
  }
  const { user } = resolved;
  const sessionId = await createSession(user, now());
  // The directory is how notices find people; a failure here must not keep anyone out.
  await recordTeamMember(user, now()).catch((error: unknown) => logger.warn('Could not record the staff directory entry', { userId: user.id, errorName: error instanceof Error ? error.name : 'unknown' }));
  logger.info('Staff signed in', { userId: user.id, role: user.role });
  return seeOther('/', [sessionCookie(sessionId), clearedSignInCookie()]);
});
