import type { ResidentAnswer } from '#schemas/answers';
import type { HttpEvent, HttpResult } from '#runtime/http-handler';
import { renderPage, type PageOptions } from '#pages/render';
import { emptyAgencyValues, emptyResidentValues, type AgencyFormValues, type PageError, type ResidentFormValues } from './answer-form.ts';
import type { Language } from './language.ts';
import { withdrawalPageModel, type WithdrawalPageState } from './view-models.ts';
import { agencyPageModel, agencySentModel, answeredLinkModel, newLinkRequestedModel, residentPageModel, residentSentModel, unusableLinkModel, type AgencyView, type AnsweredLinkView, type ResidentView } from './view-models.ts';

/**
 * GET and POST /respond serve systems (JSON) and people (HTML) at one address. A client that asks
 * for JSON (and not HTML) gets JSON; a browser gets pages.
 */
export function wantsJson(event: HttpEvent): boolean {
  const accept = (event.headers.accept ?? '').toLowerCase();
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** A POST whose body is JSON keeps the JSON behaviour; a form post gets pages. */
export function postsJson(event: HttpEvent): boolean {
  return (event.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

/** One page for every link that cannot be used, with the status the API gives (404 or 410). */
export function unusableLinkPage(statusCode: 404 | 410, language: Language, options: PageOptions & { offerNewLink?: boolean } = {}): HttpResult {
  const { offerNewLink, ...pageOptions } = options;
  return renderPage('link/unusable.njk', unusableLinkModel(language, offerNewLink === undefined ? {} : { offerNewLink }), { ...pageOptions, statusCode });
}

/** After asking for a new link: the court team has been told (or already had been), and how to reach it. */
export function newLinkRequestedPage(outcome: 'ASKED' | 'ALREADY_ASKED', courtCode: string, language: Language): HttpResult {
  return renderPage('link/new-link-requested.njk', newLinkRequestedModel(outcome, courtCode, language), { statusCode: 200 });
}

export function agencyPage(view: AgencyView, values: AgencyFormValues = emptyAgencyValues, errors: readonly PageError[] = []): HttpResult {
  return renderPage('link/agency.njk', agencyPageModel(view, values, errors), { statusCode: errors.length === 0 ? 200 : 400 });
}

export function agencySentPage(view: AgencyView, cookies: string[]): HttpResult {
  return renderPage('link/agency-sent.njk', agencySentModel(view), { cookies });
}

export function residentPage(view: ResidentView, language: Language, values: ResidentFormValues = emptyResidentValues, errors: readonly PageError[] = []): HttpResult {
  return renderPage('link/resident.njk', residentPageModel(view, language, values, errors), { statusCode: errors.length === 0 ? 200 : 400 });
}

export function residentSentPage(view: ResidentView, language: Language, decision: ResidentAnswer['decision'], cookies: string[]): HttpResult {
  return renderPage('link/resident-sent.njk', residentSentModel(view, language, decision), { cookies });
}

/**
 * A link already used to reply (410, as the API answers a used link): when, and whom to contact.
 * `attempted`: an answer was just sent through it, and not recorded.
 */
export function answeredLinkPage(view: AnsweredLinkView, language: Language, options: { attempted: boolean; cookies?: string[] }): HttpResult {
  return renderPage('link/answered.njk', answeredLinkModel(view, language, options), { statusCode: 410, ...(options.cookies === undefined ? {} : { cookies: options.cookies }) });
}

/**
 * A resident's withdrawal page (GET and POST /withdraw-consent): the button, the confirmation, or
 * that it was done before (410, as a used link is answered). Cookies as the caller sets them.
 */
export function withdrawalPage(page: WithdrawalPageState, courtCode: string, language: Language, options: { cookies?: string[] } = {}): HttpResult {
  const statusCode = page.state === 'USED' || page.state === 'RECORDED' ? 410 : 200;
  return renderPage(page.state === 'USABLE' ? 'link/withdraw.njk' : 'link/withdrawal-done.njk', withdrawalPageModel(page, courtCode, language), { statusCode, ...(options.cookies === undefined ? {} : { cookies: options.cookies }) });
}
