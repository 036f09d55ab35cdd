import { describe, expect, it } from 'vitest';
import { linkExpiresAt } from '#domain/link-expiry';

describe('linkExpiresAt', () => {
  const issuedAt = new Date('2026-12-01T10:00:00Z');

  it.each([
    ['a resident, by default: 7 days', 'RESIDENT_CONSENT', undefined, '2026-12-08T10:00:00.000Z'],
    ['a resident, configured to 3 days', 'RESIDENT_CONSENT', { residentDays: 3, agencyDaysAfterHearing: 0 }, '2026-12-04T10:00:00.000Z'],
    ['the police, by default: the end of the hearing day', 'DOMESTIC_ABUSE', undefined, '2026-12-14T23:59:00.000Z'],
    ["children's services, configured to 2 days after the hearing", 'CHILD_SAFEGUARDING', { residentDays: 7, agencyDaysAfterHearing: 2 }, '2026-12-16T23:59:00.000Z'],
  ] as const)('%s', (_label, checkType, lifetimes, expected) => {
    expect(linkExpiresAt(checkType, '2026-12-14', issuedAt, lifetimes).toISOString()).toBe(expected);
  });
});
