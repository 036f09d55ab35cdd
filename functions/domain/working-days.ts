import bankHolidayData from './data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { addDays } from './calendar-date.ts';

/**
 * Working days in England and Wales: Monday to Friday, except bank holidays. The dates ship as data
 * (with their source and the day they were taken) so deadlines never depend on a network call.
 */
export interface BankHolidayCalendar {
  readonly dates: ReadonlySet<string>;
  /** The last date the data speaks for: the end of the last year it lists. */
  readonly coversUntil: string;
}

export function calendarFrom(dates: readonly string[]): BankHolidayCalendar {
  const sorted = [...dates].sort();
  const lastYear = (sorted.at(-1) ?? '1970-01-01').slice(0, 4);
  return { dates: new Set(sorted), coversUntil: `${lastYear}-12-31` };
}

export const englandAndWales: BankHolidayCalendar = calendarFrom(bankHolidayData.dates);
export const bankHolidaySource = { source: bankHolidayData.source, takenOn: bankHolidayData.takenOn } as const;

function dayOfWeek(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

export function isWorkingDay(date: string, calendar: BankHolidayCalendar = englandAndWales): boolean {
  const day = dayOfWeek(date);
  return day !== 0 && day !== 6 && !calendar.dates.has(date);
}

/** The working day `count` working days before `date` (count ≥ 1), skipping weekends and bank holidays. */
export function workingDaysBefore(date: string, count: number, calendar: BankHolidayCalendar = englandAndWales): string {
  let current = date;
  let remaining = count;
  while (remaining > 0) {
    current = addDays(current, -1);
    if (isWorkingDay(current, calendar)) remaining -= 1;
  }
  return current;
}

/** The first working day after `date`, skipping weekends and bank holidays. */
export function nextWorkingDayAfter(date: string, calendar: BankHolidayCalendar = englandAndWales): string {
  let next = addDays(date, 1);
  while (!isWorkingDay(next, calendar)) next = addDays(next, 1);
  return next;
}

/**
 * Whether the shipped dates reach at least 12 months past `today`; if not, deadlines next year
 * would silently ignore bank holidays, so start-up and /health warn.
 */
export function coversNextTwelveMonths(today: string, calendar: BankHolidayCalendar = englandAndWales): boolean {
  return calendar.coversUntil >= addDays(today, 365);
}

/** What to tell people when the shipped dates run out. */
export function bankHolidayWarning(calendar: BankHolidayCalendar = englandAndWales): string {
  return `Bank holiday dates end on ${calendar.coversUntil}: deadlines after that ignore bank holidays. Refresh them with npm run bank-holidays:refresh.`;
}
