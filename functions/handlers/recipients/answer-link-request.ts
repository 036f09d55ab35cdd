import type { Context } from 'aws-lambda';
import type { CheckAnswer } from '#schemas/answers';
import { answerByLink, answerThroughLink, recordLaterAnswerAttempt } from '#proposals/answer-by-link';
import { auditLinkShown } from '#proposals/show-link';
import { now } from '#runtime/clock';
import { LinkNotUsableError } from '#runtime/errors';
import { httpHandler, json, readJsonBody, type HttpEvent } from '#runtime/http-handler';
import { isAnswerGiven } from '#links/answered-link';
import { resolveLink, type AnsweredLink, type ResolvedLink } from '#links/link-access';
import { clearedLinkCookieHeader, linkCookieHeader, linkTokenFromCookie } from '#links/link-cookie';
import { answeredLinkView, recipientView } from '#links/recipient-view';
import { field, readFormBody, type FormFields } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { agencyAnswerFrom, agencyFormValues, residentAnswerFrom, residentFormValues, validateAgencyAnswer, validateResidentAnswer, type PageError } from '#pages/link/answer-form';
import { chooseLanguage, type Language } from '#pages/link/language';
import { agencyPage, agencySentPage, answeredLinkPage, postsJson, residentPage, residentSentPage, unusableLinkPage } from '#pages/link/link-pages';
import { isResidentView, type AgencyView, type ResidentView } from '#pages/link/view-models';

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

/** The form's answer, checked with the API's own schemas in the reader's language, and its page with errors. */
function answerFrom(fields: FormFields, view: AgencyView | ResidentView, language: Language) {
  if (isResidentView(view)) {
    const values = residentFormValues(fields);
    return { validated: validateResidentAnswer(residentAnswerFrom(values), language), withErrors: (errors: readonly PageError[]) => residentPage(view, language, values, errors) };
  }
  if (view.checkType === 'RESIDENT_CONSENT') {
    throw new Error('A resident check without a resident view');
  }
  const values = agencyFormValues(fields);
  return { validated: validateAgencyAnswer(view.checkType, agencyAnswerFrom(values)), withErrors: (errors: readonly PageError[]) => agencyPage(view, values, errors) };
}

/** The confirmation of an answer. The link cookie stays (an hour from now), so refreshing it, or another tab, finds the link answered. */
function confirmation(view: AgencyView | ResidentView, language: Language, answer: CheckAnswer, token: string) {
  const cookies = [linkCookieHeader(token)];
  if (!isResidentView(view)) {
    return agencySentPage(view, cookies);
  }
  if (!('decision' in answer)) {
    throw new Error('A resident answer without a decision');
  }
  return residentSentPage(view, language, answer.decision, cookies);
}

/**
 * An answer sent through a link already used to reply. The same answer again is the confirmation
 * page refreshed (the browser posts the form again): it shows the confirmation. Any other is a
 * later answer, which is not stored: the officer sees that it was tried, and the sender is told
 * when the link was used and whom to contact.
 */
async function answeredAlready(answered: AnsweredLink, fields: FormFields, requested: unknown, token: string, at: Date) {
  const view = recipientView(answered.stored.proposal, answered.check);
  const language = isResidentView(view) ? chooseLanguage(requested, view.language) : 'en';
  const { validated } = answerFrom(fields, view, language);
  if (validated.ok && isAnswerGiven(answered.check, validated.answer)) {
    return confirmation(view, language, validated.answer, token);
  }
  await recordLaterAnswerAttempt(answered.check, at);
  const page = answeredLinkView(answered.stored.proposal, answered.check, answered.answeredAt);
  return answeredLinkPage(page, language, { attempted: true });
}

/**
 * The page's form. With errors, the page comes back with the error summary and what was typed.
 * Stored: a confirmation. A link already used to reply: see `answeredAlready`.
 */
const formRoute = pageHandler(async (event) => {
  const fields = readFormBody(event);
  const requested = field(fields, 'lang');
  const token = linkTokenFromCookie(event);
  if (token === undefined) {
    return unusableLinkPage(404, chooseLanguage(requested));
  }
  const at = now();
  const resolve = async (): Promise<ResolvedLink | LinkNotUsableError> => {
    try {
      return await resolveLink(token, at);
    } catch (error) {
      if (error instanceof LinkNotUsableError) return error;
      throw error;
    }
  };
  const resolved = await resolve();
  if (resolved instanceof LinkNotUsableError) {
    return unusableLinkPage(resolved.statusCode, chooseLanguage(requested));
  }
  if (resolved.state === 'ANSWERED') {
    return answeredAlready(resolved, fields, requested, token, at);
  }

  const view = recipientView(resolved.stored.proposal, resolved.check);
  const language = isResidentView(view) ? chooseLanguage(requested, view.language) : 'en';
  const { validated, withErrors } = answerFrom(fields, view, language);
  if (!validated.ok) {
    await auditLinkShown(resolved.check, at);
    return withErrors(validated.errors);
  }
  try {
    await answerThroughLink(resolved, validated.answer, at);
  } catch (error) {
    if (!(error instanceof LinkNotUsableError)) throw error;
    // Lost a race (another tab, the same moment): if that one answered, this is a later answer.
    const after = await resolve();
    if (after instanceof LinkNotUsableError || after.state !== 'ANSWERED') {
      return unusableLinkPage(error.statusCode, language);
    }
    return answeredAlready(after, fields, requested, token, at);
  }
  return confirmation(view, language, validated.answer, token);
});

/** A JSON body keeps the JSON behaviour; a form post gets pages. */
export const handler = (event: HttpEvent, context: Context) => (postsJson(event) ? jsonRoute(event, context) : formRoute(event, context));
