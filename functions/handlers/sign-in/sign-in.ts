import * as client from 'openid-client';
import { now } from '#runtime/clock';
import { config } from '#runtime/config';
import { httpHandler } from '#runtime/http-handler';
import { oidcClient, signInScopes } from '#auth/oidc-client';
import { callbackUrl } from '#auth/sign-in-urls';
import { seeOther } from '#runtime/redirect';
import { signInCookie, startSignIn } from '#auth/sign-in-state';

/**
 * GET /auth/sign-in: sends the browser to the identity provider (authorization code + PKCE). The
 * verifier, state and nonce stay in the table under a random id; the browser gets only that id, in
 * a short-lived cookie the callback needs, so a callback started in another browser fails.
 */
export const handler = httpHandler(async () => {
  const oidc = await oidcClient();
  const { id, pending } = await startSignIn(now());
  const authorizationUrl = client.buildAuthorizationUrl(oidc, {
    redirect_uri: callbackUrl(config.publicBaseUrl),
    scope: signInScopes,
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return seeOther(authorizationUrl.href, [signInCookie(id)]);
});
