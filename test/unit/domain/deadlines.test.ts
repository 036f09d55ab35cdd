import { describe, expect, it } from 'vitest';
import { computeDueAt, defaultDueRules, isOverdue, maxWaitSeconds, waitSecondsUntil } from '#domain/deadlines';
import type { ReportType } from '#domain/report-types';

describe('computeDueAt', () => {
  it.each<[string, string, ReportType, string]>([
    ['a Wednesday in summer time', '2026-07-01', 'SHORT_FORMAT', '2026-06-30T16:00:00.000Z'],
    ['a Wednesday, standard report', '2026-07-01', 'STANDARD', '2026-06-30T16:00:00.000Z'],
    ['a Monday in winter: the Friday before', '2026-12-14', 'SHORT_FORMAT', '2026-12-11T17:00:00.000Z'],
    ['a Monday the day after clocks go forward: Friday, still GMT', '2026-03-30', 'SHORT_FORMAT', '2026-03-27T17:00:00.000Z'],
    ['a Monday the day after clocks go back: Friday, still BST', '2026-10-26', 'SHORT_FORMAT', '2026-10-23T16:00:00.000Z'],
    ['the Tuesday after Easter: the Thursday before Good Friday', '2026-04-07', 'SHORT_FORMAT', '2026-04-02T16:00:00.000Z'],
    ['the Tuesday after the late May bank holiday: the Friday before', '2026-05-26', 'STANDARD', '2026-05-22T16:00:00.000Z'],
    ['Tuesday 29 December: Christmas Eve (25th and 28th are bank holidays)', '2026-12-29', 'SHORT_FORMAT', '2026-12-24T17:00:00.000Z'],
    ['a Monday after the New Year bank holiday: the Thursday before', '2027-01-04', 'SHORT_FORMAT', '2026-12-31T17:00:00.000Z'],
    ['an oral report: before court sits on the day, summer', '2026-07-01', 'ORAL', '2026-07-01T08:00:00.000Z'],
    ['an oral report: before court sits on the day, winter', '2026-12-14', 'ORAL', '2026-12-14T09:00:00.000Z'],
  ])('a hearing on %s (%s, %s) makes checks due at %s', (_label, hearingDate, reportType, expected) => {
    expect(computeDueAt(hearingDate, reportType).toISOString()).toBe(expected);
  });

  it('follows a different rule when one is configured for a report type', () => {
    const rules = { ...defaultDueRules, STANDARD: { workingDaysBeforeHearing: 3, time: '12:00' } };
    expect(computeDueAt('2026-12-14', 'STANDARD', rules).toISOString()).toBe('2026-12-09T12:00:00.000Z');
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
