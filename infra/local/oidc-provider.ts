import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type AccessTokenLike, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { findDemoAccount, type DemoAccount } from './demo-staff.ts';
import { signedOutUrl } from '#auth/sign-in-urls';

/**
 * The one password of every demo user of the local provider. It protects nothing real: the local
 * stack binds to 127.0.0.1 and holds demo data only. Deployed, Cognito signs staff in.
 */
export const localDemoPassword = 'demo-password-not-for-production';
export const localClientId = 'curfew-checks-local';
/**
 * The resource indicator oidc-provider needs to issue JWT access tokens at all. It never reaches a
 * token: like Cognito's, our access tokens have no `aud` and name the client in `client_id`.
 */
const localApiResource = 'urn:curfew-checks:api';
/** Cognito's resource server scope for the staff API (infra/constructs/staff-sign-in.ts). */
const apiScope = 'api/staff';
/** Where Cognito's sign-out endpoint is, on the hosted sign-in domain; the local provider's too. */
const logoutPath = '/logout';

/**
 * Cognito's pre token generation event, version 2, as the user pool sends it to its trigger: the
 * user's attributes (all strings), groups and scopes; `response` for the trigger to fill in.
 */
export interface PreTokenGenerationV2Event {
  version: '2';
  triggerSource: 'TokenGeneration_HostedAuth' | 'TokenGeneration_RefreshTokens';
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: {
    userAttributes: Record<string, string>;
    groupConfiguration: { groupsToOverride: string[]; iamRolesToOverride: string[]; preferredRole?: string };
    scopes: string[];
  };
  response: { claimsAndScopeOverrideDetails: null };
}

export interface LocalOidcProviderOptions {
  /** 0: any free port. */
  port: number;
  /** Where the local stack serves its API: redirect URIs are built from it. */
  stackUrl: string;
  /** The issuer, when not `http://127.0.0.1:<port>`. */
  issuerBaseUrl?: string;
  /**
   * Cognito's pre token generation trigger: called with a V2 event each time an access token is
   * issued, and its `accessTokenGeneration.claimsToAddOrOverride` added to that token. The local
   * stack passes the deployed trigger's handler (through its lambda runner). Without one, access
   * tokens carry no user attributes at all, as a Cognito pool without a trigger issues them.
   */
  preTokenGeneration?: (event: PreTokenGenerationV2Event) => Promise<unknown>;
}

export interface LocalOidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** Access tokens for our API live 15 minutes: long enough for a test or a curl session. */
const accessTokenSeconds = 15 * 60;
const maxFormBytes = 8 * 1024;

/** Lifetimes (seconds) of the provider's own artifacts; set so oidc-provider does not warn at start. */
const ttl = {
  AccessToken: accessTokenSeconds,
  AuthorizationCode: 60,
  IdToken: 60 * 60,
  Interaction: 10 * 60,
  Grant: 10 * 60 * 60,
  // The provider's own sign-in lasts a working day; our session has its own, shorter limits.
  Session: 10 * 60 * 60,
};

interface StoredArtifact {
  payload: Record<string, unknown>;
  expiresAt: number | undefined;
}

/**
 * The in-memory adapter oidc-provider would use anyway, written out so it does not warn at
 * start: everything is lost on restart, which for the local stack means signing in again.
 */
function memoryAdapter() {
  const artifacts = new Map<string, StoredArtifact>();
  return class MemoryAdapter {
    constructor(private readonly model: string) {}
    private key(id: string): string {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Record<string, unknown>, expiresIn: number | undefined): Promise<void> {
      artifacts.set(this.key(id), { payload, expiresAt: expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000 });
    }
    async find(id: string): Promise<Record<string, unknown> | undefined> {
      const stored = artifacts.get(this.key(id));
      if (stored === undefined || (stored.expiresAt !== undefined && stored.expiresAt <= Date.now())) {
        return undefined;
      }
      return stored.payload;
    }
    async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
      const found = [...artifacts.entries()].find(([key, stored]) => key.startsWith(`${this.model}:`) && stored.payload.uid === uid);
      return found === undefined ? undefined : this.find(found[0].slice(this.model.length + 1));
    }
    async findByUserCode(): Promise<undefined> {
      return undefined;
    }
    async consume(id: string): Promise<void> {
      const stored = artifacts.get(this.key(id));
      if (stored !== undefined) {
        stored.payload.consumed = Math.floor(Date.now() / 1000);
      }
    }
    async destroy(id: string): Promise<void> {
      artifacts.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, stored] of artifacts) {
        if (stored.payload.grantId === grantId) {
          artifacts.delete(key);
        }
      }
    }
  };
}

/** `custom:grade` as Cognito keeps it: only for a user who has one (Cognito leaves an unset attribute out). */
function gradeAttributeOf(user: DemoAccount): Record<string, string> {
  return user.grade === undefined ? {} : { 'custom:grade': user.grade };
}

/** A demo user's attributes as Cognito keeps them (all strings): what a trigger is given. */
function userAttributesOf(user: DemoAccount): Record<string, string> {
  return { sub: user.id, email: user.email, email_verified: 'true', name: user.displayName, 'custom:courts': user.courts.join(','), ...gradeAttributeOf(user), ...(user.region === undefined ? {} : { 'custom:region': user.region }), 'cognito:user_status': 'CONFIRMED' };
}

/**
 * What Cognito's ID token says of a user: their attributes (custom ones included) and groups. Only
 * the ID token says `token_use: id`; the userinfo endpoint (which we never call) does not.
 */
function idTokenClaimsOf(user: DemoAccount, use: string): Record<string, unknown> {
  return {
    sub: user.id,
    'cognito:groups': [...user.groups],
    'cognito:username': user.id,
    ...(use === 'id_token' ? { token_use: 'id' } : {}),
    name: user.displayName,
    email: user.email,
    email_verified: true,
    'custom:courts': user.courts.join(','),
    ...gradeAttributeOf(user),
    ...(user.region === undefined ? {} : { 'custom:region': user.region }),
  };
}

/**
 * Claims Cognito writes into every access token and a trigger cannot change; they win over
 * anything a trigger returns. Everything else in a Cognito access token comes from the trigger.
 */
const cognitoOwnedAccessTokenClaims = new Set(['sub', 'iss', 'client_id', 'token_use', 'scope', 'username', 'cognito:groups', 'exp', 'iat', 'jti', 'auth_time', 'aud']);

/** The one part of a V2 response the local provider applies: claims added to the access token. */
function accessTokenClaimsFrom(response: unknown): Record<string, unknown> {
  const details = (response as { response?: { claimsAndScopeOverrideDetails?: Record<string, unknown> | null } } | undefined)?.response?.claimsAndScopeOverrideDetails;
  if (details === undefined || details === null) {
    return {};
  }
  // Fail loudly rather than issue tokens that differ from Cognito's: nothing here applies these.
  const notEmulated = Object.keys(details).filter((key) => key !== 'accessTokenGeneration');
  const accessToken = (details.accessTokenGeneration ?? {}) as Record<string, unknown>;
  notEmulated.push(...Object.keys(accessToken).filter((key) => key !== 'claimsToAddOrOverride').map((key) => `accessTokenGeneration.${key}`));
  if (notEmulated.length > 0) {
    throw new Error(`The local provider does not apply ${notEmulated.join(', ')} of a pre token generation response`);
  }
  return Object.fromEntries(Object.entries((accessToken.claimsToAddOrOverride ?? {}) as Record<string, unknown>).filter(([name]) => !cognitoOwnedAccessTokenClaims.has(name)));
}

/**
 * oidc-provider refuses to sign a JWT access token without an `aud`, and Cognito's have none. A
 * value that is there for that check but that JSON leaves out (`toJSON` gives undefined) keeps the
 * claim out of the signed token. The access-token shape test fails if a new oidc-provider changes this.
 */
const absentFromJson = { toJSON: (): undefined => undefined };

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time, whatever the lengths. */
function passwordMatches(candidate: string): boolean {
  return timingSafeEqual(sha256(candidate), sha256(localDemoPassword));
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} - Local sign-in</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${content}
<p>Local stack only. Demo users: court.officer, court.officer2, spo, sentencer (and two the service refuses: two.roles, no.role).</p>
</main>
</body>
</html>`;
}

/** A plain form: works without JavaScript and loads nothing from elsewhere. */
function loginPage(uid: string, username: string, error: boolean): string {
  return page(
    'Sign in',
    `${error ? '<p role="alert" data-qa="sign-in-error">The username or password is not right.</p>' : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<p><label for="username">Username</label><br><input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(username)}"></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit" data-qa="sign-in">Sign in</button></p>
</form>`,
  );
}

function sendHtml(response: ServerResponse, statusCode: number, html: string): void {
  response.writeHead(statusCode, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'",
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
  });
  response.end(html);
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxFormBytes) {
      throw new Error('Form too large');
    }
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/**
 * One signing key per process: a stack restarted within the same process (the restart tests) keeps
 * its key, so handlers that cached the provider's keys still accept its tokens. A new process makes
 * a new key; nothing private is ever written to disk.
 */
let signingKeyOfThisProcess: Promise<Record<string, unknown>> | undefined;

function processSigningKey(): Promise<Record<string, unknown>> {
  signingKeyOfThisProcess ??= generateKeyPair('RS256', { extractable: true }).then(async ({ privateKey }) => ({
    ...(await exportJWK(privateKey)),
    kid: randomBytes(8).toString('hex'),
    alg: 'RS256',
    use: 'sig',
  }));
  return signingKeyOfThisProcess;
}

/**
 * A real OpenID Connect provider for the local stack (oidc-provider), with the demo staff of
 * `demo-staff.ts`, so local sign-in runs the same authorization code + PKCE flow as Cognito does
 * deployed, and issues tokens shaped like Cognito's (docs/decisions/0014):
 * - ID tokens: the user's attributes (`email`, `custom:courts` comma-separated, `custom:grade` when set), `cognito:groups`,
 *   `cognito:username`, `token_use: id`, `aud` the client id;
 * - access tokens: `sub`, `cognito:groups`, `client_id`, `scope`, `username`, `token_use: access`,
 *   no `aud` and no user attributes, plus whatever the pre token generation trigger adds (the local
 *   stack runs the deployed trigger's handler);
 * - sign-out at `/logout` as Cognito's: `client_id` and `logout_uri` (one of the client's sign-out
 *   URLs), no confirmation page; it ends the provider's sign-in and redirects to `logout_uri`.
 * State is in memory: after a restart everyone signs in again.
 *
 * Access tokens are JWTs because of resource indicators (RFC 8707): the client is given by default
 * the resource `localApiResource`, declared with `accessTokenFormat: 'jwt'`; the JWT customizer
 * then writes Cognito's claims. Without a resource, oidc-provider 9 issues opaque tokens.
 */
export async function startLocalOidcProvider(options: LocalOidcProviderOptions): Promise<LocalOidcProvider> {
  const audience = localApiResource;
  const server = createServer();
  const port = await listen(server, options.port);
  const issuer = (options.issuerBaseUrl ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '');

  const signingKey = await processSigningKey();

  const configuration: Configuration = {
    // Public client: a browser-facing app whose secret could not be kept in the local stack anyway;
    // PKCE protects the code. Deployed, a confidential Cognito client may add OIDC_CLIENT_SECRET.
    clients: [
      {
        client_id: localClientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${options.stackUrl}/auth/callback`],
      },
    ],
    adapter: memoryAdapter(),
    ttl,
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    // The scopes the relying party asks of Cognito too; Cognito's ID token has these claims.
    claims: { openid: ['sub', 'cognito:groups', 'cognito:username', 'token_use'], profile: ['name', 'custom:courts', 'custom:grade', 'custom:region'], email: ['email', 'email_verified'] },
    // Put the granted claims in the ID token: the relying party reads the user from it and never
    // calls userinfo (an access token for our API is not valid there).
    conformIdTokenClaims: false,
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => {
      const user = findDemoAccount(sub);
      return user === undefined ? undefined : { accountId: user.id, claims: (use: string) => idTokenClaimsOf(user, use) };
    },
    // Cognito's logout URLs, not an OIDC client setting: the /logout route below checks them.
    discovery: { end_session_endpoint: `${issuer}${logoutPath}` },
    // A first-party client: grant what it asks for, so there is no consent screen.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, result, provider } = ctx.oidc;
      const existing = result?.consent?.grantId ?? (client === undefined ? undefined : session?.grantIdFor(client.clientId));
      if (existing !== undefined) {
        return provider.Grant.find(existing);
      }
      if (client === undefined || session?.accountId === undefined) {
        return undefined;
      }
      const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope('openid profile email');
      grant.addResourceScope(audience, apiScope);
      await grant.save();
      return grant;
    },
    formats: {
      customizers: {
        // Rewrites oidc-provider's access token claims into Cognito's, then adds the trigger's.
        jwt: async (ctx: KoaContextWithOIDC, token: AccessTokenLike, jwt: { header?: Record<string, unknown>; payload: Record<string, unknown> }) => {
          const user = findDemoAccount(token.accountId);
          if (user === undefined) {
            throw new Error('Access token for an unknown account');
          }
          const grant = token.grantId === undefined ? undefined : await ctx.oidc.provider.Grant.find(token.grantId);
          const scopes = [...(grant?.getOIDCScope().split(' ') ?? []), ...(typeof token.scope === 'string' ? token.scope.split(' ') : [])].filter((scope) => scope !== '');
          const added = options.preTokenGeneration === undefined ? {} : accessTokenClaimsFrom(await options.preTokenGeneration(preTokenGenerationEvent(user, scopes, ctx.oidc.params?.grant_type === 'refresh_token')));
          const { jti, iat, exp } = jwt.payload;
          jwt.header = { typ: undefined }; // Cognito's header names only `kid` and `alg`.
          jwt.payload = {
            ...added,
            sub: user.id,
            'cognito:groups': [...user.groups],
            iss: issuer,
            client_id: localClientId,
            token_use: 'access',
            scope: scopes.join(' '),
            jti,
            iat,
            exp,
            username: user.id,
            aud: absentFromJson,
          };
        },
      },
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: KoaContextWithOIDC, resourceIndicator: string) => {
          if (resourceIndicator !== audience) {
            throw new Error(`Unknown resource ${resourceIndicator}`);
          }
          return { scope: 'api', audience, accessTokenFormat: 'jwt', accessTokenTTL: accessTokenSeconds, jwt: { sign: { alg: 'RS256' } } };
        },
      },
      // OpenID Connect's own sign-out (with a confirmation page) is off: Cognito's /logout is below.
      rpInitiatedLogout: { enabled: false },
    },
    renderError: (ctx: KoaContextWithOIDC, out: { error?: string }) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in problem', `<p>${escapeHtml(out.error ?? 'error')}</p>`);
    },
  };
  const provider = new Provider(issuer, configuration);

  /** The V2 event Cognito would send the trigger for this user's tokens. */
  function preTokenGenerationEvent(user: DemoAccount, scopes: string[], refreshing: boolean): PreTokenGenerationV2Event {
    return {
      version: '2',
      triggerSource: refreshing ? 'TokenGeneration_RefreshTokens' : 'TokenGeneration_HostedAuth',
      region: 'eu-west-2',
      userPoolId: 'eu-west-2_local',
      userName: user.id,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: localClientId },
      request: { userAttributes: userAttributesOf(user), groupConfiguration: { groupsToOverride: [...user.groups], iamRolesToOverride: [] }, scopes },
      response: { claimsAndScopeOverrideDetails: null },
    };
  }

  /**
   * Cognito's `/logout`: needs `client_id` and a `logout_uri` that is one of that client's sign-out
   * URLs (else an error page, and nothing ends); ends the provider's sign-in, with no confirmation
   * page, and redirects to `logout_uri`. So the next "Sign in" asks for the password again.
   */
  const logoutUrls = [signedOutUrl(options.stackUrl)];
  provider.use(async (ctx, next) => {
    if (ctx.path !== logoutPath) {
      await next();
      return;
    }
    const { client_id: clientId, logout_uri: logoutUri } = ctx.query;
    if (ctx.method !== 'GET' || clientId !== localClientId || typeof logoutUri !== 'string' || !logoutUrls.includes(logoutUri)) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = page('Sign-out problem', '<p>This sign-out request is not valid: it needs the client and one of its sign-out addresses.</p>');
      return;
    }
    const session = await provider.Session.get(ctx);
    await session.destroy();
    ctx.cookies.set(provider.cookieName('session'), null, { httpOnly: true, sameSite: 'lax' });
    ctx.set('cache-control', 'no-store');
    ctx.redirect(logoutUri);
  });
  const providerCallback = provider.callback();

  async function interaction(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const details = await provider.interactionDetails(request, response);
    if (details.prompt.name !== 'login') {
      sendHtml(response, 400, page('Sign-in problem', '<p>This sign-in step is not supported. Start again.</p>'));
      return;
    }
    if (request.method === 'GET' && url.pathname === `/interaction/${details.uid}`) {
      sendHtml(response, 200, loginPage(details.uid, '', false));
      return;
    }
    if (request.method === 'POST' && url.pathname === `/interaction/${details.uid}/login`) {
      const form = await readForm(request);
      const username = form.get('username') ?? '';
      const user = findDemoAccount(username);
      if (user === undefined || !passwordMatches(form.get('password') ?? '')) {
        sendHtml(response, 200, loginPage(details.uid, username, true));
        return;
      }
      await provider.interactionFinished(request, response, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
      return;
    }
    sendHtml(response, 404, page('Not found', ''));
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    if (!url.pathname.startsWith('/interaction/')) {
      providerCallback(request, response);
      return;
    }
    interaction(request, response, url).catch(() => {
      if (!response.headersSent) {
        sendHtml(response, 400, page('Sign-in problem', '<p>This sign-in has expired or is not valid. Start again.</p>'));
      } else {
        response.end();
      }
    });
  });

  return {
    issuer,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
