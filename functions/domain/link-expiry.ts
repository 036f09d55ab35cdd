import type { CheckType } from './statuses.ts';
import { addDays } from './calendar-date.ts';
import { londonWallTimeToUtc } from './london-time.ts';

export interface LinkLifetimes {
  /** A resident's link lasts this many days from when it is sent. */
  readonly residentDays: number;
  /** An agency's link lasts until the end of the hearing day plus this many days. */
  readonly agencyDaysAfterHearing: number;
}

/**
 * By default an agency's link ends with the hearing day (an answer after the hearing cannot inform
 * it) and a resident's after 7 days (a short life for a link that may sit in a shared inbox).
 * Both can be changed by configuration (`shared/link-lifetimes.ts`).
 */
export const defaultLinkLifetimes: LinkLifetimes = { residentDays: 7, agencyDaysAfterHearing: 0 };

/** When a link stops working. */
export function linkExpiresAt(checkType: CheckType, hearingDate: string, issuedAt: Date, lifetimes: LinkLifetimes = defaultLinkLifetimes): Date {
  if (checkType === 'RESIDENT_CONSENT') {
    return new Date(issuedAt.getTime() + lifetimes.residentDays * 24 * 3600 * 1000);
  }
  return londonWallTimeToUtc(addDays(hearingDate, lifetimes.agencyDaysAfterHearing), '23:59');
}
