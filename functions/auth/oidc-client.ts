import * as client from 'openid-client';
import { authConfig as oidcConfig } from './auth-config.ts';

/** The scopes we ask for; Cognito knows them too. Groups and courts come with `profile`. */
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

/** Where the provider sends the browser back to; registered with the provider. */
export function callbackUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl}/auth/callback`;
}
