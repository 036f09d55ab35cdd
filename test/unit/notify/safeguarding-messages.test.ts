import { describe, expect, it } from 'vitest';
import type { ProposalMessage } from '#store/outbox';
import { planDelivery } from '#notify/delivery-plan';
import { localTemplateIds } from '#notify/templates';

const context = { courtCode: 'B01LY00', dueAt: '2026-06-12T16:00:00.000Z' };
const base = { proposalId: 'p-1', sentAt: '2026-06-01T10:00:00.000Z' };

describe('a request stopped because a resident refused (NO_LONGER_NEEDED)', () => {
  it("tells an agency which court's enquiry no longer needs an answer, naming the court as its request did, with no link", () => {
    const message: ProposalMessage = { id: 'NO_LONGER_NEEDED#3f2a9c01-5b6d-4e7f-8a9b-0c1d2e3f4a5b', kind: 'NO_LONGER_NEEDED', to: 'enquiries@wiltshire.police.example', checkType: 'DOMESTIC_ABUSE', ...base };
    expect(planDelivery(message, context, localTemplateIds)).toEqual({
      channel: 'EMAIL',
      templateId: localTemplateIds.NO_LONGER_NEEDED.AGENCY_EMAIL,
      to: 'enquiries@wiltshire.police.example',
      personalisation: {
        court_code: 'B01LY00',
        court_name: "Swindon Magistrates' Court",
        court_team_email: 'swindon.court.team@probation.example',
        court_team_phone: '01632 960 123',
        enquiry: 'domestic abuse enquiry',
        enquiry_reference: '3F2A-9C01',
      },
    });
  });

  it('tells another resident by text, in their language, and nothing about why', () => {
    const message: ProposalMessage = { id: 'NO_LONGER_NEEDED#c-2', kind: 'NO_LONGER_NEEDED', to: '07700900123', checkType: 'RESIDENT_CONSENT', residentId: 'r-2', ...base };
    expect(planDelivery(message, { ...context, language: 'cy' }, localTemplateIds)).toEqual({ channel: 'SMS', templateId: localTemplateIds.NO_LONGER_NEEDED.RESIDENT_SMS_CY, to: '07700900123', personalisation: {} });
  });
});

describe('a decision sent back by a senior probation officer (DECISION_RETURNED)', () => {
  it('is an email to the officer naming the proposal only', () => {
    const message: ProposalMessage = { id: 'DECISION_RETURNED#p-1#1', kind: 'DECISION_RETURNED', to: 'court.officer@probation.example', ...base };
    expect(planDelivery(message, undefined, localTemplateIds)).toMatchObject({ channel: 'EMAIL', templateId: localTemplateIds.DECISION_RETURNED.OFFICER_EMAIL, personalisation: { proposal_id: 'p-1' } });
  });
});
