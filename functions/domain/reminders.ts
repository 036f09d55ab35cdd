import { londonDate, londonWallTimeToUtc } from './london-time.ts';
import { englandAndWales, isWorkingDay, workingDaysBefore, type BankHolidayCalendar } from './working-days.ts';
import { overdueRecheckSeconds, waitSecondsUntil } from './deadlines.ts';

export interface ReminderRule {
  /** Stable name, part of the message reference, so each reminder is sent at most once. */
  readonly key: string;
  /** 0: the working day the check is due; 2: two working days before it. */
  readonly workingDaysBeforeDue: number;
  /** London time on that day. */
  readonly time: string;
}

/** By default: two working days before the check is due, and on the morning of the due day. */
export const defaultReminderRules: readonly ReminderRule[] = [
  { key: 'TWO_WORKING_DAYS_BEFORE', workingDaysBeforeDue: 2, time: '09:00' },
  { key: 'DUE_DAY', workingDaysBeforeDue: 0, time: '09:00' },
];

export interface ReminderPoint {
  key: string;
  at: Date;
}

/** When each reminder falls for a check due at `dueAt`; a point not before the due time is dropped. */
export function reminderPoints(dueAt: Date, rules: readonly ReminderRule[] = defaultReminderRules, calendar: BankHolidayCalendar = englandAndWales): ReminderPoint[] {
  const dueDay = londonDate(dueAt);
  return rules
    .map((rule) => {
      const day = rule.workingDaysBeforeDue === 0 ? dueDay : workingDaysBefore(dueDay, rule.workingDaysBeforeDue, calendar);
      return { key: rule.key, at: londonWallTimeToUtc(day, rule.time), day };
    })
    .filter((point) => point.at < dueAt && (point.day === dueDay || isWorkingDay(point.day, calendar)))
    .map(({ key, at }) => ({ key, at }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

export type WakeDecision =
  | { action: 'WAIT'; waitSeconds: number }
  | { action: 'REMIND'; reminderKey: string; waitSeconds: number }
  | { action: 'MARK_OVERDUE'; waitSeconds: number };

/**
 * What to do when a check's wait ends (or when it starts): remind the recipient if a reminder
 * point has passed (only the latest one, when several did: one message, not a burst), mark it
 * overdue once the due time has passed, and say how long to wait until the next of these.
 * Reminder points before the request was sent are skipped. A check that is not waiting for its recipient (answered, cancelled, or a resident who asked to
 * speak to someone) is never reminded.
 */
export function decideWake(input: { dueAt: Date; now: Date; status: string; points: readonly ReminderPoint[]; requestedAt?: Date }): WakeDecision {
  const { dueAt, now, status, points, requestedAt } = input;
  if (now >= dueAt) {
    return status === 'REQUESTED' ? { action: 'MARK_OVERDUE', waitSeconds: overdueRecheckSeconds } : { action: 'WAIT', waitSeconds: overdueRecheckSeconds };
  }
  const next = points.find((point) => point.at > now)?.at ?? dueAt;
  const waitSeconds = waitSecondsUntil(next, now);
  // Only points after the request went out: a request sent late is not followed by an instant reminder.
  const passed = requestedAt === undefined ? undefined : points.filter((point) => point.at <= now && point.at > requestedAt).at(-1);
  if (passed !== undefined && status === 'REQUESTED') {
    return { action: 'REMIND', reminderKey: passed.key, waitSeconds };
  }
  return { action: 'WAIT', waitSeconds };
}
