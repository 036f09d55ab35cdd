/**
 * oidc-provider ships no type declarations; this is the part the local provider uses
 * (infra/local/oidc-provider.ts). Loosely typed on purpose: it is a local-stack-only dependency.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface KoaContextWithOIDC {
    host: string;
    type: string;
    body: unknown;
    oidc: {
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
      params?: Record<string, unknown>;
      provider: Provider;
    };
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string };
  }

  export interface GrantInstance {
    addOIDCScope(scope: string): void;
    /** The granted OpenID Connect scopes, space-separated. */
    getOIDCScope(): string;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface GrantConstructor {
    new (properties: { accountId: string; clientId: string }): GrantInstance;
    find(id: string): Promise<GrantInstance | undefined>;
  }

  export interface AccessTokenLike {
    accountId: string;
    aud?: string | string[];
    grantId?: string;
    /** The resource scopes of the token, space-separated. */
    scope?: string;
  }

  /** The Koa context a middleware added with `provider.use` sees (the part we use). */
  export interface KoaContext {
    path: string;
    method: string;
    query: Record<string, string | string[] | undefined>;
    status: number;
    type: string;
    body: unknown;
    cookies: { set(name: string, value: string | null, options?: Record<string, unknown>): void };
    set(field: string, value: string): void;
    redirect(url: string): void;
  }

  export interface SessionInstance {
    accountId?: string;
    destroy(): Promise<void>;
  }

  export type Configuration = Record<string, unknown>;

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly Grant: GrantConstructor;
    readonly Session: { get(ctx: KoaContext): Promise<SessionInstance> };
    /** Runs before the provider's own routes. */
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): this;
    cookieName(type: 'session' | 'interaction' | 'resume'): string;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(request: IncomingMessage, response: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
