import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isCalendarDate, lastDayOfMonthsFrom, weekdayOf } from '#domain/calendar-date';

describe('isCalendarDate', () => {
  it.each([
    ['2026-12-14', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
    ['14/12/2026', false],
    ['', false],
  ])('accepts %s: %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('lastDayOfMonthsFrom', () => {
  it.each([
    ['2026-12-15', 24, '2028-12-14'],
    ['2026-12-15', 12, '2027-12-14'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-01-01', 12, '2026-12-31'],
  ])('a span of months from %s for %i months ends on %s', (date, months, expected) => {
    expect(lastDayOfMonthsFrom(date, months)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it('counts whole days across a clock change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});

describe('weekdayOf', () => {
  it.each([
    ['2026-12-14', 'MON'],
    ['2026-12-20', 'SUN'],
    ['2026-07-01', 'WED'],
  ])('%s is a %s', (date, expected) => {
    expect(weekdayOf(date)).toBe(expected);
  });
});
