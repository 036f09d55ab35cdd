/**
 * The addresses the identity provider and our handlers must agree on. Pure, with no settings of
 * its own, so the CDK app registers exactly these with the Cognito app client.
 */

/** Where the provider sends the browser back after sign-in; the app client's callback URL. */
export function callbackUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl}/auth/callback`;
}

/** Where the provider sends the browser after sign-out (the start page); the app client's sign-out URL. */
export function signedOutUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl}/`;
}

/**
 * The provider's sign-out address with what Cognito's `/logout` needs: `client_id` and
 * `logout_uri` (one of the app client's sign-out URLs). Cognito does not read OpenID Connect's
 * `post_logout_redirect_uri`; without these two it ends nothing and shows an error instead.
 */
export function providerSignOutUrl(endSessionEndpoint: string, clientId: string, publicBaseUrl: string): URL {
  const url = new URL(endSessionEndpoint);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('logout_uri', signedOutUrl(publicBaseUrl));
  return url;
}
