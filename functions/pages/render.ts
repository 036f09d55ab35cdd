import { randomBytes } from 'node:crypto';
import type { HttpResult } from '#runtime/http-handler';
import { securityHeaders } from '#runtime/security-headers';
import { nunjucksEnvironment } from './nunjucks-environment.ts';

/**
 * Pages may load only our own assets; the one inline script GOV.UK's template needs runs by a
 * per-request nonce. Nothing from any other origin, and no page can be framed.
 */
function pageSecurityPolicy(nonce: string): string {
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
    "form-action 'self'",
  ].join('; ');
}

export interface PageOptions {
  statusCode?: number;
  cookies?: string[];
}

/** Renders a template (which extends layout.njk) with a fresh CSP nonce, as an HTML response. */
export function renderPage(template: string, context: Record<string, unknown>, options: PageOptions = {}): HttpResult {
  const cspNonce = randomBytes(16).toString('base64');
  const body = nunjucksEnvironment.render(template, { ...context, cspNonce });
  return {
    statusCode: options.statusCode ?? 200,
    headers: { ...securityHeaders, 'content-security-policy': pageSecurityPolicy(cspNonce), 'content-type': 'text/html; charset=utf-8' },
    ...(options.cookies === undefined || options.cookies.length === 0 ? {} : { cookies: options.cookies }),
    body,
  };
}
