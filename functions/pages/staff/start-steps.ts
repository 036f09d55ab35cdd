import { addDays } from '#domain/calendar-date';
import { validateProposal } from '#schemas/proposal';
import type { FieldError } from '#schemas/field-error';
import { field, type FormFields } from '#pages/form-body';
import { formErrors, noErrors, type FormErrors } from './form-errors.ts';
import { placeOfPath, proposalFromForm, rowsIn, type RowKind } from './start-checks.ts';

/**
 * The start-checks form as short question pages (GOV.UK's "one thing per page", grouped as the
 * officer reads the case file), then "Check your answers", and only then the requests go out.
 */
export const startSteps = ['hearing', 'defendant', 'curfew', 'adults', 'children', 'agencies'] as const;
export type StartStep = (typeof startSteps)[number];
export type StartPage = StartStep | 'check';

export const stepHeadings: Record<StartStep, string> = {
  hearing: 'The hearing and the report',
  defendant: 'The defendant',
  curfew: 'The curfew address and hours',
  adults: 'Adults who live at the address',
  children: 'Children',
  agencies: 'Who to ask',
};

/** The input names (or their beginnings) each page asks for; a page saves only its own. */
const stepFields: Record<StartStep, readonly string[]> = {
  hearing: ['courtCode', 'hearingDate', 'reportType', 'convictionDate'],
  defendant: ['defendant-'],
  curfew: ['address-', 'curfewStart', 'curfewEnd', 'period-', 'periods'],
  adults: ['resident-', 'residents', 'noOtherAdults'],
  children: ['children-'],
  agencies: ['policeForce', 'localAuthority'],
};

/** The date inputs on each page, by their name prefix. */
const stepDates: Record<StartStep, readonly string[]> = {
  hearing: ['hearingDate', 'convictionDate'],
  defendant: ['defendant-dateOfBirth'],
  curfew: ['curfewStart', 'curfewEnd'],
  adults: [],
  children: [],
  agencies: [],
};

/** The page that asks for an input (or shows an error slot); undefined for anything else (the CSRF token, buttons). */
export function stepOfField(name: string): StartStep | undefined {
  return startSteps.find((step) => stepFields[step].some((prefix) => name === prefix || name.startsWith(prefix)));
}

/** `?step=` as a page: none is the first page; anything unknown is undefined (404). */
export function parseStartPage(value: string | undefined): StartPage | undefined {
  if (value === undefined || value === '') return 'hearing';
  return value === 'check' || (startSteps as readonly string[]).includes(value) ? (value as StartPage) : undefined;
}

export function startPageHref(page: StartPage, returnToCheck = false): string {
  if (page === 'hearing' && !returnToCheck) return '/proposals/new';
  return `/proposals/new?step=${page}${returnToCheck && page !== 'check' ? '&return=check' : ''}`;
}

/**
 * The page that asks whether to delete the draft (`?step=discard`), and the page it came from, to
 * return to if the officer keeps the draft.
 */
export function discardHref(from: StartPage): string {
  return `/proposals/new?step=discard&from=${from}`;
}

/** Where Continue goes: the next page, or back to "Check your answers" after a Change link. */
export function pageAfter(step: StartStep, returnToCheck: boolean): string {
  const next = startSteps[startSteps.indexOf(step) + 1];
  return startPageHref(returnToCheck || next === undefined ? 'check' : next);
}

/** Where the Back link goes (a link, so it works without JavaScript and matches the browser's Back). */
export function pageBefore(page: StartPage, returnToCheck: boolean): string {
  if (page !== 'check' && returnToCheck) return startPageHref('check');
  const index = page === 'check' ? startSteps.length : startSteps.indexOf(page);
  const previous = startSteps[index - 1];
  return previous === undefined ? '/proposals' : startPageHref(previous);
}

/** The draft with one page's answers replaced by what was posted (an unticked box is an answer too). */
export function mergeStep(draft: FormFields, step: StartStep, posted: FormFields): FormFields {
  const kept = Object.entries(draft).filter(([name]) => stepOfField(name) !== step);
  const answered = Object.entries(posted).filter(([name]) => stepOfField(name) === step);
  return Object.fromEntries([...kept, ...answered]);
}

/** "Remove" on a row: the rows after it move up one, so the numbers the officer sees stay 1, 2, 3. */
export function removeRow(fields: FormFields, kind: RowKind, row: number): FormFields {
  const pattern = new RegExp(`^${kind}-(\\d+)-(.*)$`);
  const result: FormFields = {};
  for (const [name, value] of Object.entries(fields)) {
    const match = pattern.exec(name);
    if (match === null) {
      result[name] = value;
      continue;
    }
    const index = Number(match[1]);
    if (index === row) continue;
    result[index > row ? `${kind}-${index - 1}-${match[2] ?? ''}` : name] = value;
  }
  return result;
}

/** What a row button asks for: `add-resident`, `remove-period-2`; undefined for Continue. */
export function rowAction(value: string): { kind: RowKind; remove?: number } | undefined {
  const match = /^(add|remove)-(resident|period)(?:-(\d+))?$/.exec(value);
  if (match === null) return undefined;
  const kind = match[2] as RowKind;
  return match[1] === 'add' ? { kind } : match[3] === undefined ? undefined : { kind, remove: Number(match[3]) };
}

function dateParts(prefix: string, date: string): [string, string][] {
  const [year = '', month = '', day = ''] = date.split('-');
  return [[`${prefix}-day`, String(Number(day))], [`${prefix}-month`, String(Number(month))], [`${prefix}-year`, year]];
}

/**
 * Answers that pass every rule, for the pages the officer has not reached yet, so one page can be
 * checked by the whole schema (one source of truth with the API) and only its own errors shown.
 */
function standIn(step: StartStep, today: string): FormFields {
  const fields: Record<StartStep, [string, string][]> = {
    hearing: [['courtCode', 'B01LY00'], ...dateParts('hearingDate', addDays(today, 1)), ['reportType', 'STANDARD'], ...dateParts('convictionDate', today)],
    defendant: [['defendant-givenName', 'A'], ['defendant-familyName', 'B'], ...dateParts('defendant-dateOfBirth', '1990-01-01')],
    curfew: [['address-line1', '1 A Street'], ['address-town', 'A'], ['address-postcode', 'SW1A 1AA'], ...dateParts('curfewStart', addDays(today, 2)), ...dateParts('curfewEnd', addDays(today, 30)), ['period-0-days', 'MON'], ['period-0-from', '20:00'], ['period-0-to', '06:00']],
    adults: [['noOtherAdults', 'yes']],
    children: [['children-any', 'no']],
    agencies: [['policeForce', 'WILTSHIRE'], ['localAuthority', 'SWINDON']],
  };
  return Object.fromEntries(fields[step]);
}

function answered(fields: FormFields, step: StartStep): boolean {
  return Object.entries(fields).some(([name, value]) => stepOfField(name) === step && (Array.isArray(value) ? value.length > 0 : value.trim() !== '' && !/-language$/.test(name)));
}

/** "1/2/2027" typed into the day box: the commonest slip on a GOV.UK date input, told how to fix it. */
export const dateInOneBoxMessage = 'Enter the day as a number, for example 1; enter the month and year in their own boxes';

/**
 * "No other adults" ticked with adults listed means "nobody besides these": the schema refuses
 * it (the two answers contradict), and the page says which one to change.
 */
export const noOtherAdultsWithAdultsMessage = "If the adults you listed are everyone who lives there besides the defendant, untick 'No other adults live at this address'. Tick it only when no adult besides the defendant lives there.";

function pageOwnErrors(step: StartStep, fields: FormFields, courts: readonly string[]): FieldError[] {
  const boxes = stepDates[step].filter((prefix) => /\d\s*[/.\\-]\s*\d/.test(field(fields, `${prefix}-day`)));
  const court = field(fields, 'courtCode');
  // The list offers only the officer's courts; another one is refused here, not after every page.
  const foreignCourt = step === 'hearing' && court !== '' && !courts.includes(court);
  return [...boxes.map((prefix) => ({ path: `@date:${prefix}`, message: dateInOneBoxMessage })), ...(foreignCourt ? [{ path: 'courtCode', message: 'Choose one of your own courts' }] : [])];
}

function placeOf(fields: FormFields) {
  const rows = proposalFromForm(fields);
  return (path: string) => (path.startsWith('@date:') ? { slot: path.slice('@date:'.length), anchor: `${path.slice('@date:'.length)}-day` } : placeOfPath(path, rows));
}

function messageFor(error: FieldError): FieldError {
  return error.path === 'noOtherAdults' ? { ...error, message: noOtherAdultsWithAdultsMessage } : error;
}

/**
 * One page's errors: the whole proposal is validated as the API would (the pages not reached yet
 * answered by stand-ins), and only the errors on this page's fields are kept; a date box that
 * holds a whole date replaces the schema's message for that date.
 */
export function stepErrors(step: StartStep, fields: FormFields, today: string, courts: readonly string[]): FormErrors {
  const complete = startSteps.reduce<FormFields>((all, other) => (other === step || answered(fields, other) ? all : mergeStep(all, other, standIn(other, today))), fields);
  const mapped = proposalFromForm(complete);
  const result = validateProposal(mapped.input, today);
  const own = pageOwnErrors(step, fields, courts);
  const place = placeOf(complete);
  const replaced = new Set(own.map((error) => place(error.path).slot));
  const schemaErrors = (result.success ? [] : result.fields).map(messageFor).filter((error) => {
    const { slot } = place(error.path);
    return stepOfField(slot) === step && !replaced.has(slot);
  });
  return formErrors([...own, ...schemaErrors], place);
}

/**
 * The whole draft's errors on "Check your answers", each linked to the page that asks for it (the
 * field's id after the #), so the officer can go straight to it.
 */
export function draftErrors(errors: readonly FieldError[], fields: FormFields): FormErrors {
  const place = placeOf(fields);
  const placed = formErrors(errors.map(messageFor), (path) => {
    const { slot, anchor } = place(path);
    const step = stepOfField(slot) ?? 'hearing';
    return { slot, anchor: `${startPageHref(step, true)}#${anchor}` };
  });
  return { ...placed, summary: placed.summary.map((item) => ({ ...item, href: item.href.slice(1) })) };
}

/** How many rows to show on the adults or curfew page: what the draft holds, what was opened, at least one. */
export function rowsToShow(fields: FormFields, kind: RowKind, opened: number): number {
  return Math.max(1, rowsIn(fields, kind, opened));
}

/** "Check your answers" on GET: the whole draft validated as the API will, so nothing surprises the officer at Send. */
export function wholeDraftErrors(fields: FormFields, today: string): FormErrors {
  const result = validateProposal(proposalFromForm(fields).input, today);
  return result.success ? noErrors : draftErrors(result.fields, fields);
}

/** A refusal on "Check your answers" that is not about one field here, linked to where it can be put right. */
export function messageLinkingTo(text: string, href: string): FormErrors {
  return { summary: [{ text, href }], fields: {} };
}
