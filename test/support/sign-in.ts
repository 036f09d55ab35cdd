import * as client from 'openid-client';
import { localClientId, localDemoPassword } from '../../infra/local/oidc-provider.ts';

/**
 * Signs staff in to a running local stack through its real OpenID Connect provider, with fetch
 * doing what a browser does: follow redirects, keep cookies, submit the login form.
 */

export type SignInAttempt =
  | { signedIn: true; cookie: string; csrfToken: string; /** The Set-Cookie header that set the session cookie, attributes and all. */ setCookie: string }
  | { signedIn: false; status: number; page: string };

/** One cookie jar for every origin, as a browser keeps for one host (cookies ignore ports). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  /** The last Set-Cookie header for each name, as sent. */
  readonly setCookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      this.setCookies.set(name, header);
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired || value === '') {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function fetchWithJar(jar: CookieJar, url: URL, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string> | undefined), cookie: jar.header() } });
  jar.store(response);
  return response;
}

/** Follows redirects until a page, or until `stopAt` says the next address is where we wanted to end up. */
async function follow(jar: CookieJar, response: Response, from: URL, stopAt: (location: URL) => boolean): Promise<{ response: Response; url: URL }> {
  let current = response;
  let url = from;
  for (let hops = 0; current.status >= 300 && current.status < 400; hops += 1) {
    const location = current.headers.get('location');
    if (location === null || hops > 10) {
      throw new Error(`Redirect without a usable location from ${url.pathname}`);
    }
    const next = new URL(location, url);
    if (stopAt(next)) {
      return { response: current, url: next };
    }
    await current.body?.cancel();
    url = next;
    current = await fetchWithJar(jar, url);
  }
  return { response: current, url };
}

/** The login form's action, from the provider's page. */
function formAction(page: string, pageUrl: URL): URL {
  const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
  if (action === undefined) {
    throw new Error('The provider showed no login form');
  }
  return new URL(action.replace(/&amp;/g, '&'), pageUrl);
}

/** Goes to the login form from a redirect to the provider, and submits it. */
async function submitLogin(jar: CookieJar, start: Response, startUrl: URL, username: string, password: string, stopAt: (location: URL) => boolean) {
  const loginPage = await follow(jar, start, startUrl, () => false);
  const page = await loginPage.response.text();
  const submitted = await fetchWithJar(jar, formAction(page, loginPage.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  return follow(jar, submitted, loginPage.url, stopAt);
}

/**
 * The whole sign-in as a browser does it: GET /auth/sign-in, the provider's login form, the
 * callback, and the session cookie; then the CSRF token from GET /auth/session.
 */
export async function signInWith(stackUrl: string, username: string, password: string): Promise<SignInAttempt> {
  return signInWithJar(new CookieJar(), stackUrl, username, password);
}

async function signInWithJar(jar: CookieJar, stackUrl: string, username: string, password: string): Promise<SignInAttempt> {
  const home = new URL('/', stackUrl).href;
  const startUrl = new URL('/auth/sign-in', stackUrl);
  const start = await fetchWithJar(jar, startUrl);
  const end = await submitLogin(jar, start, startUrl, username, password, (location) => location.href === home);
  const name = ['session', '__Host-session'].find((candidate) => jar.get(candidate) !== undefined);
  if (end.url.href !== home || name === undefined) {
    return { signedIn: false, status: end.response.status, page: await end.response.text() };
  }
  const cookie = `${name}=${jar.get(name) ?? ''}`;
  const session = await fetch(new URL('/auth/session', stackUrl), { headers: { cookie } });
  if (session.status !== 200) {
    throw new Error(`Signed in, but GET /auth/session answered ${session.status}`);
  }
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return { signedIn: true, cookie, csrfToken, setCookie: jar.setCookies.get(name) ?? '' };
}

/** A browser that has signed in: it keeps every cookie, the identity provider's included. */
export interface SignedInBrowser {
  cookie: string;
  csrfToken: string;
  /** One request with the browser's cookies, redirects not followed. */
  fetch(url: URL | string, init?: RequestInit): Promise<Response>;
  /** Opens an address as a browser would, following redirects to the page at the end. */
  open(url: URL | string): Promise<{ url: URL; status: number; page: string }>;
}

/** Signs a demo user in like a browser, keeping the browser's cookies for what the test does next. */
export async function signInAsBrowser(stackUrl: string, userId: string): Promise<SignedInBrowser> {
  const jar = new CookieJar();
  const attempt = await signInWithJar(jar, stackUrl, userId, localDemoPassword);
  if (!attempt.signedIn) {
    throw new Error(`Sign-in as ${userId} failed (${attempt.status})`);
  }
  return {
    cookie: attempt.cookie,
    csrfToken: attempt.csrfToken,
    fetch: (url, init) => fetchWithJar(jar, new URL(url), init),
    async open(url) {
      const start = new URL(url);
      const end = await follow(jar, await fetchWithJar(jar, start), start, () => false);
      return { url: end.url, status: end.response.status, page: await end.response.text() };
    },
  };
}

/** Signs a demo user in with the demo password; `cookie` is ready for a Cookie header. */
export async function signIn(stackUrl: string, userId: string): Promise<{ cookie: string; csrfToken: string }> {
  const attempt = await signInWith(stackUrl, userId, localDemoPassword);
  if (!attempt.signedIn) {
    throw new Error(`Sign-in as ${userId} failed (${attempt.status})`);
  }
  return { cookie: attempt.cookie, csrfToken: attempt.csrfToken };
}

/** The stack's provider, found where GET /auth/sign-in sends the browser. */
async function issuerOf(stackUrl: string): Promise<URL> {
  const response = await fetch(new URL('/auth/sign-in', stackUrl), { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 303 || location === null) {
    throw new Error(`GET /auth/sign-in answered ${response.status}`);
  }
  return new URL(new URL(location).origin);
}

/**
 * Tokens from the stack's provider for a demo user, by the same authorization code + PKCE flow a
 * browser-based client would use (there is no password grant): a tiny client that reads the code
 * from the redirect to the callback instead of following it.
 */
export async function tokensFor(stackUrl: string, userId: string): Promise<{ accessToken: string; idToken: string }> {
  return tokensFromProvider(await issuerOf(stackUrl), stackUrl, userId);
}

/** As {@link tokensFor}, from a provider named by its issuer; `stackUrl` is where its client's callback is. */
export async function tokensFromProvider(issuer: URL, stackUrl: string, userId: string): Promise<{ accessToken: string; idToken: string }> {
  const oidc = await client.discovery(issuer, localClientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
  const redirectUri = new URL('/auth/callback', stackUrl).href;
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authorizationUrl = client.buildAuthorizationUrl(oidc, {
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
  });
  const jar = new CookieJar();
  const start = await fetchWithJar(jar, authorizationUrl);
  const end = await submitLogin(jar, start, authorizationUrl, userId, localDemoPassword, (location) => location.href.startsWith(`${redirectUri}?`));
  if (!end.url.href.startsWith(`${redirectUri}?`)) {
    throw new Error(`The provider did not send ${userId} back with a code (${end.response.status})`);
  }
  const tokens = await client.authorizationCodeGrant(oidc, end.url, { pkceCodeVerifier: codeVerifier, expectedState: state });
  if (tokens.id_token === undefined) {
    throw new Error('The provider issued no ID token');
  }
  return { accessToken: tokens.access_token, idToken: tokens.id_token };
}

/** An access token (a JWT for the stack's API) for a demo user: use as `Authorization: Bearer <token>`. */
export async function bearerTokenFor(stackUrl: string, userId: string): Promise<string> {
  return (await tokensFor(stackUrl, userId)).accessToken;
}
