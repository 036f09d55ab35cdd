/**
 * Calendar-date arithmetic on plain `YYYY-MM-DD` strings. Court dates are days, not instants, so
 * we keep them as strings and do the arithmetic in UTC where no clock change can shift a day.
 */

/** Day codes used by curfew periods, Monday first (the order of the statutory week does not matter). */
export const weekdays = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/** A day code; see weekdays. */
export type Weekday = (typeof weekdays)[number];

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 24 * 3600 * 1000;

function parts(date: string): { y: number; m: number; d: number } | undefined {
  const match = datePattern.exec(date);
  if (!match) return undefined;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function toUtcMs(date: string): number {
  const p = parts(date);
  if (!p) throw new Error(`Not a calendar date: ${date}`);
  return Date.UTC(p.y, p.m - 1, p.d);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True only for a real day written YYYY-MM-DD, so "2026-02-30" never reaches a court. */
export function isCalendarDate(value: string): boolean {
  const p = parts(value);
  if (!p || p.y < 1900) return false;
  const back = new Date(Date.UTC(p.y, p.m - 1, p.d));
  return back.getUTCFullYear() === p.y && back.getUTCMonth() === p.m - 1 && back.getUTCDate() === p.d;
}

/** The date `days` days after (or before, if negative) `date`. */
export function addDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * msPerDay);
}

/**
 * The last day of a span of `months` calendar months starting on `date`, inclusive: 2026-12-15 + 24
 * months ends on 2028-12-14. Used for the statutory maximum length of a curfew.
 */
export function lastDayOfMonthsFrom(date: string, months: number): string {
  const p = parts(date);
  if (!p) throw new Error(`Not a calendar date: ${date}`);
  // Date.UTC rolls 29 Feb into 1 Mar in a non-leap year, so the day before is the last day of the span.
  return addDays(fromUtcMs(Date.UTC(p.y, p.m - 1 + months, p.d)), -1);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / msPerDay);
}

/** The weekday a date falls on, to match dates against a weekly curfew pattern. */
export function weekdayOf(date: string): Weekday {
  const index = (new Date(toUtcMs(date)).getUTCDay() + 6) % 7;
  const day = weekdays[index];
  if (!day) throw new Error(`No weekday for ${date}`);
  return day;
}
