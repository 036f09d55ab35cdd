import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { config } from './config.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import { findLocalStaff, type StaffRole, type StaffUser } from './local-staff.ts';

/**
 * Who is calling, and may they use this route? Locally the X-Local-User header names a demo
 * user; deployed, only a verified identity counts, and until staff sign-in exists there is none,
 * so every staff route answers 401 there.
 */
export function requireStaff(event: APIGatewayProxyEventV2, allowedRoles: readonly StaffRole[]): StaffUser {
  const user = config.staffIdentityMode === 'local-header' ? findLocalStaff(event.headers['x-local-user'] ?? '') : undefined;
  if (user === undefined) {
    throw new UnauthenticatedError();
  }
  if (!allowedRoles.includes(user.role)) {
    throw new ForbiddenError();
  }
  return user;
}

/** Staff see only their own courts' proposals; callers answer 404 so ids in other courts stay hidden. */
export function worksAtCourt(user: StaffUser, courtCode: string): boolean {
  return user.courts.includes(courtCode);
}
