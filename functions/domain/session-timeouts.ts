/**
 * How long a staff session lasts. Idle: 30 minutes, so a screen left open in a court building or a
 * shared office stops showing domestic abuse and child safeguarding answers soon after its owner
 * walks away. Absolute: 10 hours, one working day, so a stolen session cookie cannot be kept alive
 * by use and everyone signs in again each day.
 */
export const sessionIdleSeconds = 30 * 60;
export const sessionAbsoluteSeconds = 10 * 60 * 60;

export type SessionState = 'ACTIVE' | 'IDLE_EXPIRED' | 'ABSOLUTE_EXPIRED';

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

/** Whether a session may still be used at `at`. Exactly at a limit it has expired. */
export function sessionState(session: SessionTimes, at: Date): SessionState {
  if (at.getTime() >= session.createdAt.getTime() + sessionAbsoluteSeconds * 1000) {
    return 'ABSOLUTE_EXPIRED';
  }
  if (at.getTime() >= session.lastSeenAt.getTime() + sessionIdleSeconds * 1000) {
    return 'IDLE_EXPIRED';
  }
  return 'ACTIVE';
}

/**
 * When DynamoDB may delete the item (epoch seconds): the earlier of the two limits. Deletion by
 * TTL is lazy, so `sessionState` decides; this only keeps the table clean.
 */
export function sessionExpiresAt(session: SessionTimes): number {
  const idleEnd = session.lastSeenAt.getTime() + sessionIdleSeconds * 1000;
  const absoluteEnd = session.createdAt.getTime() + sessionAbsoluteSeconds * 1000;
  return Math.ceil(Math.min(idleEnd, absoluteEnd) / 1000);
}
