import { now } from '#runtime/clock';
import { csrfTokenFor } from '#auth/csrf';
import type { HttpEvent } from '#runtime/http-handler';
import type { StaffRole, StaffUser } from '#auth/staff';
import { sessionFromRequest } from '#auth/sessions';
import { requireStaff } from '#auth/staff-identity';

export interface StaffPageContext {
  user: StaffUser;
  /** Put in every form as `_csrf`. */
  csrfToken: string;
  navigation: { href: string; text: string; active?: boolean }[];
}

const navigationByRole: Record<StaffRole, { href: string; text: string }[]> = {
  COURT_OFFICER: [
    { href: '/proposals', text: 'My proposals' },
    { href: '/proposals/new', text: 'Start checks' },
    { href: '/court-list', text: 'Court list' },
  ],
  SENIOR_PROBATION_OFFICER: [
    { href: '/queue', text: 'Countersigning and overdue checks' },
    { href: '/court-list', text: 'Court list' },
  ],
  SENTENCER: [{ href: '/court-list', text: 'Court list' }],
};

/**
 * What every staff page needs: the signed-in user (401 → sign in, 403 → error page), the CSRF
 * token for its forms, and the navigation for the user's role with the current section marked.
 */
export async function staffPage(event: HttpEvent, roles: readonly StaffRole[]): Promise<StaffPageContext> {
  const user = await requireStaff(event, roles);
  const session = await sessionFromRequest(event, now());
  const path = event.rawPath;
  return {
    user,
    csrfToken: session === undefined ? '' : csrfTokenFor(session),
    navigation: navigationByRole[user.role].map((item) => ({ ...item, ...(path === item.href || path.startsWith(`${item.href}/`) ? { active: true } : {}) })),
  };
}

/** Where each role starts. */
export const homeByRole: Record<StaffRole, string> = { COURT_OFFICER: '/proposals', SENIOR_PROBATION_OFFICER: '/queue', SENTENCER: '/court-list' };
