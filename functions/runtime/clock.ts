import { environment } from './environment.ts';

/**
 * The one source of "now" for handlers. Tests of deadlines move it forward instead of
 * waiting for days; nothing in a deployed function ever changes the offset.
 */
let offsetMilliseconds = initialOffset();

/**
 * LOCAL_CLOCK_OFFSET_MS: the offset a local stack process starts with (the crash harness runs the
 * stack in a child process, so it cannot call setClockOffsetForTesting). Ignored in Lambda.
 */
function initialOffset(): number {
  const { LOCAL_CLOCK_OFFSET_MS: offset, AWS_LAMBDA_FUNCTION_NAME: lambdaFunction } = environment('clock');
  return lambdaFunction === undefined ? (offset ?? 0) : 0;
}

export function now(): Date {
  return new Date(Date.now() + offsetMilliseconds);
}

/** Local stack tests only: shift the handlers' clock by this many milliseconds. */
export function setClockOffsetForTesting(milliseconds: number): void {
  offsetMilliseconds = milliseconds;
}
