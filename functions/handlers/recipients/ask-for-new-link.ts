import { requestNewLink } from '#proposals/request-new-link';
import { now } from '#runtime/clock';
import { linkTokenFromCookie } from '#links/link-cookie';
import { field, readFormBody } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { chooseLanguage } from '#pages/link/language';
import { newLinkRequestedPage, unusableLinkPage } from '#pages/link/link-pages';

/*
 * POST /respond/new-link: "Ask for a new link" on the page of a link that expired or was replaced.
 * The token comes from the link cookie, which a cross-site form cannot send (SameSite=Lax) and
 * which is sent only under /respond, so the cookie is the form's CSRF protection, as for the answer
 * form; opening the page (GET) changes nothing. Asking again says it was already asked.
 */
export const handler = pageHandler(async (event) => {
  const fields = readFormBody(event);
  const requested = field(fields, 'lang');
  const token = linkTokenFromCookie(event);
  if (token === undefined) {
    return unusableLinkPage(404, chooseLanguage(requested));
  }
  const request = await requestNewLink(token, now());
  if (request === undefined) {
    // Unknown, used, still working, or its check no longer waits: a new link would not help.
    return unusableLinkPage(410, chooseLanguage(requested));
  }
  return newLinkRequestedPage(request.outcome, request.courtCode, chooseLanguage(requested, request.language));
});
