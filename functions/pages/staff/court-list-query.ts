import { NotFoundError } from '#runtime/errors';
import { addDays } from '#domain/calendar-date';
import { formErrors, noErrors } from './form-errors.ts';
import { courtDisplayName } from '#pages/filters';

const parts = ['day', 'month', 'year'] as const;

/** The GOV.UK date input's boxes as typed, or taken from a YYYY-MM-DD date (a "previous day" link, say). */
function boxesOf(query: Record<string, string | undefined>, date: string | undefined) {
  const typed = parts.map((part) => (query[`date-${part}`] ?? '').trim());
  if (typed.some((value) => value !== '')) return { day: typed[0] ?? '', month: typed[1] ?? '', year: typed[2] ?? '', typed: true };
  const [year = '', month = '', day = ''] = (date ?? '').split('-');
  return { day: day.replace(/^0(?=\d)/, ''), month: month.replace(/^0(?=\d)/, ''), year, typed: false };
}

/** What is wrong with the typed date, in GOV.UK's words, or undefined when it names a real day. */
function dateProblem(boxes: { day: string; month: string; year: string }, isCalendarDate: (value: string) => boolean): { message: string; date?: undefined } | { message?: undefined; date: string } {
  const missing = parts.filter((part) => boxes[part] === '');
  if (missing.length === 3) return { message: 'Enter the hearing date' };
  if (missing.length > 0) return { message: `Hearing date must include a ${missing.join(' and ')}` };
  if (!parts.every((part) => /^\d+$/.test(boxes[part])) || boxes.year.length !== 4) return { message: 'Hearing date must be a real date' };
  const date = `${boxes.year}-${boxes.month.padStart(2, '0')}-${boxes.day.padStart(2, '0')}`;
  return isCalendarDate(date) ? { date } : { message: 'Hearing date must be a real date' };
}

/**
 * The court list's choices from the query: the court (one of the user's; another court is "not
 * found", never "forbidden") and the hearing date, from the three boxes of the form or from
 * `date=YYYY-MM-DD` in a link (today when neither is given). Not a browser's own date picker: that
 * shows and takes dates in the browser's locale (month first in a US browser).
 */
export function courtListQuery(query: Record<string, string | undefined>, courts: readonly string[], today: string, isCalendarDate: (value: string) => boolean) {
  const court = (query.court ?? '').trim() || (courts[0] ?? '');
  if (!courts.includes(court)) {
    throw new NotFoundError('No such court list');
  }
  const linked = (query.date ?? '').trim();
  const boxes = boxesOf(query, linked === '' ? today : linked);
  const checked = dateProblem(boxes, isCalendarDate);
  const date = checked.date ?? today;
  const dateError = checked.message;
  return {
    court,
    date,
    previousDay: checked.date === undefined ? undefined : addDays(checked.date, -1),
    nextDay: checked.date === undefined ? undefined : addDays(checked.date, 1),
    courts: courts.map((code) => ({ value: code, text: courtDisplayName(code), selected: code === court })),
    dateItems: parts.map((part) => ({
      name: part,
      label: part === 'day' ? 'Day' : part === 'month' ? 'Month' : 'Year',
      value: boxes[part],
      classes: `${part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2'}${dateError === undefined ? '' : ' govuk-input--error'}`,
    })),
    errors: dateError === undefined ? noErrors : formErrors([{ path: 'date', message: dateError }], () => ({ slot: 'date', anchor: 'date-day' })),
  };
}

