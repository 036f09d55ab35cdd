import type { ResidentAnswer } from '#schemas/answers';
import { currentQuestionsVersion, questionsVersionOf } from '#domain/agency-questions';
import { findCourtTeam } from '#domain/court-teams';
import type { answeredLinkView, recipientView } from '#links/recipient-view';
import { agencyFieldOrder, errorFor, residentFieldOrder, type AgencyFormValues, type PageError, type ResidentFormValues } from './answer-form.ts';
import { formatCurfewDates, formatCurfewPeriod, formatMoment } from './curfew-periods.ts';
import type { Language } from './language.ts';
import { answeredLinkText, chromeText, courtContactText, newLinkText, residentText, unusableLinkText, withdrawalText } from './translations.ts';

/**
 * What each link page shows, as plain data for its template. Pure functions: the handlers find the
 * link and the answer; these decide the words.
 */
export type RecipientView = ReturnType<typeof recipientView>;
export type ResidentView = Extract<RecipientView, { curfew: unknown }>;
export type AgencyView = Extract<RecipientView, { address: unknown }>;
export type AnsweredLinkView = ReturnType<typeof answeredLinkView>;

export function isResidentView(view: RecipientView): view is ResidentView {
  return 'curfew' in view;
}

/** GOV.UK's standard destination for "Exit this page": a neutral site that looks ordinary in history. */
export const exitThisPageUrl = 'https://www.bbc.co.uk/weather';

/** Where the language links point: the link page itself (or the withdrawal page), whose cookie says which link it is. */
const languageHref = (language: Language, page: string) => `${page}?lang=${language}`;

/**
 * The page furniture for a link page: the `<html lang>`, the service name (not a link: a link holder
 * has nowhere else to go), and for anything a resident may see, the language switch and "Exit this page".
 */
export function linkChrome(language: Language, options: { forResidents: boolean; page?: string }) {
  const page = options.page ?? '/respond';
  const text = chromeText[language];
  return {
    htmlLang: language,
    serviceName: text.serviceName,
    serviceUrl: '',
    phaseText: text.phaseText,
    chrome: {
      skipLink: text.skipLink,
      errorPrefix: text.errorPrefix,
      errorSummaryTitle: text.errorSummaryTitle,
      languageLabel: text.languageLabel,
      languages: options.forResidents
        ? [
            { text: 'English', lang: 'en', href: languageHref('en', page), current: language === 'en', attributes: { 'data-qa': 'language-en' } },
            { text: 'Cymraeg', lang: 'cy', href: languageHref('cy', page), current: language === 'cy', attributes: { 'data-qa': 'language-cy' } },
          ]
        : undefined,
      exitThisPage: options.forResidents ? { redirectUrl: exitThisPageUrl, ...text.exitThisPage, attributes: { 'data-qa': 'exit-this-page' } } : undefined,
      footer: text.footer,
    },
  };
}

/**
 * The court by name (not its code, which means nothing to a resident or an analyst) and how to
 * reach its probation court team, from the court team data (functions/domain/data/court-teams.json).
 */
export function courtContactModel(courtCode: string, language: Language) {
  const text = courtContactText[language];
  const team = findCourtTeam(courtCode);
  const courtName = team === undefined ? courtCode : team.courtName[language];
  return {
    courtName,
    heading: text.heading,
    team: text.team(courtName),
    details:
      team === undefined
        ? undefined
        : { emailLabel: text.email, email: team.teamEmail, phoneLabel: text.phone, phone: team.teamPhone, phoneHref: `tel:${team.teamPhone.replace(/\s/g, '')}` },
    noDetails: text.noDetails,
  };
}

const fullName = (view: RecipientView) => `${view.defendant.givenName} ${view.defendant.familyName}`;

/** On a Welsh page each field's message has the Welsh hidden prefix ("Gwall:"): GOV.UK's default is the English "Error:". */
function errorContext(errors: readonly PageError[], order: readonly string[], language: Language = 'en') {
  const prefix = language === 'en' ? {} : { visuallyHiddenText: chromeText[language].errorPrefix };
  return {
    errorSummary: errors.map(({ text, href }) => ({ text, href })),
    fieldErrors: Object.fromEntries(
      order.map((id) => {
        const error = errorFor(errors, id);
        return [id, error === false ? false : { ...error, ...prefix }];
      }),
    ),
  };
}

/** A question's wording with the defendant's name in it (`{name}` in agency-questions.json). */
const withName = (text: string, name: string) => text.replaceAll('{name}', name);

/**
 * The police or children's services enquiry: who asks, why, by when, about whom, and the answer
 * form. The question, its options and its hints are the current version of the agency questions
 * (functions/domain/data/agency-questions.json); a form sent back with an error keeps the version
 * the agency first saw, while the file still has it.
 */
export function agencyPageModel(view: AgencyView, values: AgencyFormValues, errors: readonly PageError[]) {
  const police = view.checkType === 'DOMESTIC_ABUSE';
  const address = view.address;
  const name = fullName(view);
  const version = (values.questionsVersion === '' ? undefined : questionsVersionOf(values.questionsVersion)) ?? currentQuestionsVersion();
  const question = version.questions[police ? 'DOMESTIC_ABUSE' : 'CHILD_SAFEGUARDING'];
  return {
    ...linkChrome('en', { forResidents: false }),
    pageTitle: question.title,
    police,
    name,
    dateOfBirth: view.defendant.dateOfBirth,
    court: courtContactModel(view.courtCode, 'en'),
    hearingDate: view.hearingDate,
    dueAt: view.dueAt,
    addressLines: [address.line1, address.line2, address.town, address.postcode].filter((line): line is string => typeof line === 'string' && line !== ''),
    adults: view.adultsAtAddress,
    question: { why: withName(question.why, name), asked: withName(question.asked, name), legend: question.legend, summaryHint: question.summaryHint },
    questionsVersion: version.id,
    outcomes: question.options.map((option) => ({ value: option.value, text: option.label, checked: values.outcome === option.value })),
    values,
    ...errorContext(errors, agencyFieldOrder),
  };
}

export function agencySentModel(view: AgencyView) {
  return { ...linkChrome('en', { forResidents: false }), pageTitle: 'Answer sent', police: view.checkType === 'DOMESTIC_ABUSE', court: courtContactModel(view.courtCode, 'en') };
}

/** A resident's page, every word in their language; no other check's answer is ever part of it. */
export function residentPageModel(view: ResidentView, language: Language, values: ResidentFormValues, errors: readonly PageError[]) {
  const t = residentText[language];
  const name = fullName(view);
  const dates = formatCurfewDates(view.curfew, language);
  return {
    ...linkChrome(language, { forResidents: true }),
    pageTitle: t.title,
    language,
    text: {
      title: t.title,
      intro: t.intro(name),
      courtWantsToKnow: t.courtWantsToKnow,
      hoursHeading: t.hoursHeading,
      dates: t.dates(dates.start, dates.end),
      duringHours: t.duringHours,
      periods: view.curfew.periods.map((period) => formatCurfewPeriod(period, language)),
      meaningHeading: t.meaningHeading,
      meaning: [t.tag(name), t.visit, t.changeMind, t.notShared(name)],
      notSafe: t.notSafe,
      danger: t.danger,
      question: t.question(name),
      consent: t.consent,
      ifYouAgree: t.ifYouAgree,
      understood: t.understood,
      refuse: t.refuse,
      or: t.or,
      speak: t.speak,
      speakHint: t.speakHint,
      send: t.send,
    },
    court: courtContactModel(view.courtCode, language),
    values,
    ...errorContext(errors, residentFieldOrder, language),
  };
}

/** The confirmation for each choice. Asking to speak to someone reads as a request, never as a refusal. */
export function residentSentModel(view: ResidentView, language: Language, decision: ResidentAnswer['decision']) {
  const t = residentText[language];
  const sent = t.sent;
  const name = fullName(view);
  const byDecision = {
    CONSENT: { title: sent.answerSentTitle, panel: sent.youAgreed, next: [sent.consentNext(name), sent.withdrawLater, t.changeMind, sent.closePage] },
    REFUSE: { title: sent.answerSentTitle, panel: sent.youDidNotAgree, next: [sent.refuseNext, t.changeMind, sent.closePage] },
    SPEAK_TO_OFFICER: { title: sent.requestSentTitle, panel: sent.someoneWillContact, next: [sent.speakNext, t.danger, sent.closePage] },
  } as const;
  const chosen = byDecision[decision];
  return { ...linkChrome(language, { forResidents: true }), pageTitle: chosen.title, decision, text: { ...chosen, nextHeading: sent.nextHeading }, court: courtContactModel(view.courtCode, language) };
}

/**
 * A link already used to reply: when (London time), and how to reach the court team at once if the
 * reply needs to change; `attempted` when an answer was just sent through it and not recorded.
 * Agencies read it in English; a resident in their language, with the language switch and
 * "Exit this page".
 */
export function answeredLinkModel(view: AnsweredLinkView, language: Language, options: { attempted: boolean }) {
  const text = answeredLinkText[language];
  return {
    ...linkChrome(language, { forResidents: view.forResident }),
    pageTitle: text.title,
    text: { title: text.title, usedAt: text.usedAt(formatMoment(view.answeredAt, language)), notRecorded: options.attempted ? text.notRecorded : undefined, toChange: text.toChange },
    court: courtContactModel(view.courtCode, language),
  };
}

/**
 * The one page for every link that cannot be used (none, unknown, used, expired, withdrawn): it does
 * not say which. A resident may land here, so it has the language switch and "Exit this page". A
 * link that expired or was replaced while its check still waits also offers "Ask for a new link":
 * only its holder has the token, so that tells no one else whether a link exists.
 */
export function unusableLinkModel(language: Language, options: { offerNewLink?: boolean } = {}) {
  const text = unusableLinkText[language];
  const newLink = newLinkText[language];
  return { ...linkChrome(language, { forResidents: true }), pageTitle: text.title, text, newLink: options.offerNewLink === true ? { offer: newLink.offer, button: newLink.button, language } : undefined };
}

/**
 * After asking for a new link (or asking again): the court team has been told, and how to reach
 * it. The court is named, as on the other pages of a link we know; nothing about the case.
 */
export function newLinkRequestedModel(outcome: 'ASKED' | 'ALREADY_ASKED', courtCode: string, language: Language) {
  const text = newLinkText[language];
  const title = outcome === 'ASKED' ? text.askedTitle : text.alreadyTitle;
  return {
    ...linkChrome(language, { forResidents: true }),
    pageTitle: title,
    outcome,
    text: { title, body: outcome === 'ASKED' ? text.asked : text.already, sooner: text.sooner },
    court: courtContactModel(courtCode, language),
  };
}

/** Where a withdrawal link's page is (its cookie is sent only there). */
export const withdrawalPagePath = '/withdraw-consent';

/**
 * A resident's withdrawal of consent, every word in their language: what it does and the button
 * (USABLE), that it is done (WITHDRAWN), or that it was done before (USED: through this link, with
 * when; RECORDED: the officer recorded it). The court team's contact on each; no case details, no
 * name: whoever holds the link may not be the resident.
 */
export type WithdrawalPageState = { state: 'USABLE' } | { state: 'WITHDRAWN' } | { state: 'USED'; usedAt: string } | { state: 'RECORDED' };

export function withdrawalPageModel(page: WithdrawalPageState, courtCode: string, language: Language) {
  const t = withdrawalText[language];
  const common = { ...linkChrome(language, { forResidents: true, page: withdrawalPagePath }), language, court: courtContactModel(courtCode, language), danger: residentText[language].danger };
  switch (page.state) {
    case 'USABLE':
      return { ...common, pageTitle: t.title, state: page.state, text: { title: t.title, intro: t.intro, whatHappensHeading: t.whatHappensHeading, whatHappens: t.whatHappens, onceOnly: t.onceOnly, button: t.button } };
    case 'WITHDRAWN':
      return { ...common, pageTitle: t.doneTitle, state: page.state, text: { title: t.doneTitle, panel: t.donePanel, lines: [t.doneNext, residentText[language].sent.closePage] } };
    case 'USED':
      return { ...common, pageTitle: t.usedTitle, state: page.state, text: { title: t.usedTitle, lines: [t.usedAt(formatMoment(page.usedAt, language)), t.toTalk] } };
    case 'RECORDED':
      return { ...common, pageTitle: t.usedTitle, state: page.state, text: { title: t.usedTitle, lines: [t.recordedByTeam, t.toTalk] } };
  }
}
