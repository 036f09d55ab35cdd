import { describe, expect, it } from 'vitest';
import { londonDate, londonWallTimeToUtc } from '#domain/london-time';

describe('londonWallTimeToUtc', () => {
  it.each([
    ['2026-12-13', '17:00', '2026-12-13T17:00:00.000Z'],
    ['2026-06-30', '17:00', '2026-06-30T16:00:00.000Z'],
    ['2026-03-29', '09:00', '2026-03-29T08:00:00.000Z'],
    ['2026-03-28', '23:30', '2026-03-28T23:30:00.000Z'],
    ['2026-10-25', '09:00', '2026-10-25T09:00:00.000Z'],
    ['2026-10-24', '23:30', '2026-10-24T22:30:00.000Z'],
  ])('%s %s in London is %s', (date, time, expected) => {
    expect(londonWallTimeToUtc(date, time).toISOString()).toBe(expected);
  });
});

describe('londonDate', () => {
  it.each([
    ['2026-06-30T23:30:00Z', '2026-07-01'],
    ['2026-12-31T23:30:00Z', '2026-12-31'],
    ['2026-03-29T00:30:00Z', '2026-03-29'],
  ])('the London date at %s is %s', (instant, expected) => {
    expect(londonDate(new Date(instant))).toBe(expected);
  });
});
