import type { HttpEvent } from './http-handler.ts';

/**
 * Cookie names and attributes in one place. Served over HTTPS, cookies take the `__Host-` prefix
 * (Secure, Path=/, no Domain: the browser refuses them otherwise, so a sibling subdomain cannot
 * plant one). The local stack is plain http on 127.0.0.1, where a `__Host-`/Secure cookie would be
 * dropped, so there the bare name is used.
 */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}

/**
 * Reads one cookie. API Gateway (payload 2.0) gives cookies as `event.cookies`; a plain
 * `cookie` header is read too, so the local server and tests need no special case.
 */
export function readCookie(event: HttpEvent, name: string): string | undefined {
  const pairs = [...(event.cookies ?? []), ...(event.headers.cookie ?? '').split(';')];
  for (const pair of pairs) {
    const index = pair.indexOf('=');
    if (index > 0 && pair.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(pair.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  /** Default `/` (required for `__Host-` cookies). */
  path?: string;
  /** Omitted: a session cookie, gone when the browser closes. */
  maxAgeSeconds?: number;
}

/** HttpOnly and SameSite=Lax always: no script reads our cookies, and no cross-site POST carries them. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? '/'}`,
    ...(options.maxAgeSeconds === undefined ? [] : [`Max-Age=${options.maxAgeSeconds}`]),
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** A cookie that tells the browser to forget the named one. */
export function clearedCookie(name: string, secure: boolean, path = '/'): string {
  return serializeCookie(name, '', { secure, path, maxAgeSeconds: 0 });
}
