import { describe, expect, it } from 'vitest';
import { carriedOver } from '#domain/case-versions';
import { validateProposal, type ProposalInput } from '#schemas/proposal';
import { anotherAddressNotice, carriedOverFormFields, withCarriedOverNotes } from '#pages/staff/another-address';
import { historyLineOf, versionsView } from '#pages/staff/case-versions';
import { completenessView } from '#pages/staff/court-views';
import { checkAnswersView } from '#pages/staff/start-check-answers';
import { proposalFromForm } from '#pages/staff/start-checks';

const previous: ProposalInput = {
  courtCode: 'B01LY00',
  hearingDate: '2030-01-10',
  reportType: 'SHORT_FORMAT',
  convictionDate: '2029-12-01',
  defendant: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '1990-04-01', pnc: '2001/0012345X' },
  curfew: {
    address: { line1: '1 High Street', town: 'Swindon', postcode: 'SN1 1AA' },
    startDate: '2030-01-11',
    endDate: '2030-03-01',
    periods: [
      { days: ['MON', 'TUE'], from: '19:00', to: '07:00' },
      { days: ['SAT'], from: '14:00', to: '00:00' },
    ],
  },
  residents: [{ fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' }],
  noOtherAdults: false,
  childrenDeclaredByDefendant: { any: true, count: 2 },
  policeForce: 'WILTSHIRE',
  localAuthority: 'SWINDON',
};

describe('the start-checks form for another address', () => {
  it('holds the carried-over answers as the form reads them back, and nothing about the old address', () => {
    const { fields, rows } = carriedOverFormFields(carriedOver(previous));
    expect(rows).toEqual({ residents: 1, periods: 2 });
    const { input } = proposalFromForm(fields);
    expect(input).toMatchObject({ courtCode: 'B01LY00', hearingDate: '2030-01-10', reportType: 'SHORT_FORMAT', convictionDate: '2029-12-01', defendant: previous.defendant });
    expect((input.curfew as Record<string, unknown>).periods).toEqual(previous.curfew.periods);
    expect(input).toMatchObject({ residents: [], curfew: { address: {}, startDate: '2030-01-11', endDate: '2030-03-01' } });
    expect(JSON.stringify(fields)).not.toMatch(/High Street|Alex|WILTSHIRE|SWINDON|SN1/);
    // With the new address's answers added, the form is a valid proposal.
    const completed = { ...fields, 'address-line1': '9 Other Road', 'address-town': 'Bath', 'address-postcode': 'BA1 1AA', noOtherAdults: ['yes'], 'children-any': 'no', policeForce: 'AVON_AND_SOMERSET', localAuthority: 'BATH_AND_NORTH_EAST_SOMERSET' };
    expect(validateProposal(proposalFromForm(completed).input, '2029-12-20').success).toBe(true);
  });

  it('says which address this is and marks the carried-over sections of Check your answers', () => {
    expect(anotherAddressNotice({ proposalId: 'p1', version: 1, status: 'WITHDRAWN' })).toMatchObject({ caption: 'Checks for another address (the second)', previousHref: '/proposals/p1' });
    expect(anotherAddressNotice({ proposalId: 'p2', version: 2, status: 'UNSUITABLE' }).text).toMatch(/^The second address was unsuitable\./);
    const notes = withCarriedOverNotes(checkAnswersView(carriedOverFormFields(carriedOver(previous)).fields)).map((section) => [section.step, section.carriedOver]);
    expect(notes).toEqual([
      ['hearing', 'Carried over from the earlier address'],
      ['defendant', 'Carried over from the earlier address'],
      ['curfew', "The curfew's dates and hours are carried over; the address is new"],
      ['adults', undefined],
      ['children', undefined],
      ['agencies', undefined],
    ]);
  });
});

describe('the versions of a case on the pages', () => {
  it('show nothing for a first address never replaced', () => {
    expect(versionsView({ proposalId: 'p1', status: 'SUITABLE' })).toBeUndefined();
    expect(historyLineOf({ proposalId: 'p1', status: 'SUITABLE' })).toBeUndefined();
  });

  it('link every earlier version and the one that replaced this one', () => {
    const second = { proposalId: 'p2', status: 'WITHDRAWN' as const, caseId: 'p1', version: 2, previousProposalId: 'p1', earlierVersions: [{ proposalId: 'p1', version: 1, status: 'UNSUITABLE' as const }], nextProposalId: 'p3' };
    const view = versionsView(second);
    expect(view?.history).toBe('Second address: the first was unsuitable');
    expect(view?.replacedBy).toBe('/proposals/p3');
    expect(view?.rows.map((row) => [row.label, row.href, row.tag?.text, row.current])).toEqual([
      ['First address', '/proposals/p1', 'Unsuitable', false],
      ['Second address (this page)', undefined, 'Withdrawn', false],
      ['Third address (the current one)', '/proposals/p3', undefined, true],
    ]);
  });

  it('a first address once replaced links to its replacement', () => {
    expect(versionsView({ proposalId: 'p1', status: 'UNSUITABLE', nextProposalId: 'p2' })?.rows.map((row) => row.label)).toEqual(['First address (this page)', 'Second address (the current one)']);
  });
});

describe("the sentencer's page of one proposal", () => {
  const stored = { ...previous, proposalId: 'p2', status: 'UNSUITABLE' as const, concerns: false, residents: [], createdBy: 'court.officer', createdAt: '2029-12-01T10:00:00.000Z', updatedAt: '2029-12-01T10:00:00.000Z', pk: 'PROPOSAL#p2', sk: 'PROPOSAL' as const, itemType: 'PROPOSAL' as const, courtHearing: 'B01LY00#2030-01-10' };

  it('says what became of the earlier address, and links a replaced proposal to its replacement', () => {
    const second = completenessView({ ...stored, caseId: 'p1', version: 2, previousProposalId: 'p1', earlierVersions: [{ proposalId: 'p1', version: 1, status: 'WITHDRAWN' }], nextProposalId: 'p3' }, [], new Date('2029-12-20T10:00:00Z'));
    expect(second.addressHistory).toBe('Second address: the first was withdrawn');
    expect(second.replacedBy).toBe('/court-list/p3');
    const first = completenessView(stored, [], new Date('2029-12-20T10:00:00Z'));
    expect([first.addressHistory, first.replacedBy]).toEqual([undefined, undefined]);
  });
});
