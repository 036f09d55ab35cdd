import type nunjucks from 'nunjucks';
import { addDays } from '#domain/calendar-date';
import { londonDate as londonDateOf } from '#domain/london-time';
import { now } from '#runtime/clock';
import { findCourtTeam } from '#domain/court-teams';

const londonDateTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true });
const londonDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const welshMonths = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];

/** "14 December 2026" (or Welsh month names) from an ISO date or date-time, in UK time. */
export function formatDate(value: unknown, language = 'en'): string {
  if (typeof value !== 'string' || value === '') return '';
  const date = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return '';
  if (language === 'cy') {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(date);
    const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
    return `${Number(part('day'))} ${welshMonths[Number(part('month')) - 1] ?? ''} ${part('year')}`;
  }
  return londonDate.format(date);
}

/** "14 December 2026 at 5:00pm", in UK time: how GOV.UK writes a date and time. */
export function formatDateTime(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const parts = londonDateTime.formatToParts(date);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}${part('dayPeriod').toLowerCase().replace(/\s/g, '')}`;
}

/**
 * A date input's example as GOV.UK writes it ("27 3 2027"): the day this many days after today in
 * London. Computed, so a hint never gives a date already past.
 */
export function dateExampleInDays(days: unknown, today: string = londonDateOf(now())): string {
  const [year = '', month = '', day = ''] = addDays(today, typeof days === 'number' ? days : 0).split('-');
  return `${Number(day)} ${Number(month)} ${year}`;
}

/** The filters every template may use, registered in one place. */
/**
 * A court as staff pages name it: its name and, in brackets, the code court staff also use, from
 * the court team data (functions/domain/court-teams.ts); the code alone for a court not listed.
 */
export function courtDisplayName(courtCode: unknown): string {
  const code = String(courtCode ?? '');
  const team = findCourtTeam(code);
  return team === undefined ? code : `${team.courtName.en} (${code})`;
}

export function registerFilters(environment: nunjucks.Environment): nunjucks.Environment {
  environment.addFilter('courtName', courtDisplayName);
  environment.addFilter('govukDate', formatDate);
  environment.addFilter('govukDateTime', formatDateTime);
  environment.addFilter('dateExampleInDays', (days: unknown) => dateExampleInDays(days));
  return environment;
}
