import { describe, expect, it } from 'vitest';
import { consentAdvice, concernsInWords } from '#pages/staff/concern-labels';
import { check, proposal } from './staff-fixtures.ts';

const residents = proposal().residents;
const consent = { decision: 'CONSENT' as const, understood: true };
const byOfficer = (spokenToAlone: boolean) => ({ via: 'OFFICER' as const, recordedBy: 'court.officer', method: 'PHONE' as const, spokenToAlone });

describe('advice to speak to a resident again before deciding', () => {
  it('is given for consent taken while they were not alone, or after they asked to speak to someone and nobody has spoken to them alone', () => {
    const notAlone = check('RESIDENT_CONSENT', { residentId: 'r1', status: 'RESPONDED', answer: consent, source: byOfficer(false) });
    const askedThenLink = check('RESIDENT_CONSENT', { residentId: 'r1', status: 'RESPONDED', answer: consent, source: { via: 'LINK' }, needsContactAt: '2026-03-01T10:00:00Z' });
    const askedThenAlone = check('RESIDENT_CONSENT', { residentId: 'r1', status: 'RESPONDED', answer: consent, source: byOfficer(true), needsContactAt: '2026-03-01T10:00:00Z' });
    expect(consentAdvice([notAlone], residents, ['CONSENT_MAY_NOT_BE_FREE'])).toEqual([expect.stringMatching(/^Alex Resident was not spoken to alone when their consent was recorded\. Before you decide, contact Alex Resident again, alone.*record their answer again\. A senior probation officer must countersign a suitable decision\.$/)]);
    expect(consentAdvice([askedThenLink], residents, ['CONSENT_MAY_NOT_BE_FREE'])).toEqual([expect.stringMatching(/^Alex Resident asked to speak to someone before giving consent\./)]);
    expect(consentAdvice([askedThenAlone], residents, ['CONSENT_MAY_NOT_BE_FREE'])).toEqual([]);
    // Still a concern for the countersigning officer: they asked to speak to someone first.
    expect(concernsInWords([askedThenAlone], residents)).toEqual(['Alex Resident asked to speak to someone before giving consent']);
  });

  it("says a senior probation officer must countersign only when the policy's answer includes consent that may not be free", () => {
    const notAlone = check('RESIDENT_CONSENT', { residentId: 'r1', status: 'RESPONDED', answer: consent, source: byOfficer(false) });
    const [advice] = consentAdvice([notAlone], residents, ['AGENCY_CONCERN']);
    expect(advice).toMatch(/record their answer again\.$/);
    expect(advice).not.toContain('countersign');
  });
});
