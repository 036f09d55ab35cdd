import type { CheckType } from './statuses.ts';
import { londonWallTimeToUtc } from './london-time.ts';

export const residentLinkDays = 7;

/**
 * When a link stops working: an agency's at the end of the hearing day (an answer after the
 * hearing cannot inform it), a resident's after 7 days (a short life for a link that may sit in a
 * shared inbox).
 */
export function linkExpiresAt(checkType: CheckType, hearingDate: string, issuedAt: Date): Date {
  if (checkType === 'RESIDENT_CONSENT') {
    return new Date(issuedAt.getTime() + residentLinkDays * 24 * 3600 * 1000);
  }
  return londonWallTimeToUtc(hearingDate, '23:59');
}
