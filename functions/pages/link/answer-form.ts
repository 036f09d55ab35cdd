import type { CheckType } from '#domain/statuses';
import { childSafeguardingAnswerSchema, domesticAbuseAnswerSchema, residentAnswerSchema, type AgencyAnswer, type ResidentAnswer } from '#schemas/answers';
import { toFieldErrors } from '#schemas/field-error';
import { field, fieldList, type FormFields } from '#pages/form-body';
import type { Language } from './language.ts';
import { residentText } from './translations.ts';

/** What an agency typed, kept as typed so a page with errors shows it again. */
export interface AgencyFormValues {
  outcome: string;
  summary: string;
  restricted: boolean;
  responderName: string;
  responderRole: string;
  responderOrganisation: string;
  /** The version of the questions the page showed (a hidden field; '' when not sent). */
  questionsVersion: string;
}

export interface ResidentFormValues {
  decision: string;
  understood: boolean;
}

/** One error as the page shows it: in the error summary, linked to the field, and beside the field. */
export interface PageError {
  /** The id of the field (the first input of a group), which the summary links to. */
  field: string;
  text: string;
  href: string;
}

export const emptyAgencyValues: AgencyFormValues = { outcome: '', summary: '', restricted: false, responderName: '', responderRole: '', responderOrganisation: '', questionsVersion: '' };
export const emptyResidentValues: ResidentFormValues = { decision: '', understood: false };

/** Checkbox value for "ticked" in our forms. */
const ticked = 'yes';

export function agencyFormValues(fields: FormFields): AgencyFormValues {
  return {
    outcome: field(fields, 'outcome'),
    summary: field(fields, 'summary'),
    restricted: fieldList(fields, 'restricted').includes(ticked),
    responderName: field(fields, 'responderName'),
    responderRole: field(fields, 'responderRole'),
    responderOrganisation: field(fields, 'responderOrganisation'),
    questionsVersion: field(fields, 'questionsVersion'),
  };
}

export function residentFormValues(fields: FormFields): ResidentFormValues {
  return { decision: field(fields, 'decision'), understood: fieldList(fields, 'understood').includes(ticked) };
}

/**
 * The answer object the API takes, from the form. Nothing chosen stays absent, so the schema's
 * own message ("Say whether…") is shown; an unticked "restricted" box means not restricted.
 */
export function agencyAnswerFrom(values: AgencyFormValues): Record<string, unknown> {
  const summary = values.summary.trim();
  return {
    ...(values.outcome === '' ? {} : { outcome: values.outcome }),
    ...(summary === '' ? {} : { summary }),
    restricted: values.restricted,
    responder: { name: values.responderName, role: values.responderRole, organisation: values.responderOrganisation },
    // The version the agency answered: the page's, so a change of the questions meanwhile cannot give its options another meaning.
    ...(values.questionsVersion === '' ? {} : { questionsVersion: values.questionsVersion }),
  };
}

/** Only consent carries "I understand": a box left ticked under another choice is not part of the answer. */
export function residentAnswerFrom(values: ResidentFormValues): Record<string, unknown> {
  return {
    ...(values.decision === '' ? {} : { decision: values.decision }),
    ...(values.decision === 'CONSENT' && values.understood ? { understood: true } : {}),
  };
}

/** The page's field ids, in the order the fields appear, so the error summary follows the page. */
export const agencyFieldOrder = ['outcome', 'summary', 'restricted', 'responderName', 'responderRole', 'responderOrganisation'] as const;
export const residentFieldOrder = ['decision', 'understood'] as const;

/** The id of the form field behind a schema path: `responder.name` → `responderName`. */
export function fieldIdForPath(path: string): string {
  const [head = '', ...rest] = path.split('.');
  return head + rest.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

export type Validated<Answer> = { ok: true; answer: Answer } | { ok: false; errors: PageError[] };

function pageErrors(issues: { path: string; message: string }[], order: readonly string[], message: (fieldId: string, fallback: string) => string): PageError[] {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const id = fieldIdForPath(issue.path);
    if (!byField.has(id)) byField.set(id, message(id, issue.message));
  }
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...byField]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([id, text]) => ({ field: id, text, href: `#${id}` }));
}

/** Validates an agency's answer with the API's own schema for the check. */
export function validateAgencyAnswer(checkType: Exclude<CheckType, 'RESIDENT_CONSENT'>, candidate: Record<string, unknown>): Validated<AgencyAnswer> {
  const result = (checkType === 'DOMESTIC_ABUSE' ? domesticAbuseAnswerSchema : childSafeguardingAnswerSchema).safeParse(candidate);
  if (result.success) return { ok: true, answer: result.data };
  return { ok: false, errors: pageErrors(toFieldErrors(result.error), agencyFieldOrder, (_id, fallback) => fallback) };
}

/** Validates a resident's answer with the API's schema; the messages are the resident's language. */
export function validateResidentAnswer(candidate: Record<string, unknown>, language: Language): Validated<ResidentAnswer> {
  const result = residentAnswerSchema.safeParse(candidate);
  if (result.success) return { ok: true, answer: result.data };
  const messages: Record<string, string> = residentText[language].errors;
  return { ok: false, errors: pageErrors(toFieldErrors(result.error), residentFieldOrder, (id, fallback) => messages[id] ?? fallback) };
}

/** The error for one field, for the component's `errorMessage` (false when there is none). */
export function errorFor(errors: readonly PageError[], fieldId: string): { text: string } | false {
  const error = errors.find((candidate) => candidate.field === fieldId);
  return error === undefined ? false : { text: error.text };
}
