import { afterEach, describe, expect, it } from 'vitest';
import { SignJWT, decodeJwt, generateKeyPair } from 'jose';
import { setClockOffsetForTesting } from '#runtime/clock';
import { localClientId, startLocalOidcProvider } from '../../infra/local/oidc-provider.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { proposalBody } from '../support/proposals.ts';
import { bearerTokenFor, signIn, signInAsBrowser, signInWith, tokensFor, tokensFromProvider } from '../support/sign-in.ts';

const { stack } = useLocalStack();

afterEach(() => {
  setClockOffsetForTesting(0);
});

interface Reply<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** A request with exactly the headers given: no X-Local-User, so only sign-in can identify the caller. */
async function call<T = Record<string, unknown>>(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply<T>> {
  const response = await fetch(`${stack.url}${path}`, { method, headers, redirect: 'manual', ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as T, headers: response.headers };
}

const json = { 'content-type': 'application/json' };

/** A Set-Cookie header as its name=value and its attributes, in any order. */
function parsedSetCookie(header: string | undefined) {
  const [pair = '', ...attributes] = (header ?? '').split(';').map((part) => part.trim());
  return { pair, attributes: attributes.sort() };
}
const minutes = (count: number) => count * 60 * 1000;

/** A hearing date no other test in this file uses, so the court list shows only this test's proposals. */
let hearingOffset = 30;
function freshHearingDate(): string {
  hearingOffset += 1;
  return addDays(todayInLondon(), hearingOffset);
}

async function courtList(cookie: string, hearingDate: string) {
  const list = await call<{ proposals: { proposalId: string }[] }>('GET', `/api/courts/B01LY00/hearings/${hearingDate}`, { cookie });
  expect(list.status).toBe(200);
  return list.body.proposals;
}

describe('signing in through the local identity provider', () => {
  it('gives a session that GET /auth/session and the staff routes accept', async () => {
    const { cookie } = await signIn(stack.url, 'court.officer');

    const session = await call<{ user: unknown; csrfToken: string }>('GET', '/auth/session', { cookie });
    expect(session.status).toBe(200);
    expect(session.body.user).toEqual({ id: 'court.officer', displayName: 'Casey Officer', role: 'COURT_OFFICER', courts: ['B01LY00'] });
    expect(session.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await courtList(cookie, freshHearingDate())).toEqual([]);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/ (not Secure on the plain-http local stack)', async () => {
    const attempt = await signInWith(stack.url, 'spo', 'demo-password-not-for-production');
    if (!attempt.signedIn) {
      throw new Error('Expected to sign in');
    }
    const session = parsedSetCookie(attempt.setCookie);
    expect(session.pair).toMatch(/^session=[A-Za-z0-9_-]{43}$/);
    expect(session.attributes).toEqual(['HttpOnly', 'Path=/', 'SameSite=Lax']);

    const start = await call('GET', '/auth/sign-in');
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toMatch(new RegExp(`^${stack.oidcIssuer}/auth\\?.*code_challenge_method=S256`));
    expect(start.headers.getSetCookie()).toHaveLength(1);
    const signInState = parsedSetCookie(start.headers.getSetCookie()[0]);
    expect(signInState.pair).toMatch(/^sign-in=[A-Za-z0-9_-]{43}$/);
    expect(signInState.attributes).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=Lax']);
  });

  it('does not sign in with a wrong password', async () => {
    const attempt = await signInWith(stack.url, 'court.officer', 'not-the-password');

    expect(attempt.signedIn).toBe(false);
    expect(attempt.signedIn === false && attempt.page).toContain('The username or password is not right');
  });

  it('refuses a callback that does not belong to a sign-in started in this browser', async () => {
    const callback = await call('GET', '/auth/callback?code=stolen&state=guessed');

    expect(callback.status).toBe(400);
    expect(callback.body).toMatchObject({ error: 'SIGN_IN_FAILED' });
    expect(callback.headers.getSetCookie().some((header) => header.startsWith('session='))).toBe(false);
  });
});

describe('a state-changing request with the session cookie', () => {
  it('is refused without the CSRF token and changes nothing; with it, it succeeds', async () => {
    const { cookie, csrfToken } = await signIn(stack.url, 'court.officer');
    const hearingDate = freshHearingDate();
    const body = JSON.stringify(proposalBody({ hearingDate }));

    const refused = await call('POST', '/api/proposals', { ...json, cookie }, body);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'CSRF_TOKEN_INVALID' });
    expect(await courtList(cookie, hearingDate)).toEqual([]);

    const wrongToken = await call('POST', '/api/proposals', { ...json, cookie, 'x-csrf-token': csrfToken.replace(/^./, (first) => (first === 'A' ? 'B' : 'A')) }, body);
    expect(wrongToken.status).toBe(403);

    const created = await call<{ proposalId: string }>('POST', '/api/proposals', { ...json, cookie, 'x-csrf-token': csrfToken }, body);
    expect(created.status).toBe(201);
    expect((await courtList(cookie, hearingDate)).map((proposal) => proposal.proposalId)).toEqual([created.body.proposalId]);
    expect((await call('GET', `/api/proposals/${created.body.proposalId}`, { cookie })).status).toBe(200);
  });

  it('is refused when it comes from another site, token or not', async () => {
    const { cookie, csrfToken } = await signIn(stack.url, 'court.officer');
    const hearingDate = freshHearingDate();
    const body = JSON.stringify(proposalBody({ hearingDate }));

    const crossSite = await call('POST', '/api/proposals', { ...json, cookie, origin: 'https://evil.example' }, body);
    const crossSiteWithToken = await call('POST', '/api/proposals', { ...json, cookie, origin: 'https://evil.example', 'x-csrf-token': csrfToken }, body);

    expect(crossSite.status).toBe(403);
    expect(crossSite.body).toMatchObject({ error: 'CSRF_TOKEN_INVALID' });
    expect(crossSiteWithToken.status).toBe(403);
    expect(await courtList(cookie, hearingDate)).toEqual([]);
  });

  it('is refused when another user\'s CSRF token is sent', async () => {
    const officer = await signIn(stack.url, 'court.officer');
    const colleague = await signIn(stack.url, 'court.officer2');

    const mixed = await call('POST', '/api/proposals', { ...json, cookie: officer.cookie, 'x-csrf-token': colleague.csrfToken }, JSON.stringify(proposalBody()));

    expect(mixed.status).toBe(403);
  });
});

describe('tokens shaped like Cognito\'s', () => {
  it('an access token has Cognito\'s claims, no audience and no user attributes, and the courts the pre token generation trigger adds', async () => {
    const claims = decodeJwt(await bearerTokenFor(stack.url, 'sentencer'));

    expect(Object.keys(claims).sort()).toEqual(['client_id', 'cognito:groups', 'courts', 'exp', 'iat', 'iss', 'jti', 'scope', 'sub', 'token_use', 'username']);
    expect(claims).toMatchObject({
      iss: stack.oidcIssuer,
      sub: 'sentencer',
      client_id: localClientId,
      token_use: 'access',
      username: 'sentencer',
      'cognito:groups': ['sentencer'],
      courts: ['B01LY00'],
    });
    // What sign-in asks for, which is what Cognito grants.
    expect((claims.scope as string).split(' ').sort()).toEqual(['email', 'openid', 'profile']);
  });

  it("an officer's access token also has the grade the trigger adds from custom:grade (a sentencer, who has none, has no grade claim)", async () => {
    const claims = decodeJwt(await bearerTokenFor(stack.url, 'pso.officer'));

    expect(claims).toMatchObject({ sub: 'pso.officer', courts: ['B01LY00'], grade: 'PROBATION_SERVICES_OFFICER' });
  });

  it('an access token from a provider without the trigger carries no courts (as from a Cognito pool without one)', async () => {
    const provider = await startLocalOidcProvider({ port: 0, stackUrl: stack.url });
    try {
      const { accessToken } = await tokensFromProvider(new URL(provider.issuer), stack.url, 'court.officer');
      const claims = decodeJwt(accessToken);

      expect(Object.keys(claims).sort()).toEqual(['client_id', 'cognito:groups', 'exp', 'iat', 'iss', 'jti', 'scope', 'sub', 'token_use', 'username']);
    } finally {
      await provider.stop();
    }
  });

  it('an ID token has the user\'s attributes and groups, for the client', async () => {
    const claims = decodeJwt((await tokensFor(stack.url, 'spo')).idToken);

    expect(claims).toMatchObject({
      iss: stack.oidcIssuer,
      aud: localClientId,
      sub: 'spo',
      token_use: 'id',
      'cognito:username': 'spo',
      'cognito:groups': ['senior-probation-officer'],
      'custom:courts': 'B01LY00',
      'custom:grade': 'SENIOR_PROBATION_OFFICER',
      email: 'spo@probation.example',
      email_verified: true,
    });
  });
});

describe('a bearer access token', () => {
  it("lets a court officer create and read a proposal of their court, and hides it from another court's officer", async () => {
    const token = await bearerTokenFor(stack.url, 'court.officer');
    const created = await call<{ proposalId: string }>('POST', '/api/proposals', { ...json, authorization: `Bearer ${token}` }, JSON.stringify(proposalBody({ hearingDate: freshHearingDate() })));
    expect(created.status).toBe(201);

    const read = await call('GET', `/api/proposals/${created.body.proposalId}`, { authorization: `Bearer ${token}` });
    const elsewhere = await call('GET', `/api/proposals/${created.body.proposalId}`, { authorization: `Bearer ${await bearerTokenFor(stack.url, 'other.officer')}` });

    expect(read.status).toBe(200);
    expect(elsewhere.status).toBe(404);
  });

  it('is accepted without a CSRF token', async () => {
    const token = await bearerTokenFor(stack.url, 'court.officer');
    const hearingDate = freshHearingDate();

    const created = await call('POST', '/api/proposals', { ...json, authorization: `Bearer ${token}` }, JSON.stringify(proposalBody({ hearingDate })));

    expect(created.status).toBe(201);
  });

  it("gives a sentencer the court list but not the court officer's POST /api/proposals", async () => {
    const token = await bearerTokenFor(stack.url, 'sentencer');
    const hearingDate = freshHearingDate();

    const list = await call('GET', `/api/courts/B01LY00/hearings/${hearingDate}`, { authorization: `Bearer ${token}` });
    const create = await call('POST', '/api/proposals', { ...json, authorization: `Bearer ${token}` }, JSON.stringify(proposalBody({ hearingDate })));

    expect(list.status).toBe(200);
    expect(create.status).toBe(403);
  });

  it('is refused when tampered with (a sentencer who made themselves a court officer)', async () => {
    const token = await bearerTokenFor(stack.url, 'sentencer');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['court-officer'] })).toString('base64url')}.${signature}`;

    const create = await call('POST', '/api/proposals', { ...json, authorization: `Bearer ${forged}` }, JSON.stringify(proposalBody()));

    expect(create.status).toBe(401);
  });

  it('is refused when signed by a key that is not the provider\'s', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ 'cognito:groups': ['court-officer'], courts: ['B01LY00'], token_use: 'access', client_id: localClientId })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(stack.oidcIssuer)
      .setSubject('court.officer')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);

    expect((await call('GET', `/api/courts/B01LY00/hearings/${freshHearingDate()}`, { authorization: `Bearer ${forged}` })).status).toBe(401);
  });

  it('is refused once expired (access tokens live 15 minutes)', async () => {
    const token = await bearerTokenFor(stack.url, 'court.officer');
    const path = `/api/courts/B01LY00/hearings/${freshHearingDate()}`;
    expect((await call('GET', path, { authorization: `Bearer ${token}` })).status).toBe(200);

    setClockOffsetForTesting(minutes(16));

    expect((await call('GET', path, { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('is refused when it is an ID token (whose audience is the client, as an access token names it)', async () => {
    const { idToken } = await tokensFor(stack.url, 'court.officer');
    expect(decodeJwt(idToken)).toMatchObject({ aud: localClientId, token_use: 'id' });

    expect((await call('GET', `/api/courts/B01LY00/hearings/${freshHearingDate()}`, { authorization: `Bearer ${idToken}` })).status).toBe(401);
  });

  it('is refused, without falling back to the session cookie, when invalid', async () => {
    const { cookie } = await signIn(stack.url, 'court.officer');

    expect((await call('GET', `/api/courts/B01LY00/hearings/${freshHearingDate()}`, { cookie, authorization: 'Bearer not-a-token' })).status).toBe(401);
  });
});

describe('signing out', () => {
  it('needs the CSRF token, then ends the session so the cookie no longer works', async () => {
    const { cookie, csrfToken } = await signIn(stack.url, 'court.officer');
    const path = `/api/courts/B01LY00/hearings/${freshHearingDate()}`;

    const withoutToken = await call('POST', '/auth/sign-out', { cookie });
    expect(withoutToken.status).toBe(403);
    expect((await call('GET', path, { cookie })).status).toBe(200);

    const signedOut = await call('POST', '/auth/sign-out', { cookie, 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ _csrf: csrfToken }).toString());
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.getSetCookie().map(parsedSetCookie)).toEqual([{ pair: 'session=', attributes: ['HttpOnly', 'Max-Age=0', 'Path=/', 'SameSite=Lax'] }]);

    expect((await call('GET', path, { cookie })).status).toBe(401);
    expect((await call('GET', '/auth/session', { cookie })).status).toBe(401);
  });

  it("ends the provider's sign-in too, as Cognito's /logout does, so signing in again asks for the password", async () => {
    const browser = await signInAsBrowser(stack.url, 'court.officer');
    // Signed in at the provider: "Sign in" goes straight through, no password asked (a new session).
    expect((await browser.open(`${stack.url}/auth/sign-in`)).url.href).toBe(`${stack.url}/proposals`);
    const { csrfToken } = (await (await browser.fetch(`${stack.url}/auth/session`)).json()) as { csrfToken: string };

    const signedOut = await browser.fetch(`${stack.url}/auth/sign-out`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfToken }).toString(),
    });
    expect(signedOut.status).toBe(303);
    const providerSignOut = new URL(signedOut.headers.get('location') ?? '');
    expect(`${providerSignOut.origin}${providerSignOut.pathname}`).toBe(`${stack.oidcIssuer}/logout`);
    expect(Object.fromEntries(providerSignOut.searchParams)).toEqual({ client_id: localClientId, logout_uri: `${stack.url}/` });

    const atProvider = await browser.fetch(providerSignOut);
    expect(atProvider.status).toBe(302);
    expect(atProvider.headers.get('location')).toBe(`${stack.url}/`);

    const again = await browser.open(`${stack.url}/auth/sign-in`);
    expect(again.url.origin).toBe(stack.oidcIssuer);
    expect(again.page).toContain('type="password"');
  });

  it("is refused by the provider's /logout for a sign-out address that is not the client's, which then ends nothing", async () => {
    const browser = await signInAsBrowser(stack.url, 'court.officer');

    const refused = await browser.fetch(`${stack.oidcIssuer}/logout?${new URLSearchParams({ client_id: localClientId, logout_uri: 'https://evil.example/' })}`);
    const noClient = await browser.fetch(`${stack.oidcIssuer}/logout?${new URLSearchParams({ logout_uri: `${stack.url}/` })}`);

    expect(refused.status).toBe(400);
    expect(noClient.status).toBe(400);
    expect((await browser.open(`${stack.url}/auth/sign-in`)).url.href).toBe(`${stack.url}/proposals`);
  });

  it("lets staff pages' forms go to the provider's sign-out origin and nowhere else", async () => {
    const { cookie } = await signIn(stack.url, 'court.officer');

    const page = await fetch(`${stack.url}/proposals`, { headers: { cookie } });

    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')?.match(/form-action[^;]*/)?.[0]).toBe(`form-action 'self' ${stack.oidcIssuer}`);
    expect(page.headers.get('cache-control')).toBe('no-store');
  });
});

describe('session time limits', () => {
  it('ends a session left idle for 30 minutes', async () => {
    const { cookie } = await signIn(stack.url, 'sentencer');

    setClockOffsetForTesting(minutes(29));
    expect((await call('GET', '/auth/session', { cookie })).status).toBe(200);
    setClockOffsetForTesting(minutes(29 + 30));

    expect((await call('GET', '/auth/session', { cookie })).status).toBe(401);
  });

  it('ends a session 10 hours after sign-in however much it is used', async () => {
    const { cookie } = await signIn(stack.url, 'sentencer');
    const path = `/api/courts/B01LY00/hearings/${freshHearingDate()}`;

    for (let elapsed = 25; elapsed < 10 * 60; elapsed += 25) {
      setClockOffsetForTesting(minutes(elapsed));
      expect((await call('GET', path, { cookie })).status).toBe(200);
    }
    setClockOffsetForTesting(minutes(10 * 60));

    expect((await call('GET', path, { cookie })).status).toBe(401);
  });
});
