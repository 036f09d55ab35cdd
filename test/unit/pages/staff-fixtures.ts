import type { CheckItem, ProposalItem } from '#store/items';
import type { StoredProposal } from '#store/proposal-store';

export const now = new Date('2026-03-02T10:00:00Z');

export function proposal(overrides: Partial<ProposalItem> = {}): ProposalItem {
  return {
    pk: 'PROPOSAL#p1', sk: 'PROPOSAL', itemType: 'PROPOSAL', proposalId: 'p1', status: 'CHECKS_IN_PROGRESS', concerns: false,
    courtCode: 'B01LY00', hearingDate: '2026-03-16', courtHearing: 'B01LY00#2026-03-16', reportType: 'SHORT_FORMAT', convictionDate: '2026-03-01',
    defendant: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '1990-04-01' },
    curfew: { address: { line1: '1 High Street', town: 'Swindon', postcode: 'SN1 1AA' }, startDate: '2026-03-17', endDate: '2026-06-14', periods: [{ days: ['MON'], from: '19:00', to: '07:00' }] },
    residents: [{ residentId: 'r1', fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' }],
    noOtherAdults: false, childrenDeclaredByDefendant: { any: false }, policeForce: 'WILTSHIRE', localAuthority: 'SWINDON',
    createdBy: 'court.officer', createdAt: '2026-03-01T09:00:00Z', updatedAt: '2026-03-01T09:00:00Z',
    ...overrides,
  };
}

export function check(type: CheckItem['type'], overrides: Partial<CheckItem> = {}): CheckItem {
  const checkId = `${type}-${overrides.residentId ?? ''}`;
  return {
    pk: 'PROPOSAL#p1', sk: `CHECK#${checkId}`, itemType: 'CHECK', proposalId: 'p1', checkId, type, status: 'REQUESTED', courtCode: 'B01LY00', courtHearing: 'B01LY00#2026-03-16',
    dueAt: '2026-03-15T17:00:00Z', requestedAt: '2026-03-01T09:00:05Z', ...(type === 'RESIDENT_CONSENT' ? { residentId: 'r1' } : {}),
    ...overrides,
  };
}

export const restrictedSummary = 'Two call-outs to the address in 2025.';

export function answeredChecks(): CheckItem[] {
  return [
    check('DOMESTIC_ABUSE', { status: 'RESPONDED', respondedAt: '2026-03-01T12:00:00Z', source: { via: 'LINK' }, answer: { outcome: 'INFORMATION_HELD', summary: restrictedSummary, restricted: true, responder: { name: 'DS Pat Quinn', role: 'PPU', organisation: 'Wiltshire Police' } } }),
    check('CHILD_SAFEGUARDING', { status: 'RESPONDED', respondedAt: '2026-03-01T13:00:00Z', source: { via: 'LINK' }, answer: { outcome: 'NOT_KNOWN', restricted: false, responder: { name: 'Chris Ward', role: 'MASH', organisation: 'Swindon Borough Council' } } }),
    check('RESIDENT_CONSENT', { residentId: 'r1', status: 'RESPONDED', respondedAt: '2026-03-01T14:00:00Z', source: { via: 'OFFICER', recordedBy: 'court.officer', method: 'PHONE', spokenToAlone: true }, answer: { decision: 'CONSENT', understood: true } }),
  ];
}

export function stored(overrides: Partial<ProposalItem> = {}, checks: CheckItem[] = [check('DOMESTIC_ABUSE'), check('CHILD_SAFEGUARDING'), check('RESIDENT_CONSENT', { residentId: 'r1' })]): StoredProposal {
  return { proposal: proposal(overrides), checks, audit: [] };
}
