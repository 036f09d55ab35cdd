import { clearedCookie, readCookie, serializeCookie } from '#runtime/cookies';
import { environment } from '#runtime/environment';
import type { HttpEvent } from '#runtime/http-handler';

/**
 * Opening `/w/{token}` moves the token into this cookie and redirects, as an answer link's does
 * (link-cookie.ts), so the token leaves the address bar, history and referrers. It is sent only to
 * the withdrawal page (`/withdraw-consent`), and, SameSite=Lax, is the page's form's CSRF protection.
 */
export const withdrawalCookie = { name: 'withdrawal', path: '/withdraw-consent', maxAgeSeconds: 3600 } as const;

const secure = environment('cookies').SESSION_COOKIE_SECURE;

export function withdrawalCookieHeader(token: string): string {
  return serializeCookie(withdrawalCookie.name, token, { path: withdrawalCookie.path, maxAgeSeconds: withdrawalCookie.maxAgeSeconds, secure });
}

export function clearedWithdrawalCookieHeader(): string {
  return clearedCookie(withdrawalCookie.name, secure, withdrawalCookie.path);
}

export function withdrawalTokenFromCookie(event: HttpEvent): string | undefined {
  return readCookie(event, withdrawalCookie.name);
}
