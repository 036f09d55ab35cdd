import type { StaffRole } from '#auth/staff';
import type { StaffRefusal } from '#auth/staff-claims';
import type { HttpResult } from '#runtime/http-handler';
import { renderPage } from './render.ts';

const roleNames: Readonly<Record<StaffRole, string>> = {
  COURT_OFFICER: 'a court officer',
  SENIOR_PROBATION_OFFICER: 'a senior probation officer',
  SENTENCER: 'a sentencer',
  PERFORMANCE_LEAD: 'a performance lead',
};

/** "a court officer and a sentencer", "a, b and c". */
function listOf(roles: readonly StaffRole[]): string {
  const names = roles.map((role) => roleNames[role]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * The page for someone the identity provider let in but this service cannot: a GOV.UK page that
 * says why and whom to ask (403), never an error. No session has been started, but the provider's
 * sign-in has: until it ends, "Sign in" on a shared court PC would bring the next person straight
 * back to this page as this person, with no password box. So the page has a "Sign out" button
 * (POST /auth/sign-out, which ends the provider's sign-in with or without a session of ours), and
 * its CSP lets that form's redirect reach the provider's sign-out origin, as staff pages do.
 */
export function signInRefusedPage(refusal: StaffRefusal, cookies: string[], signOutOrigin?: string): HttpResult {
  const view = refusal.reason === 'SEVERAL_ROLES' ? { reason: refusal.reason, roles: listOf(refusal.roles) } : { reason: refusal.reason };
  return renderPage('sign-in-refused.njk', { refusal: view, ...(signOutOrigin === undefined ? {} : { signOutOrigin }) }, { statusCode: 403, cookies });
}
