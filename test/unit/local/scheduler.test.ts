import { describe, expect, it } from 'vitest';
import { nextRun } from '../../../infra/local/scheduler.ts';

const digest = { weekdaysAtLondonTime: '07:30', description: 'digest' };

describe('the local scheduler: when a weekday schedule next fires', () => {
  it.each([
    ['before the time on a weekday: the same morning', '2026-11-23T06:00:00.000Z', '2026-11-23T07:30:00.000Z'],
    ['after the time on a weekday: the next morning', '2026-11-23T08:00:00.000Z', '2026-11-24T07:30:00.000Z'],
    ['on Friday after the time: Monday', '2026-11-27T09:00:00.000Z', '2026-11-30T07:30:00.000Z'],
    ['on Saturday: Monday', '2026-11-28T06:00:00.000Z', '2026-11-30T07:30:00.000Z'],
    ['in British Summer Time: 07:30 London is 06:30 UTC', '2026-06-15T05:00:00.000Z', '2026-06-15T06:30:00.000Z'],
  ])('%s', (_when, after, expected) => {
    expect(nextRun(digest, new Date(after)).toISOString()).toBe(expected);
  });
});

describe('the local scheduler: a repeating schedule', () => {
  it('fires every so many minutes, weekends and nights included', () => {
    expect(nextRun({ everyMinutes: 1, description: 'repair' }, new Date('2026-11-28T23:59:30.000Z')).toISOString()).toBe('2026-11-29T00:00:30.000Z');
  });
});
