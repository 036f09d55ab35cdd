/**
 * The one source of "now" for handlers. Tests of deadlines move it forward instead of
 * waiting for days; nothing in a deployed function ever changes the offset.
 */
let offsetMilliseconds = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMilliseconds);
}

/** Local stack tests only: shift the handlers' clock by this many milliseconds. */
export function setClockOffsetForTesting(milliseconds: number): void {
  offsetMilliseconds = milliseconds;
}
