import { randomBytes } from 'node:crypto';
import { sessionExpiresAt, sessionState } from '#domain/session-timeouts';
import { authConfig } from './auth-config.ts';
import { hashCookieId, newCookieId } from './cookie-ids.ts';
import { clearedCookie, cookieName, readCookie, serializeCookie } from '#runtime/cookies';
import type { HttpEvent } from '#runtime/http-handler';
import { deleteSession as deleteStoredSession, getSession, putSession, recordSessionUse, type StoredSession } from '#store/sessions';
import { staffGradeOf, staffRoles, type StaffRole, type StaffUser } from './staff.ts';

/**
 * Server-side staff sessions. The browser holds a random 32-byte id; the table holds only its
 * SHA-256, so a copy of the table cannot be replayed as a cookie.
 */
export type Session = Omit<StoredSession, 'role'> & { role: StaffRole };

export const sessionCookieName = cookieName('session', authConfig.sessionCookieSecure);

/** Writing lastSeenAt on every request would double the writes; a minute's slack in a 30-minute idle limit is harmless. */
const touchIntervalMs = 60 * 1000;

/** Starts a session for a user who has just signed in; returns the id for the cookie. */
export async function createSession(user: StaffUser, at: Date): Promise<string> {
  const { id, idHash } = newCookieId();
  await putSession(idHash, {
    userId: user.id,
    displayName: user.displayName,
    role: user.role,
    courts: [...user.courts],
    email: user.email,
    ...(user.grade === undefined ? {} : { grade: user.grade }),
    ...(user.region === undefined ? {} : { region: user.region }),
    csrfSecret: randomBytes(32).toString('base64url'),
    createdAt: at.toISOString(),
    lastSeenAt: at.toISOString(),
    expiresAt: sessionExpiresAt({ createdAt: at, lastSeenAt: at }),
  });
  return id;
}

function isStaffRole(role: string): role is StaffRole {
  return (staffRoles as readonly string[]).includes(role);
}

/** The request's session, if its cookie names one that is still within both time limits. */
export async function sessionFromRequest(event: HttpEvent, at: Date): Promise<Session | undefined> {
  const sessionId = readCookie(event, sessionCookieName);
  if (sessionId === undefined) {
    return undefined;
  }
  const session = await getSession(hashCookieId(sessionId));
  // Only sign-in writes sessions, always with a role: one without is no session of ours.
  if (session === undefined || !isStaffRole(session.role) || sessionState({ createdAt: new Date(session.createdAt), lastSeenAt: new Date(session.lastSeenAt) }, at) !== 'ACTIVE') {
    return undefined;
  }
  return { ...session, role: session.role };
}

/** Records use of the session (the idle limit counts from here), at most once a minute. */
export async function touchSession(session: Session, at: Date): Promise<void> {
  if (at.getTime() - Date.parse(session.lastSeenAt) < touchIntervalMs) {
    return;
  }
  // False when signed out by another request meanwhile: this request was already authorised, the next is not.
  await recordSessionUse(session.ref, at.toISOString(), sessionExpiresAt({ createdAt: new Date(session.createdAt), lastSeenAt: at }));
}

export async function deleteSession(session: Session): Promise<void> {
  await deleteStoredSession(session.ref);
}

export function staffUserOf(session: Session): StaffUser {
  const grade = staffGradeOf(session.grade);
  return { id: session.userId, displayName: session.displayName, role: session.role, courts: session.courts, email: session.email, ...(grade === undefined ? {} : { grade }), ...(session.region === undefined ? {} : { region: session.region }) };
}

export function sessionCookie(sessionId: string): string {
  return serializeCookie(sessionCookieName, sessionId, { secure: authConfig.sessionCookieSecure });
}

export function clearedSessionCookie(): string {
  return clearedCookie(sessionCookieName, authConfig.sessionCookieSecure);
}
