import { clearedCookie, readCookie, serializeCookie } from '#runtime/cookies';
import { environment } from '#runtime/environment';
import type { HttpEvent } from '#runtime/http-handler';

/**
 * Opening `/r/{token}` moves the token into this cookie and redirects, so the token leaves the
 * address bar, history and referrers. The cookie is sent only to the link page (`/respond`) and
 * lives for an hour: long enough to read and answer, short enough for a shared computer.
 */
export const linkCookie = { name: 'link', path: '/respond', maxAgeSeconds: 3600 } as const;

/** Secure (HTTPS only) exactly when the staff cookies are: one setting, checked when this loads. */
const secure = environment('cookies').SESSION_COOKIE_SECURE;

export function linkCookieHeader(token: string): string {
  return serializeCookie(linkCookie.name, token, { path: linkCookie.path, maxAgeSeconds: linkCookie.maxAgeSeconds, secure });
}

export function clearedLinkCookieHeader(): string {
  return clearedCookie(linkCookie.name, secure, linkCookie.path);
}

export function linkTokenFromCookie(event: HttpEvent): string | undefined {
  return readCookie(event, linkCookie.name);
}
