import { describe, expect, it } from 'vitest';
import { carriedOver, caseIdOf, isCurrentVersion, mayProposeAnotherAddress, nextVersion, versionHistoryText, versionOf, withAnotherAddress, type VersionedProposal } from '#domain/case-versions';
import { proposalStatuses } from '#domain/statuses';
import { validateProposal, type AlternativeAddressInput, type ProposalInput } from '#schemas/proposal';

const first: VersionedProposal = { proposalId: 'p1', status: 'UNSUITABLE' };

describe('mayProposeAnotherAddress', () => {
  it.each(proposalStatuses.map((status) => [status, status === 'UNSUITABLE' || status === 'WITHDRAWN'] as const))('from %s: %s', (status, allowed) => {
    expect(mayProposeAnotherAddress({ proposalId: 'p1', status }).allowed).toBe(allowed);
  });

  it('says why not, with the status, for a proposal still being checked or suitable', () => {
    expect(mayProposeAnotherAddress({ proposalId: 'p1', status: 'SUITABLE' })).toEqual({ allowed: false, reason: 'NOT_ALLOWED', status: 'SUITABLE' });
  });

  it('refuses a proposal already replaced, naming the version that replaced it, whatever its status', () => {
    expect(mayProposeAnotherAddress({ ...first, nextProposalId: 'p2' })).toEqual({ allowed: false, reason: 'ALREADY_REPLACED', nextProposalId: 'p2' });
  });
});

describe('versions of one case', () => {
  it('a proposal made before versions is version 1 of a case named by its own id', () => {
    expect(caseIdOf(first)).toBe('p1');
    expect(versionOf(first)).toBe(1);
    expect(isCurrentVersion(first)).toBe(true);
    expect(isCurrentVersion({ nextProposalId: 'p2' })).toBe(false);
  });

  it('the next version keeps the case id, counts on, and remembers every earlier version as it ended', () => {
    const second = { proposalId: 'p2', status: 'WITHDRAWN' as const, ...nextVersion(first) };
    expect(second).toMatchObject({ caseId: 'p1', version: 2, earlierVersions: [{ proposalId: 'p1', version: 1, status: 'UNSUITABLE' }] });
    expect(nextVersion(second)).toEqual({
      caseId: 'p1',
      version: 3,
      earlierVersions: [
        { proposalId: 'p1', version: 1, status: 'UNSUITABLE' },
        { proposalId: 'p2', version: 2, status: 'WITHDRAWN' },
      ],
    });
  });

  it('says the history in words, and nothing for a first address', () => {
    expect(versionHistoryText(1, [])).toBeUndefined();
    expect(versionHistoryText(2, [{ proposalId: 'p1', version: 1, status: 'UNSUITABLE' }])).toBe('Second address: the first was unsuitable');
    expect(
      versionHistoryText(3, [
        { proposalId: 'p2', version: 2, status: 'WITHDRAWN' },
        { proposalId: 'p1', version: 1, status: 'UNSUITABLE' },
      ]),
    ).toBe('Third address: the first was unsuitable, the second was withdrawn');
    expect(versionHistoryText(12, [])).toBe('12th address');
  });
});

describe('what carries over to another address', () => {
  const previous: ProposalInput = {
    courtCode: 'B01LY00',
    hearingDate: '2030-01-10',
    reportType: 'SHORT_FORMAT',
    convictionDate: '2029-12-01',
    defendant: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '1990-04-01', crn: 'X123456' },
    curfew: { address: { line1: '1 High Street', town: 'Swindon', postcode: 'SN1 1AA' }, startDate: '2030-01-11', endDate: '2030-03-01', periods: [{ days: ['MON'], from: '19:00', to: '07:00' }] },
    residents: [{ fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' }],
    noOtherAdults: false,
    childrenDeclaredByDefendant: { any: true, count: 2 },
    policeForce: 'WILTSHIRE',
    localAuthority: 'SWINDON',
  };
  const next: AlternativeAddressInput = {
    address: { line1: '9 Other Road', town: 'Bath', postcode: 'BA1 1AA' },
    residents: [],
    noOtherAdults: true,
    childrenDeclaredByDefendant: { any: false },
    policeForce: 'AVON_AND_SOMERSET',
    localAuthority: 'BATH_AND_NORTH_EAST_SOMERSET',
  };

  it('keeps the hearing, report, conviction, defendant and curfew dates and hours, and nothing about the address', () => {
    const kept = carriedOver(previous);
    expect(Object.keys(kept).sort()).toEqual(['convictionDate', 'courtCode', 'curfew', 'defendant', 'hearingDate', 'reportType']);
    expect(kept.curfew).toEqual({ startDate: '2030-01-11', endDate: '2030-03-01', periods: [{ days: ['MON'], from: '19:00', to: '07:00' }] });
    expect(JSON.stringify(kept)).not.toMatch(/High Street|Alex|WILTSHIRE|SWINDON/);
  });

  it('takes the address, who lives there, children and the agencies from the new answers, so the whole is a valid proposal', () => {
    const whole = withAnotherAddress(previous, next);
    expect(whole).toMatchObject({ curfew: { address: next.address, startDate: '2030-01-11' }, residents: [], noOtherAdults: true, childrenDeclaredByDefendant: { any: false }, defendant: previous.defendant, hearingDate: '2030-01-10' });
    expect(validateProposal(whole, '2029-12-20').success).toBe(true);
  });
});
