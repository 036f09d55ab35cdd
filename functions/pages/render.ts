import { randomBytes } from 'node:crypto';
import type { HttpResult } from '#runtime/http-handler';
import { securityHeaders } from '#runtime/security-headers';
import { nunjucksEnvironment } from './nunjucks-environment.ts';

/**
 * Pages may load only our own assets; the one inline script GOV.UK's template needs runs by a
 * per-request nonce. Nothing from any other origin, and no page can be framed. Forms go to us,
 * and a staff page's also to the identity provider's sign-out origin (`formOrigin`): the sign-out
 * form posts to us, we redirect the browser to the provider, and browsers check every redirect
 * after a form post against `form-action` too, so without it sign-out would stop half done.
 */
function pageSecurityPolicy(nonce: string, formOrigin: string | undefined): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    formOrigin === undefined ? "form-action 'self'" : `form-action 'self' ${formOrigin}`,
  ].join('; ');
}

export interface PageOptions {
  statusCode?: number;
  cookies?: string[];
}

/** An origin as `URL.origin` gives it (`https://host[:port]`): nothing else may enter the CSP. */
function originOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && URL.canParse(value) && new URL(value).origin === value ? value : undefined;
}

/**
 * Renders a template (which extends layout.njk) with a fresh CSP nonce, as an HTML response. A
 * context with `signOutOrigin` (every staff page's, from `staffPage`) shows the sign-out form,
 * which may then go to that origin.
 */
export function renderPage(template: string, context: Record<string, unknown>, options: PageOptions = {}): HttpResult {
  const cspNonce = randomBytes(16).toString('base64');
  const body = nunjucksEnvironment.render(template, { ...context, cspNonce });
  const policy = pageSecurityPolicy(cspNonce, originOrUndefined(context.signOutOrigin));
  return {
    statusCode: options.statusCode ?? 200,
    headers: { ...securityHeaders, 'content-security-policy': policy, 'content-type': 'text/html; charset=utf-8' },
    ...(options.cookies === undefined || options.cookies.length === 0 ? {} : { cookies: options.cookies }),
    body,
  };
}
