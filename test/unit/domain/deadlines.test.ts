import { describe, expect, it } from 'vitest';
import { computeDueAt, isOverdue, maxWaitSeconds, waitSecondsUntil } from '#domain/deadlines';
import type { ReportType } from '#domain/report-types';

describe('computeDueAt', () => {
  it.each<[string, ReportType, string]>([
    ['2026-07-01', 'SHORT_FORMAT', '2026-06-30T16:00:00.000Z'],
    ['2026-12-14', 'SHORT_FORMAT', '2026-12-13T17:00:00.000Z'],
    ['2026-07-01', 'STANDARD', '2026-06-30T16:00:00.000Z'],
    ['2026-12-14', 'STANDARD', '2026-12-13T17:00:00.000Z'],
    ['2026-07-01', 'ORAL', '2026-07-01T08:00:00.000Z'],
    ['2026-12-14', 'ORAL', '2026-12-14T09:00:00.000Z'],
    ['2026-03-30', 'SHORT_FORMAT', '2026-03-29T16:00:00.000Z'],
    ['2026-10-26', 'SHORT_FORMAT', '2026-10-25T17:00:00.000Z'],
  ])('a hearing on %s with a %s report makes checks due at %s', (hearingDate, reportType, expected) => {
    expect(computeDueAt(hearingDate, reportType).toISOString()).toBe(expected);
  });
});

describe('waitSecondsUntil', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it.each([
    ['an hour away', '2026-12-01T13:00:00Z', 3600],
    ['half a second away, rounded up', '2026-12-01T12:00:00.500Z', 1],
    ['now', '2026-12-01T12:00:00Z', 1],
    ['already past', '2026-11-30T12:00:00Z', 1],
    ['30 days away, capped', '2026-12-31T12:00:00Z', maxWaitSeconds],
  ])('waits the right time when the due time is %s', (_label, dueAt, expected) => {
    expect(waitSecondsUntil(new Date(dueAt), now)).toBe(expected);
  });

  it('keeps every wait below the local engine timer limit of about 24.8 days', () => {
    expect(maxWaitSeconds * 1000).toBeLessThan(2 ** 31 - 1);
  });
});

describe('isOverdue', () => {
  const dueAt = new Date('2026-12-13T17:00:00Z');

  it.each([
    ['2026-12-13T16:59:59Z', false],
    ['2026-12-13T17:00:00Z', false],
    ['2026-12-13T17:00:01Z', true],
  ])('at %s the check is overdue: %s', (now, expected) => {
    expect(isOverdue(dueAt, new Date(now))).toBe(expected);
  });
});
