import { now } from '#runtime/clock';
import { logger } from '#runtime/logger';
import { csrfTokenFor } from '#auth/csrf';
import { providerSignOutOrigin } from '#auth/oidc-client';
import type { HttpEvent } from '#runtime/http-handler';
import type { StaffRole, StaffUser } from '#auth/staff';
import { sessionFromRequest } from '#auth/sessions';
import { requireStaff } from '#auth/staff-identity';
import { ForbiddenError } from '#runtime/errors';
import { rememberErrorPageContext } from './error-context.ts';
import { staffNavigation, type NavigationItem } from './staff/navigation.ts';

export interface StaffPageContext {
  user: StaffUser;
  /** Put in every form as `_csrf`. */
  csrfToken: string;
  navigation: NavigationItem[];
  /** The identity provider's sign-out origin: `renderPage` lets this page's sign-out form go there. */
  signOutOrigin?: string;
}

/**
 * What every staff page needs: the signed-in user (401 → sign in, 403 → error page), the CSRF
 * token for its forms, the navigation for the user's role with the current section marked, and
 * where the sign-out form ends up (the provider's sign-out, which the page's CSP must allow).
 */
export async function staffPage(event: HttpEvent, roles: readonly StaffRole[]): Promise<StaffPageContext> {
  // Signed in with any role first: a 403 (another role's page) or a 404 (another court's
  // proposal) then still shows the user their own navigation, not a dead end.
  const user = await requireStaff(event, staffRoles);
  const session = await sessionFromRequest(event, now());
  const path = event.rawPath;
  const signOutOrigin = await signOutOriginOrNone();
  const context: StaffPageContext = {
    ...(signOutOrigin === undefined ? {} : { signOutOrigin }),
    user,
    csrfToken: session === undefined ? '' : csrfTokenFor(session),
    navigation: staffNavigation(user.role, path),
  };
  rememberErrorPageContext(event, { ...context, homeHref: homeByRole[user.role], homeText: homeTextByRole[user.role] });
  if (!roles.includes(user.role)) {
    throw new ForbiddenError();
  }
  return context;
}

const staffRoles: readonly StaffRole[] = ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER', 'SENTENCER', 'PERFORMANCE_LEAD'];

/**
 * The provider's sign-out origin, read from its discovery document (cached per container). A staff
 * page must not fail because the provider cannot be reached at a cold start: it is shown without
 * the origin in its CSP (sign-out then ends our session, and the browser stops at the provider's
 * redirect), and the failure is logged by name.
 */
async function signOutOriginOrNone(): Promise<string | undefined> {
  try {
    return await providerSignOutOrigin();
  } catch (error) {
    logger.warn('The identity provider could not be reached for its sign-out address', { error: error instanceof Error ? error.name : 'unknown' });
    return undefined;
  }
}

/** The way back from an error page, in words. */
const homeTextByRole: Record<StaffRole, string> = { COURT_OFFICER: 'your proposals', SENIOR_PROBATION_OFFICER: 'countersigning and overdue checks', SENTENCER: 'the court list', PERFORMANCE_LEAD: 'performance and quality' };

/** Where each role starts. */
export const homeByRole: Record<StaffRole, string> = { COURT_OFFICER: '/proposals', SENIOR_PROBATION_OFFICER: '/queue', SENTENCER: '/court-list', PERFORMANCE_LEAD: '/performance' };
