import { describe, expect, it } from 'vitest';
import { statutoryLimits, validateCurfewSchedule } from '#domain/curfew-schedule';
import type { CurfewSchedule } from '#domain/curfew-schedule';
import type { Weekday } from '#domain/calendar-date';

const everyDay: Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const today = '2026-12-01';
const currentLaw = '2026-11-23';
const oldLaw = '2022-06-27';

type Period = CurfewSchedule['periods'][number];
const period = (days: Weekday[], from: string, to: string): Period => ({ days, from, to });
const schedule = (periods: Period[], startDate = '2026-12-15', endDate = '2027-03-14'): CurfewSchedule => ({ startDate, endDate, periods });
const messages = (periods: Period[], convictionDate = currentLaw): string[] =>
  validateCurfewSchedule(schedule(periods), convictionDate, today).map((e) => e.message);

describe('statutoryLimits', () => {
  it.each([
    ['2022-06-27', { maxHoursPerDay: 16, minHoursPerDay: 2, maxHoursPerWeek: null, maxMonths: 12 }],
    ['2022-06-28', { maxHoursPerDay: 20, minHoursPerDay: 2, maxHoursPerWeek: 112, maxMonths: 24 }],
    ['2019-01-01', { maxHoursPerDay: 16, minHoursPerDay: 2, maxHoursPerWeek: null, maxMonths: 12 }],
    ['2026-11-23', { maxHoursPerDay: 20, minHoursPerDay: 2, maxHoursPerWeek: 112, maxMonths: 24 }],
  ])('for a conviction on %s the limits are %o', (convictionDate, expected) => {
    expect(statutoryLimits(convictionDate)).toEqual(expected);
  });
});

describe('validateCurfewSchedule: hours in a day', () => {
  it.each([
    ['exactly 20 hours', [period(['MON'], '00:00', '20:00')]],
    ['exactly 2 hours', [period(['MON'], '19:00', '21:00')]],
    ['12 hours crossing midnight', [period(['MON'], '19:00', '07:00')]],
    ['two periods adding up to exactly 20 hours', [period(['MON'], '19:00', '07:00'), period(['MON'], '08:00', '16:00')]],
    ['two adjacent periods', [period(['MON'], '19:00', '21:00'), period(['MON'], '21:00', '23:00')]],
  ])('accepts %s', (_label, periods) => {
    expect(messages(periods)).toEqual([]);
  });

  it.each([
    ['20 hours 1 minute', [period(['MON'], '00:00', '20:01')], 'no more than 20 hours on any day'],
    ['1 hour 59 minutes', [period(['MON'], '19:00', '20:59')], 'at least 2 hours on any day'],
    ['two periods adding up to 20 hours 1 minute', [period(['MON'], '19:00', '07:00'), period(['MON'], '08:00', '16:01')], 'no more than 20 hours on any day'],
  ])('rejects %s on one day', (_label, periods, expected) => {
    const [error, ...others] = validateCurfewSchedule(schedule(periods), currentLaw, today);
    expect(others).toEqual([]);
    expect(error?.path).toBe('curfew.periods');
    expect(error?.message).toContain(`Curfew periods must add up to ${expected}`);
    expect(error?.message).toContain('Monday');
  });

  it('counts a period that crosses midnight in full towards the day it starts', () => {
    // Split at midnight, Monday would have 12 h and Tuesday 9 h; counted to Monday it is 21 h.
    const periods = [period(['MON'], '09:00', '10:00'), period(['MON'], '13:00', '09:00')];
    expect(messages(periods)).toEqual([expect.stringContaining('Monday adds up to 21 hours')]);
  });

  it('rejects a period that starts and ends at the same time', () => {
    const errors = validateCurfewSchedule(schedule([period(['MON'], '19:00', '19:00')]), currentLaw, today);
    expect(errors).toEqual([{ path: 'curfew.periods.0.to', message: 'A curfew period must end at a different time from when it starts' }]);
  });
});

describe('validateCurfewSchedule: overlapping periods', () => {
  it.each([
    ['on the same day', [period(['MON'], '18:00', '20:00'), period(['MON'], '19:00', '21:00')]],
    ['when one crosses midnight into the next', [period(['MON'], '19:00', '07:00'), period(['TUE'], '06:00', '08:00')]],
    ['from Sunday night into Monday morning', [period(['SUN'], '22:00', '06:00'), period(['MON'], '05:00', '07:00')]],
  ])('rejects periods that overlap %s', (_label, periods) => {
    const errors = validateCurfewSchedule(schedule(periods), currentLaw, today);
    expect(errors).toContainEqual({ path: 'curfew.periods', message: expect.stringContaining('Curfew periods must not overlap') });
  });

  it('accepts the same overnight period on consecutive days', () => {
    expect(messages([period(everyDay, '19:00', '07:00')])).toEqual([]);
  });
});

describe('validateCurfewSchedule: hours in 7 days', () => {
  it('accepts 16 hours every day, 112 hours a week', () => {
    expect(messages([period(everyDay, '20:00', '12:00')])).toEqual([]);
  });

  it('rejects 17 hours every day, 119 hours a week, under current law', () => {
    expect(messages([period(everyDay, '19:00', '12:00')])).toEqual([
      'Curfew periods must add up to no more than 112 hours in any 7 days. This curfew has 119 hours in 7 days.',
    ]);
  });

  it('rejects 112 hours 7 minutes in a week made of uneven days', () => {
    const periods = [period(['MON', 'TUE', 'WED', 'THU', 'FRI'], '00:00', '20:00'), period(['SAT'], '00:00', '10:07'), period(['SUN'], '00:00', '02:00')];
    expect(messages(periods)).toEqual([expect.stringContaining('no more than 112 hours in any 7 days')]);
  });

  it('counts only the days a curfew shorter than 7 days actually covers', () => {
    const short = schedule([period(everyDay, '00:00', '20:00')], '2026-12-15', '2026-12-19');
    expect(validateCurfewSchedule(short, currentLaw, today)).toEqual([]);
  });

  it('counts every day of the pattern once the curfew lasts 7 days', () => {
    const week = schedule([period(everyDay, '00:00', '20:00')], '2026-12-15', '2026-12-21');
    expect(validateCurfewSchedule(week, currentLaw, today).map((e) => e.message)).toEqual([
      expect.stringContaining('no more than 112 hours in any 7 days'),
    ]);
  });
});

describe('validateCurfewSchedule: convictions before 28 June 2022', () => {
  it.each([
    [oldLaw, ['Curfew periods must add up to no more than 16 hours on any day. Monday adds up to 17 hours.']],
    ['2022-06-28', []],
  ])('17 hours on one day, conviction on %s', (convictionDate, expected) => {
    expect(messages([period(['MON'], '00:00', '17:00')], convictionDate)).toEqual(expected);
  });

  it('accepts 16 hours every day: there is no weekly cap', () => {
    expect(messages([period(everyDay, '20:00', '12:00')], oldLaw)).toEqual([]);
  });

  it('rejects 16 hours 1 minute', () => {
    expect(messages([period(['MON'], '20:00', '12:01')], oldLaw)).toEqual([expect.stringContaining('no more than 16 hours')]);
  });
});

describe('validateCurfewSchedule: dates', () => {
  const light = [period(['MON'], '19:00', '21:00')];

  it.each([
    ['2 years to the day before', currentLaw, '2028-12-14', []],
    ['2 years and a day', currentLaw, '2028-12-15', [{ path: 'curfew.endDate', message: 'A curfew can last at most 2 years: the end date must be on or before 14 December 2028' }]],
    ['12 months to the day before, old law', oldLaw, '2027-12-14', []],
    ['12 months and a day, old law', oldLaw, '2027-12-15', [{ path: 'curfew.endDate', message: 'A curfew can last at most 12 months: the end date must be on or before 14 December 2027' }]],
    ['the same day as the start', currentLaw, '2026-12-15', [{ path: 'curfew.endDate', message: 'The curfew end date must be after the start date' }]],
    ['before the start', currentLaw, '2026-12-10', [{ path: 'curfew.endDate', message: 'The curfew end date must be after the start date' }]],
  ])('a curfew from 2026-12-15 ending %s (%s, %s)', (_label, convictionDate, endDate, expected) => {
    expect(validateCurfewSchedule(schedule(light, '2026-12-15', endDate), convictionDate, today)).toEqual(expected);
  });

  it.each([
    ['yesterday', '2026-11-30', [{ path: 'curfew.startDate', message: 'The curfew cannot start before today' }]],
    ['today', '2026-12-01', []],
  ])('a curfew starting %s', (_label, startDate, expected) => {
    expect(validateCurfewSchedule(schedule(light, startDate, '2027-03-14'), currentLaw, today)).toEqual(expected);
  });
});
