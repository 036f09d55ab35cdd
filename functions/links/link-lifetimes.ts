import { defaultLinkLifetimes, type LinkLifetimes } from '#domain/link-expiry';
import { environment } from '#runtime/environment';

const configured = environment('linkLifetimes');

/**
 * Link lifetimes from configuration (`RESIDENT_LINK_DAYS`, `AGENCY_LINK_DAYS_AFTER_HEARING`, the
 * `linkLifetimes` group of functions/runtime/environment.ts), read when the module loads: a bad
 * value stops the function at cold start, not on a recipient's click. Unset, the defaults apply.
 */
export const linkLifetimes: LinkLifetimes = {
  residentDays: configured.RESIDENT_LINK_DAYS ?? defaultLinkLifetimes.residentDays,
  agencyDaysAfterHearing: configured.AGENCY_LINK_DAYS_AFTER_HEARING ?? defaultLinkLifetimes.agencyDaysAfterHearing,
};
