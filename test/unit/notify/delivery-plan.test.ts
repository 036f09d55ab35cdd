import { describe, expect, it } from 'vitest';
import type { AgencyDigestMessage, DigestMessage, ProposalMessage } from '#store/outbox';
import { checkIdOf } from '#domain/message-references';
import { audienceOf, channelFor, planDelivery } from '#notify/delivery-plan';
import { formatDueDate } from '#notify/personalisation';
import { localTemplateIds } from '#notify/templates';

const link = 'https://curfew-checks.example/r/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const context = { courtCode: 'B01LY00', dueAt: '2026-06-12T16:00:00.000Z' };
const base = { proposalId: 'p-1', sentAt: '2026-06-01T10:00:00.000Z' };
/** A check id as the service makes them (a random UUID): an agency's messages quote its first eight characters. */
const agencyCheckId = '3f2a9c01-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

function message(overrides: Partial<ProposalMessage>): ProposalMessage {
  return { id: 'REQUEST#c-1', kind: 'REQUEST', to: 'alex@example.org', checkType: 'RESIDENT_CONSENT', residentId: 'r-1', url: link, ...base, ...overrides };
}

describe('channelFor', () => {
  it.each([
    ['RESIDENT', 'alex@example.org', 'EMAIL'],
    ['RESIDENT', '07700900123', 'SMS'],
    ['RESIDENT', '+447700900123', 'SMS'],
    ['RESIDENT', '07700 900 123', 'SMS'],
    ['RESIDENT', '01632960001', undefined],
    ['RESIDENT', 'not an address', undefined],
    ['AGENCY', 'enquiries@wiltshire.police.example', 'EMAIL'],
    ['AGENCY', '07700900123', undefined],
    ['OFFICER', 'court.officer@probation.example', 'EMAIL'],
    ['OFFICER', 'court.officer', undefined],
  ] as const)('%s at %s → %s', (audience, to, channel) => {
    expect(channelFor(audience, to)).toBe(channel);
  });
});

describe('audienceOf', () => {
  it.each([
    ['REQUEST', 'DOMESTIC_ABUSE', 'AGENCY'],
    ['REQUEST', 'CHILD_SAFEGUARDING', 'AGENCY'],
    ['REQUEST', 'RESIDENT_CONSENT', 'RESIDENT'],
    ['REMINDER', 'RESIDENT_CONSENT', 'RESIDENT'],
    ['REMINDER', 'DOMESTIC_ABUSE', 'AGENCY'],
    ['OVERDUE', 'RESIDENT_CONSENT', 'OFFICER'],
    ['NEEDS_CONTACT', 'RESIDENT_CONSENT', 'OFFICER'],
  ] as const)('%s about %s goes to the %s', (kind, checkType, audience) => {
    expect(audienceOf(kind, checkType)).toBe(audience);
  });
});

describe('planDelivery', () => {
  it('sends a resident only the link and the date to answer by: nothing about the defendant or the court', () => {
    const plan = planDelivery(message({}), context, localTemplateIds);
    expect(plan).toEqual({
      channel: 'EMAIL',
      templateId: localTemplateIds.REQUEST.RESIDENT_EMAIL,
      to: 'alex@example.org',
      personalisation: { link, due_date: '5pm on Friday 12 June 2026' },
    });
  });

  it('texts a resident whose contact is a UK mobile, with the SMS template and the number without spaces', () => {
    const plan = planDelivery(message({ to: '07700 900123', kind: 'REMINDER', id: 'REMINDER#c-1#DUE_DAY' }), context, localTemplateIds);
    expect(plan).toMatchObject({ channel: 'SMS', templateId: localTemplateIds.REMINDER.RESIDENT_SMS, to: '07700900123', personalisation: { link } });
  });

  it("gives an agency the link, due date, the court by code and name, its team's mailbox and phone, and which enquiry it is, with its reference", () => {
    const plan = planDelivery(message({ id: `REQUEST#${agencyCheckId}`, checkType: 'DOMESTIC_ABUSE', to: 'enquiries@wiltshire.police.example', residentId: undefined }), context, localTemplateIds);
    expect(plan).toEqual({
      channel: 'EMAIL',
      templateId: localTemplateIds.REQUEST.AGENCY_EMAIL,
      to: 'enquiries@wiltshire.police.example',
      personalisation: {
        link,
        due_date: '5pm on Friday 12 June 2026',
        court_code: 'B01LY00',
        court_name: "Swindon Magistrates' Court",
        court_team_email: 'swindon.court.team@probation.example',
        court_team_phone: '01632 960 123',
        enquiry: 'domestic abuse enquiry',
        enquiry_reference: '3F2A-9C01',
      },
    });
  });

  it.each(['OVERDUE', 'NEEDS_CONTACT'] as const)('gives the officer a %s notice with only the proposal id and the check type', (kind) => {
    const plan = planDelivery(message({ kind, id: `${kind}#c-1`, to: 'court.officer@probation.example', url: undefined }), undefined, localTemplateIds);
    expect(plan).toEqual({
      channel: 'EMAIL',
      templateId: localTemplateIds[kind].OFFICER_EMAIL,
      to: 'court.officer@probation.example',
      personalisation: { proposal_id: 'p-1', check_type: "resident's consent" },
    });
  });

  it.each([
    ['an officer id that is not an address', { kind: 'OVERDUE', id: 'OVERDUE#c-1', to: 'court.officer' }, 'UNRECOGNISED_ADDRESS'],
    ['a resident contact of neither shape', { to: '01632 960001' }, 'UNRECOGNISED_ADDRESS'],
    ['a request without its link', { url: undefined }, 'MISSING_LINK'],
  ] as const)('refuses %s', (_what, overrides, problem) => {
    expect(planDelivery(message(overrides), context, localTemplateIds)).toEqual({ problem });
  });

  it('writes to a resident who chose Welsh with the Welsh template, the due date in Welsh', () => {
    const email = planDelivery(message({}), { ...context, language: 'cy' }, localTemplateIds);
    expect(email).toEqual({ channel: 'EMAIL', templateId: localTemplateIds.REQUEST.RESIDENT_EMAIL_CY, to: 'alex@example.org', personalisation: { link, due_date: '5yh ar ddydd Gwener 12 Mehefin 2026' } });
    const text = planDelivery(message({ kind: 'REMINDER', id: 'REMINDER#c-1#DUE_DAY', to: '07700900123' }), { ...context, language: 'cy' }, localTemplateIds);
    expect(text).toMatchObject({ channel: 'SMS', templateId: localTemplateIds.REMINDER.RESIDENT_SMS_CY });
  });

  it('keeps agencies in English whatever the context says', () => {
    const plan = planDelivery(message({ checkType: 'DOMESTIC_ABUSE', to: 'enquiries@wiltshire.police.example', residentId: undefined }), { ...context, language: 'cy' }, localTemplateIds);
    expect(plan).toMatchObject({ templateId: localTemplateIds.REQUEST.AGENCY_EMAIL, personalisation: { due_date: '5pm on Friday 12 June 2026' } });
  });

  it('sends the daily digest to a team member with a line per overdue check: ids, check types and dates, no names', () => {
    const digest: DigestMessage = {
      id: 'DIGEST#B01LY00#2026-06-15#spo',
      kind: 'DIGEST',
      to: 'spo@probation.example',
      courtCode: 'B01LY00',
      date: '2026-06-15',
      url: 'https://curfew-checks.example/proposals',
      overdue: [
        { proposalId: 'p-1', checkType: 'DOMESTIC_ABUSE', hearingDate: '2026-06-15', dueAt: '2026-06-12T16:00:00.000Z' },
        { proposalId: 'p-2', checkType: 'RESIDENT_CONSENT', hearingDate: '2026-06-16', dueAt: '2026-06-15T16:00:00.000Z' },
      ],
      sentAt: '2026-06-15T06:30:00.000Z',
    };
    expect(planDelivery(digest, undefined, localTemplateIds)).toEqual({
      channel: 'EMAIL',
      templateId: localTemplateIds.DIGEST.OFFICER_EMAIL,
      to: 'spo@probation.example',
      personalisation: {
        court_code: 'B01LY00',
        date: '15 June 2026',
        count: '2',
        overdue_checks: "* p-1: domestic abuse enquiry, due 5pm on Friday 12 June 2026, hearing 15 June 2026\n* p-2: resident's consent, due 5pm on Monday 15 June 2026, hearing 16 June 2026",
        link: 'https://curfew-checks.example/proposals',
      },
    });
  });

  it("sends an agency mailbox its morning digest: each enquiry's reference, court, due date, whether overdue and whom to contact; no names, no link", () => {
    const digest: AgencyDigestMessage = {
      id: 'AGENCY_DIGEST#2026-06-15#POLICE.WILTSHIRE',
      kind: 'AGENCY_DIGEST',
      to: 'enquiries@wiltshire.police.example',
      mailboxKey: 'POLICE.WILTSHIRE',
      date: '2026-06-15',
      enquiries: [
        { reference: '3F2A-9C01', checkType: 'DOMESTIC_ABUSE', courtCode: 'B01LY00', dueAt: '2026-06-12T16:00:00.000Z', overdue: true },
        { reference: '77AB-0001', checkType: 'DOMESTIC_ABUSE', courtCode: 'NOT_LISTED', dueAt: '2026-06-16T16:00:00.000Z', overdue: false },
      ],
      sentAt: '2026-06-15T06:45:00.000Z',
    };
    expect(audienceOf('AGENCY_DIGEST', undefined)).toBe('AGENCY');
    expect(planDelivery(digest, undefined, localTemplateIds)).toEqual({
      channel: 'EMAIL',
      templateId: localTemplateIds.AGENCY_DIGEST.AGENCY_EMAIL,
      to: 'enquiries@wiltshire.police.example',
      personalisation: {
        date: '15 June 2026',
        count: '2',
        overdue_count: '1',
        enquiries:
          "* 3F2A-9C01: domestic abuse enquiry from Swindon Magistrates' Court, OVERDUE, was due 5pm on Friday 12 June 2026. Court team: swindon.court.team@probation.example, 01632 960 123\n" +
          '* 77AB-0001: domestic abuse enquiry from court NOT_LISTED, due 5pm on Tuesday 16 June 2026. Court team: not known, not known',
      },
    });
    const { enquiries: _lines, ...delivered } = digest;
    expect(planDelivery(delivered, undefined, localTemplateIds)).toEqual({ problem: 'MISSING_CONTEXT' });
    expect(checkIdOf(digest)).toBeUndefined();
  });

  it('refuses a channel that has no template for the kind', () => {
    const templates = { ...localTemplateIds, REQUEST: { AGENCY_EMAIL: localTemplateIds.REQUEST.AGENCY_EMAIL } };
    expect(planDelivery(message({ to: '07700900123' }), context, templates)).toEqual({ problem: 'NO_TEMPLATE' });
  });

  it('never sends a message blank once its address and link have been removed after delivery', () => {
    const { to: _to, url: _url, ...delivered } = message({});
    expect(planDelivery(delivered, context, localTemplateIds)).toEqual({ problem: 'UNRECOGNISED_ADDRESS' });
    expect(planDelivery({ ...delivered, to: 'alex@example.org' }, context, localTemplateIds)).toEqual({ problem: 'MISSING_LINK' });
    const digest = { id: 'DIGEST#B01LY00#2026-06-15#spo', kind: 'DIGEST', to: 'spo@probation.example', courtCode: 'B01LY00', date: '2026-06-15', sentAt: '2026-06-15T06:30:00.000Z' } as const;
    expect(planDelivery(digest, undefined, localTemplateIds)).toEqual({ problem: 'MISSING_CONTEXT' });
  });
});

describe('formatDueDate', () => {
  it.each([
    ['2026-06-12T16:00:00.000Z', '5pm on Friday 12 June 2026'],
    ['2026-12-11T17:00:00.000Z', '5pm on Friday 11 December 2026'],
    ['2026-12-11T09:30:00.000Z', '9:30am on Friday 11 December 2026'],
  ])('%s is %s in London', (dueAt, text) => {
    expect(formatDueDate(dueAt)).toBe(text);
  });

  it.each([
    ['2026-06-12T16:00:00.000Z', '5yh ar ddydd Gwener 12 Mehefin 2026'],
    ['2026-12-14T09:30:00.000Z', '9:30yb ar ddydd Llun 14 Rhagfyr 2026'],
  ])('%s is %s in Welsh', (dueAt, text) => {
    expect(formatDueDate(dueAt, 'cy')).toBe(text);
  });
});

describe('checkIdOf', () => {
  it.each([
    ['REQUEST#c-1', 'c-1'],
    ['REMINDER#c-1#DUE_DAY', 'c-1'],
    ['OVERDUE#c-1#SPO1', 'c-1'],
    ['SOMETHING', undefined],
  ])('%s is about check %s', (id, checkId) => {
    expect(checkIdOf({ id, kind: 'REQUEST' })).toBe(checkId);
  });

  it('finds no check in a digest, whatever its reference looks like', () => {
    expect(checkIdOf({ id: 'DIGEST#B01LY00#2026-06-15#spo', kind: 'DIGEST' })).toBeUndefined();
  });
});

describe('a withdrawal of consent', () => {
  const withdrawalLink = 'https://curfew-checks.example/w/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

  it("confirms a resident's consent with the withdrawal link only, by SMS or email, in Welsh when they chose it", () => {
    const confirmation = message({ id: 'CONSENT_CONFIRMED#c-1', kind: 'CONSENT_CONFIRMED', to: '07700900123', url: withdrawalLink });
    expect(planDelivery(confirmation, context, localTemplateIds)).toEqual({ channel: 'SMS', templateId: localTemplateIds.CONSENT_CONFIRMED.RESIDENT_SMS, to: '07700900123', personalisation: { link: withdrawalLink } });
    expect(planDelivery({ ...confirmation, to: 'alex@example.org' }, { ...context, language: 'cy' }, localTemplateIds)).toEqual({
      channel: 'EMAIL',
      templateId: localTemplateIds.CONSENT_CONFIRMED.RESIDENT_EMAIL_CY,
      to: 'alex@example.org',
      personalisation: { link: withdrawalLink },
    });
    const { url: _url, ...withoutLink } = confirmation;
    expect(planDelivery(withoutLink, context, localTemplateIds)).toEqual({ problem: 'MISSING_LINK' });
  });

  it('tells the officer and SPOs which proposal, before and after the hearing, with no link and no name', () => {
    for (const kind of ['CONSENT_WITHDRAWN', 'CONSENT_WITHDRAWN_AFTER_HEARING'] as const) {
      const { url: _url, residentId: _resident, ...notice } = message({ id: `${kind}#c-1#OFFICER`, kind, to: 'court.officer@probation.example' });
      expect(planDelivery(notice, context, localTemplateIds)).toEqual({
        channel: 'EMAIL',
        templateId: localTemplateIds[kind].OFFICER_EMAIL,
        to: 'court.officer@probation.example',
        personalisation: { proposal_id: 'p-1', check_type: "resident's consent" },
      });
    }
  });
});
