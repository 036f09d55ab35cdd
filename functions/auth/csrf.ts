import { createHmac, timingSafeEqual } from 'node:crypto';
import { CsrfTokenInvalidError } from '#runtime/errors';
import { config } from '#runtime/config';
import type { HttpEvent } from '#runtime/http-handler';
import type { Session } from './sessions.ts';

const publicOrigin = new URL(config.publicBaseUrl).origin;

/**
 * The session's CSRF token: an HMAC keyed by the session's secret over the session's name in the
 * store, so it is bound to that session and the secret itself never leaves the server. Pages put
 * it in a form field `_csrf`; scripts and API clients in the header `x-csrf-token`.
 */
export function csrfTokenFor(session: Session): string {
  return createHmac('sha256', session.csrfSecret).update(`csrf:${session.ref}`, 'utf8').digest('base64url');
}

function submittedToken(event: HttpEvent): string | undefined {
  const header = event.headers['x-csrf-token'];
  if (header !== undefined && header !== '') {
    return header;
  }
  const contentType = event.headers['content-type'] ?? '';
  if (event.body === undefined || !contentType.startsWith('application/x-www-form-urlencoded')) {
    return undefined;
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return new URLSearchParams(raw).get('_csrf') ?? undefined;
}

/**
 * A state-changing request authenticated by the session cookie must carry the token, and must not
 * come from another site (when the browser says where it came from). The cookie alone proves
 * nothing: the browser sends it whoever made the page. Our pages send `Referrer-Policy: no-referrer`,
 * under which browsers send `Origin: null` with a form post: that says nothing, so the token decides.
 */
export function requireCsrfToken(event: HttpEvent, session: Session): void {
  const origin = event.headers.origin;
  if (origin !== undefined && origin !== 'null' && origin !== publicOrigin) {
    throw new CsrfTokenInvalidError();
  }
  const submitted = Buffer.from(submittedToken(event) ?? '', 'utf8');
  const expected = Buffer.from(csrfTokenFor(session), 'utf8');
  if (submitted.length !== expected.length || !timingSafeEqual(submitted, expected)) {
    throw new CsrfTokenInvalidError();
  }
}
