import { roundSuffix } from '#domain/adjournment';

/** The first request's message; a link sent again has its own (domain/link-resend.ts), named on the check as `linkMessageId`. */
export function requestMessageId(checkId: string): string {
  return `REQUEST#${checkId}`;
}

/**
 * A reminder's message, one per reminder point (domain/reminders.ts) and due round (a check whose
 * hearing moved is reminded again for the new date: ADR 0024), so each is sent at most once.
 */
export function reminderMessageId(checkId: string, reminderKey: string, dueRound?: number): string {
  return `REMINDER#${checkId}#${reminderKey}${roundSuffix(dueRound)}`;
}

