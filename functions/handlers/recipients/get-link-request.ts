import type { Context } from 'aws-lambda';
import { LinkNotUsableError } from '#runtime/errors';
import { httpHandler, json, type HttpEvent } from '#runtime/http-handler';
import type { ResolvedLink } from '#links/link-access';
import { linkTokenFromCookie } from '#links/link-cookie';
import { showLink, showLinkPage } from '#proposals/show-link';
import { newLinkOffer } from '#proposals/request-new-link';
import { now } from '#runtime/clock';
import { answeredLinkView, recipientView } from '#links/recipient-view';
import { pageHandler } from '#pages/page-handler';
import { chooseLanguage } from '#pages/link/language';
import { agencyPage, answeredLinkPage, residentPage, unusableLinkPage, wantsJson } from '#pages/link/link-pages';
import { isResidentView } from '#pages/link/view-models';

/** JSON, for systems and tests: what the link's holder is asked, with only what they need to answer it. */
const jsonRoute = httpHandler(async (event) => {
  const token = linkTokenFromCookie(event);
  if (token === undefined) {
    throw new LinkNotUsableError(404);
  }
  const { stored, check } = await showLink(token);
  return json(200, recipientView(stored.proposal, check));
});

/**
 * The page: the police or children's services enquiry, or a resident's question in English or
 * Welsh (`?lang=cy|en`, else the language the resident was asked in). A link already used to
 * reply gets a page saying when, and whom to contact to change it; any other link that cannot be
 * used, for whatever reason, gets the same page, which offers "Ask for a new link" when the link
 * expired or was replaced while its check still waits.
 */
const pageRoute = pageHandler(async (event) => {
  const requested = event.queryStringParameters?.lang;
  const token = linkTokenFromCookie(event);
  if (token === undefined) {
    return unusableLinkPage(404, chooseLanguage(requested));
  }
  let resolved: ResolvedLink;
  try {
    resolved = await showLinkPage(token);
  } catch (error) {
    if (error instanceof LinkNotUsableError) {
      // An expired or replaced link whose check still waits offers its holder a new one.
      const offer = error.statusCode === 410 ? await newLinkOffer(token, now()) : undefined;
      return unusableLinkPage(error.statusCode, chooseLanguage(requested, offer?.language), { offerNewLink: offer !== undefined });
    }
    throw error;
  }
  if (resolved.state === 'ANSWERED') {
    const answered = answeredLinkView(resolved.stored.proposal, resolved.check, resolved.answeredAt);
    return answeredLinkPage(answered, answered.forResident ? chooseLanguage(requested, answered.language) : 'en', { attempted: false });
  }
  const view = recipientView(resolved.stored.proposal, resolved.check);
  return isResidentView(view) ? residentPage(view, chooseLanguage(requested, view.language)) : agencyPage(view);
});

/** GET /respond: JSON for a client that asks for it, otherwise the page. Reading it changes nothing but the audit trail. */
export const handler = (event: HttpEvent, context: Context) => (wantsJson(event) ? jsonRoute(event, context) : pageRoute(event, context));
