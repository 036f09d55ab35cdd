import { describe, expect, it } from 'vitest';
import { formatCurfewDates, formatCurfewPeriod, formatDays, formatTime } from '#pages/link/curfew-periods';

describe('curfew periods in plain words', () => {
  it.each([
    [['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], 'Every day', 'Bob dydd'],
    [['MON', 'TUE', 'WED', 'THU', 'FRI'], 'Monday to Friday', 'Dydd Llun i ddydd Gwener'],
    [['SAT', 'SUN'], 'Saturday and Sunday', 'Dydd Sadwrn a dydd Sul'],
    [['FRI', 'MON', 'WED'], 'Monday, Wednesday and Friday', 'Dydd Llun, dydd Mercher a dydd Gwener'],
    [['MON', 'TUE', 'WED', 'SAT'], 'Monday to Wednesday and Saturday', 'Dydd Llun i ddydd Mercher a dydd Sadwrn'],
    [['THU'], 'Thursday', 'Dydd Iau'],
  ] as const)('%j', (days, english, welsh) => {
    expect(formatDays(days, 'en')).toBe(english);
    expect(formatDays(days, 'cy')).toBe(welsh);
  });

  it.each([
    ['19:00', '7pm', '7yh'],
    ['07:30', '7:30am', '7:30yb'],
    ['00:00', 'midnight', 'hanner nos'],
    ['12:00', 'midday', 'canol dydd'],
    ['12:15', '12:15pm', '12:15yh'],
    ['00:45', '12:45am', '12:45yb'],
  ])('%s', (time, english, welsh) => {
    expect(formatTime(time, 'en')).toBe(english);
    expect(formatTime(time, 'cy')).toBe(welsh);
  });

  it('says when a period ends the next day, in English and Welsh', () => {
    const period = { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] as const, from: '19:00', to: '07:00' };
    expect(formatCurfewPeriod(period, 'en')).toBe('Monday to Friday, 7pm to 7am the next day');
    expect(formatCurfewPeriod(period, 'cy')).toBe('Dydd Llun i ddydd Gwener, 7yh tan 7yb y diwrnod wedyn');
  });

  it('does not say "the next day" for a period within one day or ending at midnight', () => {
    expect(formatCurfewPeriod({ days: ['SAT'], from: '09:00', to: '17:30' }, 'en')).toBe('Saturday, 9am to 5:30pm');
    expect(formatCurfewPeriod({ days: ['SUN'], from: '20:00', to: '00:00' }, 'cy')).toBe('Dydd Sul, 8yh tan hanner nos');
  });

  it('formats the start and end dates with Welsh month names', () => {
    expect(formatCurfewDates({ startDate: '2026-12-15', endDate: '2027-03-14' }, 'en')).toEqual({ start: '15 December 2026', end: '14 March 2027' });
    expect(formatCurfewDates({ startDate: '2026-12-15', endDate: '2027-03-14' }, 'cy')).toEqual({ start: '15 Rhagfyr 2026', end: '14 Mawrth 2027' });
    expect(formatCurfewDates({ startDate: '2026-12-08', endDate: '2027-03-07' }, 'cy')).toEqual({ start: '8 Rhagfyr 2026', end: '7 Mawrth 2027' });
    expect(formatCurfewDates({ startDate: '2026-12-08', endDate: '2027-03-07' }, 'en')).toEqual({ start: '8 December 2026', end: '7 March 2027' });
  });
});
