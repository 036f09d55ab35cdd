import type { Context } from 'aws-lambda';
import { answerByLink, answerThroughLink } from '#proposals/answer-by-link';
import { auditLinkShown } from '#proposals/show-link';
import { now } from '#runtime/clock';
import { LinkNotUsableError } from '#runtime/errors';
import { httpHandler, json, readJsonBody, type HttpEvent } from '#runtime/http-handler';
import { resolveUsableLink, type UsableLink } from '#links/link-access';
import { clearedLinkCookieHeader, linkTokenFromCookie } from '#links/link-cookie';
import { recipientView } from '#links/recipient-view';
import { field, readFormBody } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { agencyAnswerFrom, agencyFormValues, residentAnswerFrom, residentFormValues, validateAgencyAnswer, validateResidentAnswer } from '#pages/link/answer-form';
import { chooseLanguage } from '#pages/link/language';
import { agencyPage, agencySentPage, postsJson, residentPage, residentSentPage, unusableLinkPage } from '#pages/link/link-pages';
import { isResidentView } from '#pages/link/view-models';

/*
 * POST /respond: the answer from the link page. The token comes from the link cookie, which a
 * cross-site form cannot send (SameSite=Lax) and which is sent only to /respond, so the cookie is
 * also the form's CSRF protection: the page's form needs no other token.
 */

/** JSON in, JSON out (systems and tests). */
const jsonRoute = httpHandler(async (event) => {
  const token = linkTokenFromCookie(event);
  if (token === undefined) {
    throw new LinkNotUsableError(404);
  }
  const result = await answerByLink(token, readJsonBody(event));
  return { ...json(200, result), cookies: [clearedLinkCookieHeader()] };
});

/**
 * The page's form. Checked with the API's own schemas; with errors, the page comes back with the
 * error summary and what was typed. Stored: a confirmation, and the link cookie is cleared.
 */
const formRoute = pageHandler(async (event) => {
  const fields = readFormBody(event);
  const requested = field(fields, 'lang');
  const token = linkTokenFromCookie(event);
  if (token === undefined) {
    return unusableLinkPage(404, chooseLanguage(requested));
  }
  const unusable = (error: unknown) => {
    if (error instanceof LinkNotUsableError) {
      return unusableLinkPage(error.statusCode, chooseLanguage(requested));
    }
    throw error;
  };
  const at = now();
  let usable: UsableLink;
  try {
    usable = await resolveUsableLink(token, at);
  } catch (error) {
    return unusable(error);
  }
  const { check } = usable;
  const view = recipientView(usable.stored.proposal, check);
  const auditShownAgain = () => auditLinkShown(check, at);

  if (isResidentView(view)) {
    const language = chooseLanguage(requested, view.language);
    const values = residentFormValues(fields);
    const validated = validateResidentAnswer(residentAnswerFrom(values), language);
    if (!validated.ok) {
      await auditShownAgain();
      return residentPage(view, language, values, validated.errors);
    }
    try {
      await answerThroughLink(usable, validated.answer, at);
    } catch (error) {
      return unusable(error);
    }
    return residentSentPage(view, language, validated.answer.decision, [clearedLinkCookieHeader()]);
  }

  if (check.type === 'RESIDENT_CONSENT') {
    throw new Error('A resident check without a resident view');
  }
  const values = agencyFormValues(fields);
  const validated = validateAgencyAnswer(check.type, agencyAnswerFrom(values));
  if (!validated.ok) {
    await auditShownAgain();
    return agencyPage(view, values, validated.errors);
  }
  try {
    await answerThroughLink(usable, validated.answer, at);
  } catch (error) {
    return unusable(error);
  }
  return agencySentPage(view, [clearedLinkCookieHeader()]);
});

/** A JSON body keeps the JSON behaviour; a form post gets pages. */
export const handler = (event: HttpEvent, context: Context) => (postsJson(event) ? jsonRoute(event, context) : formRoute(event, context));
