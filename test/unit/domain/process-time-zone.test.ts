import { describe, expect, it } from 'vitest';
import { londonDate, londonWallTimeToUtc } from '#domain/london-time';
import { computeDueAt } from '#domain/deadlines';
import { reminderPoints } from '#domain/reminders';
import { formatDate, formatDateTime } from '#pages/filters';
import { formatDueDate } from '#notify/personalisation';

/**
 * Deployed, Lambda's process zone is UTC; the domain works in London time through explicit zones
 * (functions/domain/london-time.ts). vitest.config.ts runs the tests in a process zone that is
 * neither (Pacific/Kiritimati, UTC+14), so code that used the process's own zone (`getHours()`,
 * `new Date(y, m, d)`, `toLocaleDateString()` without `timeZone`) would give answers other than
 * London's, in both GMT and BST, and the tests asserting London answers would fail.
 */

const londonWall = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const winter = new Date('2026-01-15T12:00:00Z');
const summer = new Date('2026-07-15T12:00:00Z');

describe('the process time zone of the test run', () => {
  // An explicit TEST_TZ (e.g. TEST_TZ=UTC, to run as Lambda does) is a deliberate choice: not checked.
  it.skipIf(process.env.TEST_TZ !== undefined)('is neither London nor UTC, in winter or in summer', () => {
    // getTimezoneOffset is minutes behind UTC: London is 0 in GMT and -60 in BST.
    expect(winter.getTimezoneOffset()).not.toBe(0);
    expect(summer.getTimezoneOffset()).not.toBe(-60);
    expect(summer.getTimezoneOffset()).not.toBe(0);
    // And for much of the London working day it is another date there, so "today" would differ too.
    expect(new Date('2026-07-15T15:00:00Z').getDate()).not.toBe(15);
  });
});

describe('London time while the process zone is elsewhere, across both 2026 clock changes', () => {
  const days = (from: string, to: string): Date[] => {
    const instants: Date[] = [];
    for (let ms = Date.parse(from); ms <= Date.parse(to); ms += 15 * 60_000) instants.push(new Date(ms));
    return instants;
  };

  it.each([
    ['the spring change (29 March)', '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z'],
    ['the autumn change (25 October)', '2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z'],
  ])('every quarter hour around %s: London date and wall time go back to the same instant', (_label, from, to) => {
    for (const instant of days(from, to)) {
      const [date, time] = [londonDate(instant), londonWall.format(instant)];
      const back = londonWallTimeToUtc(date, time);
      // London clocks show the same date and time at the instant given back.
      expect([londonDate(back), londonWall.format(back)], instant.toISOString()).toEqual([date, time]);
      // It is the instant itself, except in the autumn's repeated hour (01:00-01:59 shown first in
      // BST, then in GMT), where either is right; no deadline, reminder or schedule falls in it.
      const repeated = date === '2026-10-25' && time.startsWith('01:');
      if (!repeated) expect(back.getTime(), instant.toISOString()).toBe(instant.getTime());
    }
  });

  it.each([
    // [instant, London date, London wall time]: each on another date or hour in Kiritimati.
    ['2026-03-28T23:30:00Z', '2026-03-28', '23:30'],
    ['2026-03-29T00:30:00Z', '2026-03-29', '00:30'],
    ['2026-03-29T01:30:00Z', '2026-03-29', '02:30'],
    ['2026-10-24T23:30:00Z', '2026-10-25', '00:30'],
    ['2026-10-25T01:30:00Z', '2026-10-25', '01:30'],
    ['2026-06-30T23:30:00Z', '2026-07-01', '00:30'],
    ['2026-12-31T23:30:00Z', '2026-12-31', '23:30'],
  ])('%s is %s %s in London', (instant, date, time) => {
    expect(londonDate(new Date(instant))).toBe(date);
    expect(londonWall.format(new Date(instant))).toBe(time);
  });

  it('deadlines, reminders and the dates people read are London ones on either side of a change', () => {
    // Hearing Monday 30 March (BST from the 29th): due 17:00 GMT on Friday 27 March.
    const springDue = computeDueAt('2026-03-30', 'SHORT_FORMAT');
    expect(springDue.toISOString()).toBe('2026-03-27T17:00:00.000Z');
    // Hearing Monday 2 November (GMT from 25 October): due 17:00 GMT on Friday 30 October;
    // the reminders at 09:00 London on Wednesday 28 (GMT) and on the due day.
    const autumnDue = computeDueAt('2026-11-02', 'STANDARD');
    expect(autumnDue.toISOString()).toBe('2026-10-30T17:00:00.000Z');
    expect(reminderPoints(autumnDue).map((point) => point.at.toISOString())).toEqual(['2026-10-28T09:00:00.000Z', '2026-10-30T09:00:00.000Z']);
    // A summer due time: 17:00 BST, which is already the next day in Kiritimati.
    const summerDue = computeDueAt('2026-07-01', 'SHORT_FORMAT');
    expect(summerDue.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(reminderPoints(summerDue).map((point) => point.at.toISOString())).toEqual(['2026-06-26T08:00:00.000Z', '2026-06-30T08:00:00.000Z']);
    expect(formatDueDate(summerDue.toISOString())).toBe('5pm on Tuesday 30 June 2026');
    expect(formatDueDate(summerDue.toISOString(), 'cy')).toBe('5yh ar ddydd Mawrth 30 Mehefin 2026');
    expect(formatDateTime(summerDue.toISOString())).toBe('30 June 2026 at 5:00pm');
    expect(formatDate(summerDue.toISOString())).toBe('30 June 2026');
    expect(formatDate('2026-06-30', 'cy')).toBe('30 Mehefin 2026');
  });
});
