import { environments } from '#runtime/environment';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent for a public client (the local provider's); set for a confidential one. */
  clientSecret: string | undefined;
  /** The `aud` our API requires of bearer access tokens (the resource indicator of our API). */
  audience: string;
  sessionCookieSecure: boolean;
}

const [signIn, cookies] = environments('signIn', 'cookies');

/**
 * Staff sign-in settings (the `signIn` and `cookies` groups of functions/runtime/environment.ts),
 * read when the first module that identifies staff loads, so a function deployed without them
 * fails at cold start rather than on someone's request.
 */
export const authConfig: OidcConfig = {
  issuer: signIn.OIDC_ISSUER,
  clientId: signIn.OIDC_CLIENT_ID,
  clientSecret: signIn.OIDC_CLIENT_SECRET,
  audience: signIn.OIDC_AUDIENCE,
  sessionCookieSecure: cookies.SESSION_COOKIE_SECURE,
};
