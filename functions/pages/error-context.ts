import type { HttpEvent } from '#runtime/http-handler';

/**
 * What a request's error page shows besides the error: for a staff page, the signed-in user's
 * navigation and sign-out and a way back to where their role starts (staffPage remembers it).
 * A module of its own, importing nothing, so that the page handler factory every page uses
 * (link pages too) reaches no sign-in or table code through it.
 */
const contexts = new WeakMap<HttpEvent, Record<string, unknown>>();

export function rememberErrorPageContext(event: HttpEvent, context: Record<string, unknown>): void {
  contexts.set(event, context);
}

/** Nothing when the user was not identified (not signed in, or not a staff page). */
export function errorPageContextOf(event: HttpEvent): Record<string, unknown> {
  return contexts.get(event) ?? {};
}
