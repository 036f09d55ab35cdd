import type { ReportType } from './report-types';
import { londonWallTimeToUtc } from './london-time';
import { englandAndWales, workingDaysBefore, type BankHolidayCalendar } from './working-days';

export interface DueRule {
  /** 0: the hearing day itself; 1: the working day before; and so on. */
  readonly workingDaysBeforeHearing: number;
  /** London time on that day. */
  readonly time: string;
}

/**
 * When the answers must be back for each kind of report. An oral report is given in court on the
 * hearing day, so before the court sits; a written report needs them by the end of the working day
 * before the hearing, to be written in time. Weekends and bank holidays are not working days.
 */
export const defaultDueRules: Readonly<Record<ReportType, DueRule>> = {
  ORAL: { workingDaysBeforeHearing: 0, time: '09:00' },
  SHORT_FORMAT: { workingDaysBeforeHearing: 1, time: '17:00' },
  STANDARD: { workingDaysBeforeHearing: 1, time: '17:00' },
};

export function computeDueAt(hearingDate: string, reportType: ReportType, rules: Readonly<Record<ReportType, DueRule>> = defaultDueRules, calendar: BankHolidayCalendar = englandAndWales): Date {
  const rule = rules[reportType];
  const day = rule.workingDaysBeforeHearing === 0 ? hearingDate : workingDaysBefore(hearingDate, rule.workingDaysBeforeHearing, calendar);
  return londonWallTimeToUtc(day, rule.time);
}

/** Longest single wait: the local workflow engine's timers overflow above about 24.8 days. */
export const maxWaitSeconds = 20 * 24 * 3600;

/** How long to wait before chasing an overdue check again. */
export const overdueRecheckSeconds = 24 * 3600;

/** Seconds a workflow should wait until a check is due: whole, at least 1, capped at maxWaitSeconds. */
export function waitSecondsUntil(dueAt: Date, now: Date): number {
  const seconds = Math.ceil((dueAt.getTime() - now.getTime()) / 1000);
  return Math.min(maxWaitSeconds, Math.max(1, seconds));
}

/** Whether a check has passed its due time, so it can be shown and chased as overdue. */
export function isOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() > dueAt.getTime();
}
