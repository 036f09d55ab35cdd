import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { authConfig } from './auth-config.ts';
import { now } from '#runtime/clock';
import { oidcClient } from './oidc-client.ts';

let keySet: ReturnType<typeof createRemoteJWKSet> | undefined;

/** The provider's signing keys, from the jwks_uri its discovery names; fetched and cached per container (jose refetches on an unknown key id). */
async function providerKeys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
  if (keySet === undefined) {
    const jwksUri = (await oidcClient()).serverMetadata().jwks_uri;
    if (jwksUri === undefined) {
      throw new Error('The identity provider publishes no jwks_uri');
    }
    keySet = createRemoteJWKSet(new URL(jwksUri));
  }
  return keySet;
}

/** Token faults (bad signature, expired, wrong issuer, malformed…), as opposed to failing to fetch the keys. */
function isInvalidToken(error: unknown): boolean {
  return error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout) && !(error instanceof errors.JWKSInvalid);
}

/**
 * Is this access token meant for our API? Cognito access tokens (and the local provider's, shaped
 * like them) carry no `aud`: they say `token_use: access` and name the app client in `client_id`,
 * so OIDC_AUDIENCE is that client id. Another issuer's token names our API in `aud`. An ID token
 * (`token_use: id`, whose `aud` is the client id too) is never a bearer token.
 */
function isForOurApi(payload: JWTPayload): boolean {
  if (payload.token_use === 'id') {
    return false;
  }
  if (payload.aud !== undefined) {
    return Array.isArray(payload.aud) ? payload.aud.includes(authConfig.audience) : payload.aud === authConfig.audience;
  }
  return payload.token_use === 'access' && payload.client_id === authConfig.audience;
}

/**
 * The claims of a valid bearer access token: signed by the provider's key, from our issuer, for
 * our API, not expired. Undefined for any token that is not; a failure to reach the provider throws.
 */
export async function verifyAccessToken(token: string): Promise<JWTPayload | undefined> {
  const keys = await providerKeys();
  try {
    const { payload } = await jwtVerify(token, keys, { issuer: authConfig.issuer, algorithms: ['RS256', 'ES256'], requiredClaims: ['sub', 'exp'], currentDate: now() });
    return isForOurApi(payload) ? payload : undefined;
  } catch (error) {
    if (isInvalidToken(error)) {
      return undefined;
    }
    throw new Error('Access token verification failed', { cause: error });
  }
}
