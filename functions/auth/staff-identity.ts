import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { verifyAccessToken } from './access-tokens.ts';
import { now } from '#runtime/clock';
import { requireCsrfToken } from './csrf.ts';
import { ForbiddenError, UnauthenticatedError } from '#runtime/errors';
import type { StaffRole, StaffUser } from './staff.ts';
import { sessionFromRequest, staffUserOf, touchSession } from './sessions.ts';
import { staffUserFromClaims } from './staff-claims.ts';

/** Methods that change nothing, so need no CSRF token. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(event: APIGatewayProxyEventV2): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(event.headers.authorization ?? '');
  return match?.[1];
}

/**
 * Who is calling, in this order:
 * 1. `Authorization: Bearer <access token>`: a JWT from our provider for our API. No CSRF token is
 *    needed: the browser never attaches it on its own. An invalid token is a 401, never a fall back.
 * 2. The session cookie set at sign-in. A state-changing request must also carry the session's CSRF
 *    token (`csrf.ts`); each use keeps the session from going idle.
 */
async function identify(event: APIGatewayProxyEventV2): Promise<StaffUser> {
  const token = bearerToken(event);
  if (token !== undefined) {
    const claims = await verifyAccessToken(token);
    if (claims === undefined) {
      throw new UnauthenticatedError();
    }
    const user = staffUserFromClaims(claims);
    if (user === undefined) {
      throw new ForbiddenError();
    }
    return user;
  }
  const at = now();
  const session = await sessionFromRequest(event, at);
  if (session !== undefined) {
    if (!safeMethods.has(event.requestContext.http.method.toUpperCase())) {
      requireCsrfToken(event, session);
    }
    await touchSession(session, at);
    return staffUserOf(session);
  }
  throw new UnauthenticatedError();
}

/** The calling staff user, if signed in with one of the allowed roles: else 401 (not signed in) or 403. */
export async function requireStaff(event: APIGatewayProxyEventV2, allowedRoles: readonly StaffRole[]): Promise<StaffUser> {
  return withAllowedRole(await identify(event), allowedRoles);
}

/**
 * The same, for a page's own script asking in the background (a GET, by session cookie only): the
 * session is read but its use is not recorded, so a page left open still goes idle and signs its
 * user out. Writes nothing.
 */
export async function requireStaffWithoutKeepingSessionAlive(event: APIGatewayProxyEventV2, allowedRoles: readonly StaffRole[]): Promise<StaffUser> {
  const session = await sessionFromRequest(event, now());
  if (session === undefined) {
    throw new UnauthenticatedError();
  }
  return withAllowedRole(staffUserOf(session), allowedRoles);
}

function withAllowedRole(user: StaffUser, allowedRoles: readonly StaffRole[]): StaffUser {
  if (!allowedRoles.includes(user.role)) {
    throw new ForbiddenError();
  }
  return user;
}
