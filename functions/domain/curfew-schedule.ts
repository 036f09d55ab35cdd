import type { FieldError } from '#schemas/field-error';
import { addDays, daysBetween, isCalendarDate, lastDayOfMonthsFrom, weekdayOf, weekdays } from './calendar-date';
import type { Weekday } from './calendar-date';
import { statutoryLimits } from './statutory-limits';

export { statutoryLimits } from './statutory-limits';
export type { StatutoryLimits } from './statutory-limits';

/** The parts of a proposed curfew that the statutory limits constrain. */
export interface CurfewSchedule {
  startDate: string;
  endDate: string;
  periods: readonly { days: readonly Weekday[]; from: string; to: string }[];
}

const minutesPerDay = 24 * 60;
const minutesPerWeek = 7 * minutesPerDay;
const dayNames: Record<Weekday, string> = {
  MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday', SUN: 'Sunday',
};
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

function toMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Our rule: a period that crosses midnight (to <= from) counts in full towards the day it starts. */
function durationMinutes(from: string, to: string): number {
  return (toMinutes(to) - toMinutes(from) + minutesPerDay) % minutesPerDay;
}

function describeDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = `${h} hour${h === 1 ? '' : 's'}`;
  return m === 0 ? hours : `${hours} ${m} minute${m === 1 ? '' : 's'}`;
}

function describeDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d ?? ''} ${monthNames[(m ?? 1) - 1] ?? ''} ${y ?? ''}`;
}

function describeMonths(months: number): string {
  return months % 12 === 0 && months > 12 ? `${months / 12} years` : `${months} months`;
}

interface Occurrence { day: Weekday; start: number; end: number }

function occurrences(periods: CurfewSchedule['periods']): Occurrence[] {
  return periods.flatMap((p) => {
    const length = durationMinutes(p.from, p.to);
    if (length === 0) return [];
    return p.days.map((day) => {
      const start = weekdays.indexOf(day) * minutesPerDay + toMinutes(p.from);
      return { day, start, end: start + length };
    });
  });
}

function overlaps(a: Occurrence, b: Occurrence): boolean {
  // The week wraps round: Sunday night runs into Monday morning.
  return [-minutesPerWeek, 0, minutesPerWeek].some((shift) => a.start < b.end + shift && b.start + shift < a.end);
}

function periodErrors(schedule: CurfewSchedule): FieldError[] {
  const errors: FieldError[] = [];
  schedule.periods.forEach((p, i) => {
    if (durationMinutes(p.from, p.to) === 0) {
      errors.push({ path: `curfew.periods.${i}.to`, message: 'A curfew period must end at a different time from when it starts' });
    }
  });
  const all = occurrences(schedule.periods);
  const clashDays = new Set<Weekday>();
  all.forEach((a, i) => all.slice(i + 1).forEach((b) => {
    if (overlaps(a, b)) clashDays.add(weekdays.indexOf(a.day) <= weekdays.indexOf(b.day) ? a.day : b.day);
  }));
  if (clashDays.size > 0) {
    const days = weekdays.filter((d) => clashDays.has(d)).map((d) => dayNames[d]).join(', ');
    errors.push({ path: 'curfew.periods', message: `Curfew periods must not overlap. Periods overlap on: ${days}.` });
  }
  return errors;
}

function dailyTotals(periods: CurfewSchedule['periods']): Map<Weekday, number> {
  const totals = new Map<Weekday, number>();
  for (const o of occurrences(periods)) totals.set(o.day, (totals.get(o.day) ?? 0) + o.end - o.start);
  return totals;
}

function hoursErrors(schedule: CurfewSchedule, convictionDate: string): FieldError[] {
  const limits = statutoryLimits(convictionDate);
  const totals = dailyTotals(schedule.periods);
  const errors: FieldError[] = [];
  const daysWhere = (test: (minutes: number) => boolean): string =>
    weekdays.filter((d) => totals.has(d) && test(totals.get(d) ?? 0))
      .map((d) => `${dayNames[d]} adds up to ${describeDuration(totals.get(d) ?? 0)}`).join('; ');
  const tooShort = daysWhere((m) => m < limits.minHoursPerDay * 60);
  if (tooShort) {
    errors.push({ path: 'curfew.periods', message: `Curfew periods must add up to at least ${limits.minHoursPerDay} hours on any day with a curfew. ${tooShort}.` });
  }
  const tooLong = daysWhere((m) => m > limits.maxHoursPerDay * 60);
  if (tooLong) {
    errors.push({ path: 'curfew.periods', message: `Curfew periods must add up to no more than ${limits.maxHoursPerDay} hours on any day. ${tooLong}.` });
  }
  if (limits.maxHoursPerWeek !== null) {
    const worst = busiestSevenDays(schedule, totals);
    if (worst > limits.maxHoursPerWeek * 60) {
      errors.push({ path: 'curfew.periods', message: `Curfew periods must add up to no more than ${limits.maxHoursPerWeek} hours in any 7 days. This curfew has ${describeDuration(worst)} in 7 days.` });
    }
  }
  return errors;
}

/** Minutes in the busiest 7 consecutive days: the whole weekly pattern, or fewer days for a short curfew. */
function busiestSevenDays(schedule: CurfewSchedule, totals: Map<Weekday, number>): number {
  const weekly = [...totals.values()].reduce((sum, m) => sum + m, 0);
  if (!isCalendarDate(schedule.startDate) || !isCalendarDate(schedule.endDate)) return weekly;
  const span = daysBetween(schedule.startDate, schedule.endDate) + 1;
  if (span >= 7 || span < 1) return weekly;
  let sum = 0;
  for (let i = 0; i < span; i++) sum += totals.get(weekdayOf(addDays(schedule.startDate, i))) ?? 0;
  return sum;
}

function dateErrors(schedule: CurfewSchedule, convictionDate: string, today: string): FieldError[] {
  const { startDate, endDate } = schedule;
  if (!isCalendarDate(startDate) || !isCalendarDate(endDate)) return [];
  const errors: FieldError[] = [];
  if (startDate < today) errors.push({ path: 'curfew.startDate', message: 'The curfew cannot start before today' });
  if (endDate <= startDate) {
    errors.push({ path: 'curfew.endDate', message: 'The curfew end date must be after the start date' });
    return errors;
  }
  const { maxMonths } = statutoryLimits(convictionDate);
  const lastAllowed = lastDayOfMonthsFrom(startDate, maxMonths);
  if (endDate > lastAllowed) {
    errors.push({ path: 'curfew.endDate', message: `A curfew can last at most ${describeMonths(maxMonths)}: the end date must be on or before ${describeDate(lastAllowed)}` });
  }
  return errors;
}

/**
 * The statutory limits on a curfew (Sentencing Act 2020 Sch 9 para 9) checked before the proposal
 * reaches a court, so that no officer can propose hours a court could not lawfully impose.
 */
export function validateCurfewSchedule(curfew: CurfewSchedule, convictionDate: string, today: string): FieldError[] {
  return [...periodErrors(curfew), ...hoursErrors(curfew, convictionDate), ...dateErrors(curfew, convictionDate, today)];
}
