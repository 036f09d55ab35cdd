/**
 * Node's setTimeout overflows above 2^31-1 ms (about 24.8 days): a longer delay fires after 1 ms.
 * So every timer we arm is capped at 24 days: a wait longer than that times out early (at 24 days)
 * instead of at once. The curfew workflow keeps each wait below 20 days, so the cap never bites there.
 */
export const MAX_TIMER_MS = 24 * 24 * 60 * 60 * 1000;

/**
 * What we give aws-local-stepfunctions as TimeoutSeconds for tasks whose timeout we run ourselves
 * (callback tasks), and the cap for every other TimeoutSeconds: just below the overflow, and later
 * than any timer of ours so ours always fires first.
 */
export const LIBRARY_MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** Arms a timer no longer than MAX_TIMER_MS (see above). */
export function setCappedTimeout(callback: () => void, delayMs: number): NodeJS.Timeout {
  return setTimeout(callback, Math.min(Math.max(delayMs, 0), MAX_TIMER_MS));
}
