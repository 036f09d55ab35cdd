import { describe, expect, it } from 'vitest';
import { decideWake, reminderPoints } from '#domain/reminders';
import { overdueRecheckSeconds } from '#domain/deadlines';

// Due Friday 11 December 2026 at 17:00 (GMT): reminders Wednesday 9th and Friday 11th at 09:00.
const dueAt = new Date('2026-12-11T17:00:00Z');

describe('reminderPoints', () => {
  it('falls two working days before the due day and on its morning', () => {
    expect(reminderPoints(dueAt).map((point) => [point.key, point.at.toISOString()])).toEqual([
      ['TWO_WORKING_DAYS_BEFORE', '2026-12-09T09:00:00.000Z'],
      ['DUE_DAY', '2026-12-11T09:00:00.000Z'],
    ]);
  });

  it('skips weekends and bank holidays: due Tuesday 29 December, two working days before is Wednesday 23rd', () => {
    expect(reminderPoints(new Date('2026-12-29T17:00:00Z')).map((point) => point.at.toISOString())).toEqual(['2026-12-23T09:00:00.000Z', '2026-12-29T09:00:00.000Z']);
  });

  it('drops a due-day reminder that would not come before the due time (an oral report due at 09:00)', () => {
    expect(reminderPoints(new Date('2026-12-14T09:00:00Z')).map((point) => point.key)).toEqual(['TWO_WORKING_DAYS_BEFORE']);
  });
});

describe('decideWake', () => {
  const points = reminderPoints(dueAt);
  it.each([
    ['well before any reminder: wait for the first', '2026-12-01T12:00:00Z', 'REQUESTED', { action: 'WAIT', waitSeconds: (Date.parse('2026-12-09T09:00:00Z') - Date.parse('2026-12-01T12:00:00Z')) / 1000 }],
    ['just after the first reminder point: remind, then wait for the second', '2026-12-09T09:00:01Z', 'REQUESTED', { action: 'REMIND', reminderKey: 'TWO_WORKING_DAYS_BEFORE', waitSeconds: 2 * 24 * 3600 - 1 }],
    ['after both points (a late start): one reminder, the latest', '2026-12-11T10:00:00Z', 'REQUESTED', { action: 'REMIND', reminderKey: 'DUE_DAY', waitSeconds: 7 * 3600 }],
    ['an answered check is never reminded', '2026-12-11T10:00:00Z', 'RESPONDED', { action: 'WAIT', waitSeconds: 7 * 3600 }],
    ['a resident who asked to speak to someone is not reminded', '2026-12-11T10:00:00Z', 'NEEDS_CONTACT', { action: 'WAIT', waitSeconds: 7 * 3600 }],
    ['past due: overdue', '2026-12-11T17:00:01Z', 'REQUESTED', { action: 'MARK_OVERDUE', waitSeconds: overdueRecheckSeconds }],
    ['past due and already overdue: keep waiting', '2026-12-12T17:00:01Z', 'OVERDUE', { action: 'WAIT', waitSeconds: overdueRecheckSeconds }],
  ])('%s', (_label, at, status, expected) => {
    expect(decideWake({ dueAt, now: new Date(at), status, points, requestedAt: new Date('2026-12-01T10:00:00Z') })).toEqual(expected);
  });

  it('does not remind about points that passed before the request was sent', () => {
    expect(decideWake({ dueAt, now: new Date('2026-12-10T12:00:01Z'), status: 'REQUESTED', points, requestedAt: new Date('2026-12-10T12:00:00Z') })).toEqual({ action: 'WAIT', waitSeconds: (Date.parse('2026-12-11T09:00:00Z') - Date.parse('2026-12-10T12:00:01Z')) / 1000 });
    expect(decideWake({ dueAt, now: new Date('2026-12-10T12:00:01Z'), status: 'REQUESTED', points })).toMatchObject({ action: 'WAIT' });
  });
});
