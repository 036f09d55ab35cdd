import { describe, expect, it } from 'vitest';
import { sessionAbsoluteSeconds, sessionExpiresAt, sessionIdleSeconds, sessionState, type SessionState } from '#domain/session-timeouts';

const createdAt = new Date('2026-12-01T09:00:00Z');
const minutes = (count: number) => count * 60 * 1000;
const after = (base: Date, milliseconds: number) => new Date(base.getTime() + milliseconds);

describe('sessionState', () => {
  it('uses a 30 minute idle limit and a 10 hour absolute limit', () => {
    expect(sessionIdleSeconds).toBe(1800);
    expect(sessionAbsoluteSeconds).toBe(36_000);
  });

  it.each<[string, number, number, SessionState]>([
    ['just signed in', 0, 0, 'ACTIVE'],
    ['used a moment ago, 29 minutes 59 seconds idle', 0, minutes(30) - 1000, 'ACTIVE'],
    ['idle for exactly 30 minutes', 0, minutes(30), 'IDLE_EXPIRED'],
    ['idle for 31 minutes', 0, minutes(31), 'IDLE_EXPIRED'],
    ['used every few minutes, 9 hours 59 minutes after sign-in', minutes(9 * 60 + 55), minutes(9 * 60 + 59), 'ACTIVE'],
    ['used a minute ago, exactly 10 hours after sign-in', minutes(10 * 60 - 1), minutes(10 * 60), 'ABSOLUTE_EXPIRED'],
    ['used a minute ago, 11 hours after sign-in', minutes(11 * 60 - 1), minutes(11 * 60), 'ABSOLUTE_EXPIRED'],
    ['idle and past the absolute limit: the absolute limit is reported', 0, minutes(11 * 60), 'ABSOLUTE_EXPIRED'],
  ])('a session %s is %s', (_label, lastSeenOffset, nowOffset, expected) => {
    const state = sessionState({ createdAt, lastSeenAt: after(createdAt, lastSeenOffset) }, after(createdAt, nowOffset));
    expect(state).toBe(expected);
  });
});

describe('sessionExpiresAt', () => {
  it('is the end of the idle period while that comes first', () => {
    expect(sessionExpiresAt({ createdAt, lastSeenAt: after(createdAt, minutes(60)) })).toBe(Date.parse('2026-12-01T10:30:00Z') / 1000);
  });

  it('is the absolute limit once the idle period would run past it', () => {
    expect(sessionExpiresAt({ createdAt, lastSeenAt: after(createdAt, minutes(9 * 60 + 45)) })).toBe(Date.parse('2026-12-01T19:00:00Z') / 1000);
  });
});
