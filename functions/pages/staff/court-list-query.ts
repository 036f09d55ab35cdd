import { NotFoundError } from '#runtime/errors';
import { formErrors, noErrors } from './form-errors.ts';

/**
 * The court list's choices from the query: the court (one of the user's; another court is "not
 * found", never "forbidden") and the date (YYYY-MM-DD, today when not given).
 */
export function courtListQuery(query: Record<string, string | undefined>, courts: readonly string[], today: string, isCalendarDate: (value: string) => boolean) {
  const court = (query.court ?? '').trim() || (courts[0] ?? '');
  if (!courts.includes(court)) {
    throw new NotFoundError('No such court list');
  }
  const date = (query.date ?? '').trim() || today;
  const valid = isCalendarDate(date);
  return {
    court,
    date,
    courts: courts.map((code) => ({ value: code, text: code, selected: code === court })),
    errors: valid ? noErrors : formErrors([{ path: 'date', message: 'Enter a real hearing date, like 2026-12-14' }], () => ({ slot: 'date', anchor: 'date' })),
  };
}
