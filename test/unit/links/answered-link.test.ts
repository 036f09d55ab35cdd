import { describe, expect, it } from 'vitest';
import { isAnswerGiven } from '#links/answered-link';
import type { CheckItem } from '#store/items';

const check = (overrides: Partial<CheckItem>): CheckItem =>
  ({ pk: 'PROPOSAL#p', sk: 'CHECK#c', itemType: 'CHECK', proposalId: 'p', checkId: 'c', type: 'CHILD_SAFEGUARDING', status: 'RESPONDED', courtCode: 'B01LY00', courtHearing: 'B01LY00#2026-12-14', dueAt: '2026-12-10T17:00:00.000Z', ...overrides }) as CheckItem;
const responder = { name: 'Chris Ward', role: 'MASH social worker', organisation: 'Swindon Borough Council' };

describe('an answer sent through a used link', () => {
  const given = check({ answer: { outcome: 'NOT_KNOWN', restricted: false, responder }, source: { via: 'LINK' } });

  it('is the answer given when it is the same form sent again (a refreshed confirmation page), whatever the order of its fields', () => {
    expect(isAnswerGiven(given, { responder: { organisation: responder.organisation, role: responder.role, name: responder.name }, restricted: false, outcome: 'NOT_KNOWN' })).toBe(true);
  });

  it('is a later answer when anything differs', () => {
    expect(isAnswerGiven(given, { outcome: 'CURRENT_INVOLVEMENT', summary: 'Child protection plan', restricted: false, responder })).toBe(false);
    expect(isAnswerGiven(given, { outcome: 'NOT_KNOWN', restricted: true, responder })).toBe(false);
  });

  it('is a later answer when the stored answer was recorded by an officer, not through the link', () => {
    const byOfficer = check({ type: 'RESIDENT_CONSENT', answer: { decision: 'CONSENT', understood: true }, source: { via: 'OFFICER', recordedBy: 'court.officer', method: 'PHONE', spokenToAlone: true } });
    expect(isAnswerGiven(byOfficer, { decision: 'CONSENT', understood: true })).toBe(false);
  });

  it('is the same request when a resident asked to speak to someone and still waits for the officer', () => {
    expect(isAnswerGiven(check({ type: 'RESIDENT_CONSENT', status: 'NEEDS_CONTACT' }), { decision: 'SPEAK_TO_OFFICER' })).toBe(true);
    expect(isAnswerGiven(check({ type: 'RESIDENT_CONSENT', status: 'NEEDS_CONTACT' }), { decision: 'REFUSE' })).toBe(false);
  });
});
