import { bearerTokenFor, signIn } from './sign-in.ts';

/**
 * Talks to a running local stack over HTTP, as another system would: staff calls carry an access
 * token obtained from the stack's real OpenID Connect provider (one sign-in per user, reused).
 */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface OutboxMessage {
  id: string;
  kind: string;
  to: string;
  proposalId: string;
  checkType?: string;
  residentId?: string;
  url?: string;
  sentAt: string;
}

/** How long a fetched access token is used before a new one is fetched (they live 15 minutes). */
export const credentialLifetimeMs = 10 * 60 * 1000;

/** Users the provider does not know: calls as them carry a token that is not valid. */
const unknownUsers = new Set(['nobody']);

/**
 * `bearer`: an access token per user, as another system would call. `session`: signed in like a
 * browser, with the session cookie and its CSRF token.
 */
export function apiClient(baseUrl: string, options: { auth: 'bearer' | 'session' } = { auth: 'bearer' }) {
  const credentials = new Map<string, { headers: Promise<Record<string, string>>; obtainedAt: number }>();
  function credentialsFor(user: string): Promise<Record<string, string>> {
    if (unknownUsers.has(user)) {
      return Promise.resolve({ authorization: 'Bearer not-a-valid-token' });
    }
    let cached = credentials.get(user);
    // Access tokens live 15 minutes (infra/local/oidc-provider.ts): a long run fetches a new one in time.
    if (cached === undefined || (options.auth === 'bearer' && Date.now() - cached.obtainedAt > credentialLifetimeMs)) {
      const headers =
        options.auth === 'bearer'
          ? bearerTokenFor(baseUrl, user).then((token) => ({ authorization: `Bearer ${token}` }))
          : signIn(baseUrl, user).then(({ cookie, csrfToken }) => ({ cookie, 'x-csrf-token': csrfToken }));
      cached = { headers, obtainedAt: Date.now() };
      credentials.set(user, cached);
    }
    return cached.headers;
  }

  async function call<T>(method: string, path: string, options: { user?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.user !== undefined) {
      Object.assign(headers, await credentialsFor(options.user));
    }
    const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
    }
    // Redirects are not followed: a 303 is an answer in itself (pages send people to sign in).
    const response = await fetch(`${baseUrl}${path}`, { method, headers, redirect: 'manual', ...(payload === undefined ? {} : { body: payload }) });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    const location = response.headers.get('location');
    const body = isJson && text !== '' ? JSON.parse(text) : { ...(text === '' ? {} : { page: text }), ...(location === null ? {} : { location }) };
    return { status: response.status, body: body as T };
  }

  return {
    call,
    get: <T = Record<string, unknown>>(path: string, user?: string) => call<T>('GET', path, user === undefined ? {} : { user }),
    post: <T = Record<string, unknown>>(path: string, body: unknown, user?: string, headers?: Record<string, string>) =>
      call<T>('POST', path, { body, ...(user === undefined ? {} : { user }), ...(headers === undefined ? {} : { headers }) }),
    async outbox(): Promise<OutboxMessage[]> {
      return (await call<OutboxMessage[]>('GET', '/api/dev/outbox')).body;
    },
    /** Answers through a link from the outbox, as the recipient would. */
    answer: (url: string, answer: object) => call('POST', '/api/responses', { body: { token: tokenFrom(url), ...answer } }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

export function tokenFrom(url: string): string {
  const token = /\/r\/([^/]+)$/.exec(url)?.[1];
  if (token === undefined) {
    throw new Error('Not a link URL');
  }
  return token;
}

/** Polls until the probe returns a value (not undefined), or fails after the timeout. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
