import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type AccessTokenLike, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { StaffUser } from '#auth/staff';
import { findDemoStaff } from './demo-staff.ts';
import { roleGroups } from '#auth/staff-claims';

/**
 * The one password of every demo user of the local provider. It protects nothing real: the local
 * stack binds to 127.0.0.1 and holds demo data only. Deployed, Cognito signs staff in.
 */
export const localDemoPassword = 'demo-password-not-for-production';
export const localClientId = 'curfew-checks-local';
/** The resource indicator of our API: access tokens for it are JWTs with this `aud`. */
export const localApiAudience = 'urn:curfew-checks:api';

export interface LocalOidcProviderOptions {
  /** 0: any free port. */
  port: number;
  /** Where the local stack serves its API: redirect URIs are built from it. */
  stackUrl: string;
  /** The issuer, when not `http://127.0.0.1:<port>`. */
  issuerBaseUrl?: string;
  audience?: string;
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

function claimsOf(user: StaffUser): Record<string, unknown> {
  return { sub: user.id, name: user.displayName, email: user.email, groups: [roleGroups[user.role]], courts: [...user.courts] };
}

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
<p>Local stack only. Demo users: court.officer, court.officer2, spo, sentencer.</p>
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
 * `local-staff.ts`, so local sign-in runs the same authorization code + PKCE flow as Cognito does
 * deployed. State is in memory: after a restart everyone signs in again.
 *
 * Access tokens are JWTs because of resource indicators (RFC 8707): the client asks for (or is
 * given by default) the resource `audience`, and `getResourceServerInfo` declares that resource
 * server with `accessTokenFormat: 'jwt'`; `extraTokenClaims` adds `groups` and `courts` to it.
 * Without a resource, oidc-provider 9 issues opaque tokens usable only at its userinfo endpoint.
 */
export async function startLocalOidcProvider(options: LocalOidcProviderOptions): Promise<LocalOidcProvider> {
  const audience = options.audience ?? localApiAudience;
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
        post_logout_redirect_uris: [`${options.stackUrl}/`],
      },
    ],
    adapter: memoryAdapter(),
    ttl,
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    // groups and courts ride with `profile`, a scope Cognito also knows, so the relying party asks
    // for the same scopes of both providers.
    claims: { openid: ['sub'], profile: ['name', 'groups', 'courts'], email: ['email'] },
    // Put the granted claims in the ID token: the relying party reads the user from it and never
    // calls userinfo (an access token for our API is not valid there).
    conformIdTokenClaims: false,
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => {
      const user = findDemoStaff(sub);
      return user === undefined ? undefined : { accountId: user.id, claims: () => claimsOf(user) };
    },
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
      grant.addResourceScope(audience, 'api');
      await grant.save();
      return grant;
    },
    extraTokenClaims: (_ctx: KoaContextWithOIDC, token: AccessTokenLike) => {
      const user = findDemoStaff(token.accountId);
      return user === undefined ? undefined : { groups: [roleGroups[user.role]], courts: [...user.courts] };
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
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = page('Sign out', `${form}<p><button type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button></p>`);
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = page('Signed out', `<p><a href="${escapeHtml(options.stackUrl)}/">Return to the service</a></p>`);
        },
      },
    },
    renderError: (ctx: KoaContextWithOIDC, out: { error?: string }) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in problem', `<p>${escapeHtml(out.error ?? 'error')}</p>`);
    },
  };
  const provider = new Provider(issuer, configuration);
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
      const user = findDemoStaff(username);
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
