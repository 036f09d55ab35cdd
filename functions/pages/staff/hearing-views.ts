import type { AdjournmentCause, FinalHearingOutcome } from '#domain/adjournment';
import { formatDate } from '#pages/filters';
import type { ProposalItem } from '#store/items';
import { field, type FormFields } from '#pages/form-body';
import { noErrors, type FormErrors } from './form-errors.ts';
import { dateFromParts } from './start-checks.ts';
import { defendantNameOf, proposalHeadingOf } from './labels.ts';

/** The adjournment's and the hearing outcome's pages and what the proposal, the court list and the sentencer show of them (ADR 0024). */

export const adjournmentCauseLabels: Record<AdjournmentCause, string> = {
  CHECKS_OUTSTANDING: 'Checks outstanding',
  OTHER: 'Another reason',
};

export const hearingOutcomeLabels: Record<FinalHearingOutcome | 'ADJOURNED', string> = {
  CURFEW_IMPOSED: 'Curfew imposed at this address',
  OTHER_SENTENCE: 'Another sentence',
  ADJOURNED: 'Adjourned',
};

/** What each sentence does to the checks still open, under its choice on the outcome page. */
const outcomeHints: Record<FinalHearingOutcome, string> = {
  CURFEW_IMPOSED: 'The checks not yet answered carry on. If an answer comes, this proposal will say it needs action.',
  OTHER_SENTENCE: 'The checks not yet answered are stopped, and the people asked are told no answer is needed.',
};

/** Each adjournment, oldest first, in words: "Adjourned from 3 December 2026 to 10 December 2026 (checks outstanding)". */
export function adjournmentLines(proposal: Pick<ProposalItem, 'adjournments'>): { text: string; at: string }[] {
  return (proposal.adjournments ?? []).map((adjournment) => ({
    text: `Adjourned from ${formatDate(adjournment.previousHearingDate)} to ${formatDate(adjournment.hearingDate)} (${adjournmentCauseLabels[adjournment.cause].toLowerCase()})`,
    at: adjournment.at,
  }));
}

/** The court's sentence in words, with a warning when a curfew was imposed while a check had no answer. */
export function outcomeSummary(proposal: Pick<ProposalItem, 'hearingOutcome'>): { text: string; unansweredWarning?: string } | undefined {
  const outcome = proposal.hearingOutcome;
  if (outcome === undefined) return undefined;
  const text = `${hearingOutcomeLabels[outcome.outcome]}, ${formatDate(outcome.hearingDate)}`;
  return outcome.outcome === 'CURFEW_IMPOSED' && outcome.checksUnanswered > 0
    ? { text, unansweredWarning: `${outcome.checksUnanswered === 1 ? 'One check was' : `${outcome.checksUnanswered} checks were`} not answered when the curfew was imposed.` }
    : { text };
}

/** The new date from the form's three boxes; the use case's schema says what is wrong with it. */
export function adjournmentFromForm(fields: FormFields) {
  const hearingDate = dateFromParts(field(fields, 'hearingDate-day'), field(fields, 'hearingDate-month'), field(fields, 'hearingDate-year'));
  const cause = field(fields, 'cause');
  const note = field(fields, 'note').trim();
  return { ...(hearingDate === undefined ? {} : { hearingDate }), ...(cause === '' ? {} : { cause }), ...(note === '' ? {} : { note }) };
}

/** The outcome form: the outcome, and when adjourned, the adjournment's fields. */
export function outcomeFromForm(fields: FormFields) {
  const outcome = field(fields, 'outcome');
  return { ...(outcome === '' ? {} : { outcome }), ...(outcome === 'ADJOURNED' ? adjournmentFromForm(fields) : {}) };
}

/** The date boxes as GOV.UK's date input takes them, each marked when the date is wrong. */
export function dateItems(fields: FormFields, hasError: boolean) {
  const box = (name: 'day' | 'month' | 'year', classes: string) => ({ name, classes: `${classes}${hasError ? ' govuk-input--error' : ''}`, value: field(fields, `hearingDate-${name}`) });
  return [box('day', 'govuk-input--width-2'), box('month', 'govuk-input--width-2'), box('year', 'govuk-input--width-4')];
}

/** What the adjournment page shows: the current date, the earlier adjournments, the form. */
export function adjournmentPageView(proposal: ProposalItem, options: { fields?: FormFields; errors?: FormErrors }) {
  const fields = options.fields ?? {};
  const errors = options.errors ?? noErrors;
  return {
    ...proposalHeadingOf(proposal),
    defendantName: defendantNameOf(proposal),
    history: adjournmentLines(proposal),
    dateItems: dateItems(fields, errors.fields.hearingDate !== undefined),
    causeItems: (Object.keys(adjournmentCauseLabels) as AdjournmentCause[]).map((value) => ({
      value,
      text: adjournmentCauseLabels[value],
      hint: { text: value === 'CHECKS_OUTSTANDING' ? 'The court could not sentence because a check had not been answered.' : 'For example, the report was not ready for another reason, or the court ran out of time.' },
      checked: field(fields, 'cause') === value,
    })),
    note: field(fields, 'note'),
    errors,
  };
}

/** What the outcome page shows: the outcomes, the adjournment's fields revealed when "Adjourned" is chosen. */
export function outcomePageView(proposal: ProposalItem, options: { fields?: FormFields; errors?: FormErrors; unanswered: number }) {
  const fields = options.fields ?? {};
  const adjournment = adjournmentPageView(proposal, options);
  return {
    ...adjournment,
    unanswered: options.unanswered,
    outcomeValues: (Object.keys(hearingOutcomeLabels) as (keyof typeof hearingOutcomeLabels)[]).map((value) => ({
      value,
      text: hearingOutcomeLabels[value],
      checked: field(fields, 'outcome') === value,
      // What happens to the checks still open (ADR 0024), said only when there are some.
      ...(options.unanswered > 0 && value !== 'ADJOURNED' ? { hint: outcomeHints[value] } : {}),
    })),
  };
}
