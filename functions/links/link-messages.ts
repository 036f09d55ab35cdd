/** The first request's message; a link sent again has its own (domain/link-resend.ts), named on the check as `linkMessageId`. */
export function requestMessageId(checkId: string): string {
  return `REQUEST#${checkId}`;
}

/** A reminder's message, one per reminder point (domain/reminders.ts), so each is sent at most once. */
export function reminderMessageId(checkId: string, reminderKey: string): string {
  return `REMINDER#${checkId}#${reminderKey}`;
}

