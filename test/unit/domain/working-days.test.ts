import { describe, expect, it } from 'vitest';
import { bankHolidayWarning, calendarFrom, coversNextTwelveMonths, englandAndWales, isWorkingDay, workingDaysBefore } from '#domain/working-days';

describe('isWorkingDay', () => {
  it.each([
    ['a Monday', '2026-11-23', true],
    ['a Saturday', '2026-11-28', false],
    ['a Sunday', '2026-11-29', false],
    ['Christmas Day', '2026-12-25', false],
    ['the Boxing Day substitute (26th is a Saturday)', '2026-12-28', false],
    ['New Year\'s Day', '2027-01-01', false],
    ['Good Friday', '2026-04-03', false],
    ['Easter Monday', '2026-04-06', false],
    ['Christmas Eve', '2026-12-24', true],
  ])('%s (%s) is a working day: %s', (_label, date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe('workingDaysBefore', () => {
  it.each([
    ['1 working day before a Wednesday', '2026-11-25', 1, '2026-11-24'],
    ['1 working day before a Monday', '2026-11-30', 1, '2026-11-27'],
    ['2 working days before a Tuesday', '2026-12-01', 2, '2026-11-27'],
    ['1 working day before the day after Boxing Day substitute', '2026-12-29', 1, '2026-12-24'],
    ['3 working days before Tuesday after Easter', '2026-04-07', 3, '2026-03-31'],
  ])('%s', (_label, date, count, expected) => {
    expect(workingDaysBefore(date, count)).toBe(expected);
  });
});

describe('coversNextTwelveMonths', () => {
  it('is true while the shipped dates reach a year ahead', () => {
    expect(coversNextTwelveMonths('2026-11-23')).toBe(true);
  });

  it('warns when the data ends less than a year ahead', () => {
    expect(coversNextTwelveMonths('2028-06-01')).toBe(false);
    expect(coversNextTwelveMonths('2026-11-23', calendarFrom(['2026-12-25']))).toBe(false);
  });

  it('ships eight bank holidays for each year it covers', () => {
    const byYear = new Map<string, number>();
    for (const date of englandAndWales.dates) byYear.set(date.slice(0, 4), (byYear.get(date.slice(0, 4)) ?? 0) + 1);
    expect([...byYear.values()].every((count) => count === 8)).toBe(true);
  });
});

describe('bankHolidayWarning', () => {
  it('says when the dates end and how to refresh them', () => {
    expect(bankHolidayWarning(calendarFrom(['2026-12-25']))).toBe('Bank holiday dates end on 2026-12-31: deadlines after that ignore bank holidays. Refresh them with npm run bank-holidays:refresh.');
  });
});
