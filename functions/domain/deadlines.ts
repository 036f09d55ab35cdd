import type { ReportType } from './report-types';
import { addDays } from './calendar-date';
import { londonWallTimeToUtc } from './london-time';

/**
 * When the checks must be back for the report to be written. An oral report is given in court on
 * the hearing day, so 09:00 that day; written reports need the answers by 17:00 the day before.
 */
export function computeDueAt(hearingDate: string, reportType: ReportType): Date {
  if (reportType === 'ORAL') return londonWallTimeToUtc(hearingDate, '09:00');
  return londonWallTimeToUtc(addDays(hearingDate, -1), '17:00');
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
