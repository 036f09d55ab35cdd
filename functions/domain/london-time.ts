/**
 * Conversions between Europe/London wall-clock time and instants. Courts sit on London time and
 * deadlines like "17:00 the day before" must be right in both GMT and BST, without a date library.
 */

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function wallClockOf(instant: Date): { date: string; utcMsOfWall: number } {
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(londonParts.formatToParts(instant).find((p) => p.type === type)?.value);
  const [y, m, d, h, min, s] = [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { date, utcMsOfWall: Date.UTC(y, m - 1, d, h, min, s) };
}

function offsetMs(instant: Date): number {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  return wallClockOf(instant).utcMsOfWall - ms;
}

/** The instant at which London clocks show `time` (HH:MM) on `date` (YYYY-MM-DD). */
export function londonWallTimeToUtc(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  if (y === undefined || m === undefined || d === undefined || h === undefined || min === undefined) {
    throw new Error(`Bad London wall time: ${date} ${time}`);
  }
  const asUtc = Date.UTC(y, m - 1, d, h, min);
  const first = asUtc - offsetMs(new Date(asUtc));
  // Re-check at the candidate instant: the offset there is the one that applies.
  return new Date(asUtc - offsetMs(new Date(first)));
}

/** The London calendar date of an instant, e.g. to tell "today" for a court. */
export function londonDate(instant: Date): string {
  return wallClockOf(instant).date;
}
