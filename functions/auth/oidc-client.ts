import * as client from 'openid-client';
import { authConfig as oidcConfig } from './auth-config.ts';

/** The scopes we ask for; Cognito knows them too. The ID token brings `cognito:groups` and `custom:courts` with them. */
export const signInScopes = 'openid profile email';

let discovered: Promise<client.Configuration> | undefined;

/**
 * The provider's metadata, fetched once per container and shared by every request. A failed
 * fetch is not cached, so the next request tries again. Plain http is allowed only for a loopback
 * issuer: the local stack's provider.
 */
export function oidcClient(): Promise<client.Configuration> {
  discovered ??= discover().catch((error: unknown) => {
    discovered = undefined;
    throw new Error('OpenID Connect discovery failed', { cause: error });
  });
  return discovered;
}

function discover(): Promise<client.Configuration> {
  const issuer = new URL(oidcConfig.issuer);
  const loopbackHttp = issuer.protocol === 'http:' && (issuer.hostname === '127.0.0.1' || issuer.hostname === 'localhost');
  const authentication = oidcConfig.clientSecret === undefined ? client.None() : client.ClientSecretBasic(oidcConfig.clientSecret);
  return client.discovery(issuer, oidcConfig.clientId, undefined, authentication, loopbackHttp ? { execute: [client.allowInsecureRequests] } : undefined);
}

/**
 * The origin of the provider's sign-out endpoint, if it has one (Cognito's discovery names its
 * `/logout`). Staff pages allow their sign-out form to go there: the form posts to us, and our
 * redirect onwards is checked against the page's CSP `form-action`, redirects included.
 */
export async function providerSignOutOrigin(): Promise<string | undefined> {
  const endpoint = (await oidcClient()).serverMetadata().end_session_endpoint;
  return endpoint === undefined ? undefined : new URL(endpoint).origin;
}
