import { defaultLinkLifetimes, type LinkLifetimes } from '#domain/link-expiry';

function wholeDays(name: string, fallback: number, minimum: number, maximum: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum || value > maximum) {
    throw new Error(`${name} must be a whole number of days from ${minimum} to ${maximum}`);
  }
  return value;
}

/**
 * Link lifetimes from configuration (`RESIDENT_LINK_DAYS`, `AGENCY_LINK_DAYS_AFTER_HEARING`), read
 * when the module loads: a bad value stops the function at cold start, not on a recipient's click.
 */
export const linkLifetimes: LinkLifetimes = {
  residentDays: wholeDays('RESIDENT_LINK_DAYS', defaultLinkLifetimes.residentDays, 1, 28),
  agencyDaysAfterHearing: wholeDays('AGENCY_LINK_DAYS_AFTER_HEARING', defaultLinkLifetimes.agencyDaysAfterHearing, 0, 14),
};
