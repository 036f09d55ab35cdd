import { weekdays, type Weekday } from '#domain/calendar-date';
import { formatDate } from '#pages/filters';
import type { Language } from './language.ts';

export interface CurfewPeriod {
  days: readonly Weekday[];
  /** HH:MM, 24-hour clock. */
  from: string;
  to: string;
}

const dayNames: Record<Language, Record<Weekday, string>> = {
  en: { MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday', SUN: 'Sunday' },
  cy: { MON: 'dydd Llun', TUE: 'dydd Mawrth', WED: 'dydd Mercher', THU: 'dydd Iau', FRI: 'dydd Gwener', SAT: 'dydd Sadwrn', SUN: 'dydd Sul' },
};

const words = {
  en: { everyDay: 'Every day', and: 'and', through: 'to', timeTo: 'to', nextDay: 'the next day', midnight: 'midnight', midday: 'midday', am: 'am', pm: 'pm' },
  cy: { everyDay: 'Bob dydd', and: 'a', through: 'i', timeTo: 'tan', nextDay: 'y diwrnod wedyn', midnight: 'hanner nos', midday: 'canol dydd', am: 'yb', pm: 'yh' },
} as const;

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "dydd" takes a soft mutation after "i" (to): "dydd Llun i ddydd Gwener". */
function mutatedAfterTo(dayName: string, language: Language): string {
  return language === 'cy' ? dayName.replace(/^dydd/, 'ddydd') : dayName;
}

function joinList(items: readonly string[], language: Language): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${words[language].and} ${items.at(-1) ?? ''}`;
}

/** "Monday to Friday", "Monday, Wednesday and Friday", "Every day" (or in Welsh). */
export function formatDays(days: readonly Weekday[], language: Language): string {
  const chosen = weekdays.filter((day) => days.includes(day));
  if (chosen.length === weekdays.length) return words[language].everyDay;
  const runs: Weekday[][] = [];
  for (const day of chosen) {
    const run = runs.at(-1);
    const previous = run?.at(-1);
    if (run !== undefined && previous !== undefined && weekdays.indexOf(previous) === weekdays.indexOf(day) - 1) {
      run.push(day);
    } else {
      runs.push([day]);
    }
  }
  const names = dayNames[language];
  const parts = runs.flatMap((run) => {
    const first = run[0];
    const last = run.at(-1);
    if (first === undefined || last === undefined) return [];
    if (run.length >= 3) return [`${names[first]} ${words[language].through} ${mutatedAfterTo(names[last], language)}`];
    return run.map((day) => names[day]);
  });
  return capitalise(joinList(parts, language));
}

/** "7pm", "7:30am", "midnight", "midday" as GOV.UK writes times (Welsh: "7yh", "hanner nos"). */
export function formatTime(time: string, language: Language): string {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (match === null) return time;
  const hours = Number(match[1]);
  const minutes = match[2] ?? '00';
  if (minutes === '00' && hours === 0) return words[language].midnight;
  if (minutes === '00' && hours === 12) return words[language].midday;
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${hour12}${minutes === '00' ? '' : `:${minutes}`}${hours < 12 ? words[language].am : words[language].pm}`;
}

/** "Monday to Friday, 7pm to 7am the next day". A period ending at midnight does not say "the next day". */
export function formatCurfewPeriod(period: CurfewPeriod, language: Language): string {
  const crossesMidnight = period.to <= period.from && period.to !== '00:00';
  const hours = `${formatTime(period.from, language)} ${words[language].timeTo} ${formatTime(period.to, language)}${crossesMidnight ? ` ${words[language].nextDay}` : ''}`;
  return `${formatDays(period.days, language)}, ${hours}`;
}

/**
 * A date as GOV.UK writes it, "8 December 2026" or "8 Rhagfyr 2026". The shared Welsh formatter
 * pads the day ("08"), so the padding is taken off here.
 */
function writtenDate(date: string, language: Language): string {
  return formatDate(date, language).replace(/^0(\d)/, '$1');
}

/** The curfew's first and last dates, formatted for the language. */
export function formatCurfewDates(curfew: { startDate: string; endDate: string }, language: Language): { start: string; end: string } {
  return { start: writtenDate(curfew.startDate, language), end: writtenDate(curfew.endDate, language) };
}

const londonClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A moment in London time as GOV.UK writes it: "3 December 2026 at 9:15am", "3 Rhagfyr 2026 am 9:15yb". */
export function formatMoment(instant: string, language: Language): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const clock = londonClock.format(date).replace(/^24/, '00');
  return `${writtenDate(instant, language)} ${language === 'cy' ? 'am' : 'at'} ${formatTime(clock, language)}`;
}
