import { describe, expect, it } from 'vitest';
import { validateProposal } from '#schemas/proposal';
import type { FieldError } from '#schemas/proposal';

const today = '2026-12-01';

function validProposal() {
  return {
    courtCode: 'B01LY00',
    hearingDate: '2026-12-14',
    reportType: 'SHORT_FORMAT',
    convictionDate: '2026-11-23',
    defendant: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '1990-04-01', pnc: '2001/0012345X', crn: 'X123456' },
    curfew: {
      address: { line1: '1 High Street', town: 'Swindon', postcode: 'SN1 1AA' },
      startDate: '2026-12-15',
      endDate: '2027-03-14',
      periods: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], from: '19:00', to: '07:00' }],
    },
    residents: [{ fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' }] as Record<string, unknown>[],
    noOtherAdults: false,
    childrenDeclaredByDefendant: { any: true, count: 2 } as Record<string, unknown>,
    policeForce: 'WILTSHIRE',
    localAuthority: 'SWINDON',
  };
}
type Proposal = ReturnType<typeof validProposal>;

function fieldsFor(change: (p: Proposal) => unknown, on = today): FieldError[] {
  const result = validateProposal(change(validProposal()), on);
  return result.success ? [] : result.fields;
}
const pathsFor = (change: (p: Proposal) => unknown, on = today): string[] => fieldsFor(change, on).map((f) => f.path);

describe('validateProposal: a complete proposal', () => {
  it('is accepted, with the resident language defaulting to English', () => {
    const body = validProposal();
    body.residents = [{ fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org' }];
    const result = validateProposal(body, today);
    expect(result.success && result.data.residents[0]?.language).toBe('en');
  });

  it('rejects something that is not an object', () => {
    expect(validateProposal('hello', today)).toEqual({ success: false, fields: [{ path: '', message: expect.any(String) }] });
  });
});

describe('validateProposal: unknown fields', () => {
  it.each<[string, (p: Proposal) => unknown, string]>([
    ['at the top', (p) => ({ ...p, override: true }), 'override'],
    ['on the defendant', (p) => ({ ...p, defendant: { ...p.defendant, nickname: 'S' } }), 'defendant.nickname'],
    ['on the address', (p) => ({ ...p, curfew: { ...p.curfew, address: { ...p.curfew.address, county: 'Wilts' } } }), 'curfew.address.county'],
    ['on a resident', (p) => ({ ...p, residents: [{ ...p.residents[0], consented: true }] }), 'residents.0.consented'],
  ])('rejects an unknown field %s', (_label, change, path) => {
    expect(fieldsFor(change)).toEqual([{ path, message: 'This field is not expected' }]);
  });
});

describe('validateProposal: formats', () => {
  it.each<[string, (p: Proposal) => unknown, string[]]>([
    ['a lower-case court code', (p) => ({ ...p, courtCode: 'b01ly00' }), ['courtCode']],
    ['a court code of the wrong shape', (p) => ({ ...p, courtCode: 'B1LY00' }), ['courtCode']],
    ['an unknown report type', (p) => ({ ...p, reportType: 'FAST' }), ['reportType']],
    ['30 February', (p) => ({ ...p, hearingDate: '2027-02-30' }), ['hearingDate']],
    ['a date in another format', (p) => ({ ...p, convictionDate: '23/11/2026' }), ['convictionDate']],
    ['an impossible date of birth', (p) => ({ ...p, defendant: { ...p.defendant, dateOfBirth: '1990-13-01' } }), ['defendant.dateOfBirth']],
    ['a blank given name', (p) => ({ ...p, defendant: { ...p.defendant, givenName: '  ' } }), ['defendant.givenName']],
    ['a family name over 100 characters', (p) => ({ ...p, defendant: { ...p.defendant, familyName: 'x'.repeat(101) } }), ['defendant.familyName']],
    ['an address line over 100 characters', (p) => ({ ...p, curfew: { ...p.curfew, address: { ...p.curfew.address, line2: 'x'.repeat(101) } } }), ['curfew.address.line2']],
    ['a time of 24:00', (p) => ({ ...p, curfew: { ...p.curfew, periods: [{ days: ['MON'], from: '19:00', to: '24:00' }] } }), ['curfew.periods.0.to']],
    ['a time without a leading zero', (p) => ({ ...p, curfew: { ...p.curfew, periods: [{ days: ['MON'], from: '7:00', to: '19:00' }] } }), ['curfew.periods.0.from']],
    ['a period with no days', (p) => ({ ...p, curfew: { ...p.curfew, periods: [{ days: [], from: '19:00', to: '21:00' }] } }), ['curfew.periods.0.days']],
    ['a period with a day twice', (p) => ({ ...p, curfew: { ...p.curfew, periods: [{ days: ['MON', 'MON'], from: '19:00', to: '21:00' }] } }), ['curfew.periods.0.days']],
    ['no periods', (p) => ({ ...p, curfew: { ...p.curfew, periods: [] } }), ['curfew.periods']],
    ['11 periods', (p) => ({ ...p, curfew: { ...p.curfew, periods: Array.from({ length: 11 }, (_, i) => ({ days: ['MON'], from: `${String(i).padStart(2, '0')}:00`, to: `${String(i).padStart(2, '0')}:30` })) } }), ['curfew.periods']],
    ['an unknown police force', (p) => ({ ...p, policeForce: 'ATLANTIS' }), ['policeForce']],
    ['an unknown local authority', (p) => ({ ...p, localAuthority: 'WILTS' }), ['localAuthority']],
  ])('rejects %s', (_label, change, paths) => {
    expect(pathsFor(change)).toEqual(paths);
  });

  it('explains a police force missing from the directory', () => {
    expect(fieldsFor((p) => ({ ...p, policeForce: 'ATLANTIS' }))).toEqual([{ path: 'policeForce', message: 'Police force is not in the directory' }]);
  });
});

describe('validateProposal: postcodes', () => {
  it.each([
    ['SN1 1AA', 'SN1 1AA'],
    ['sn1 1aa', 'SN1 1AA'],
    ['SN11AA', 'SN1 1AA'],
    [' SW1A  2AA ', 'SW1A 2AA'],
    ['M1 1AE', 'M1 1AE'],
    ['CF10 1EP', 'CF10 1EP'],
  ])('accepts %s as %s', (postcode, expected) => {
    const body = validProposal();
    body.curfew.address.postcode = postcode;
    const result = validateProposal(body, today);
    expect(result.success && result.data.curfew.address.postcode).toBe(expected);
  });

  it.each(['SN1', '12345', 'SN1 1A', 'SNN1 1AA', ''])('rejects %s', (postcode) => {
    expect(pathsFor((p) => ({ ...p, curfew: { ...p.curfew, address: { ...p.curfew.address, postcode } } }))).toEqual(['curfew.address.postcode']);
  });
});

describe('validateProposal: PNC and CRN', () => {
  it.each([
    ['2001/0012345X', []],
    ['1999/1234567A', []],
    ['01/12345X', ['defendant.pnc']],
    ['2001/0012345x', ['defendant.pnc']],
    ['2001/001234X', ['defendant.pnc']],
    ['20010012345X', ['defendant.pnc']],
  ])('PNC %s gives errors on %o', (pnc, paths) => {
    expect(pathsFor((p) => ({ ...p, defendant: { ...p.defendant, pnc } }))).toEqual(paths);
  });

  it.each([
    ['X123456', []],
    ['x123456', ['defendant.crn']],
    ['X12345', ['defendant.crn']],
  ])('CRN %s gives errors on %o', (crn, paths) => {
    expect(pathsFor((p) => ({ ...p, defendant: { ...p.defendant, crn } }))).toEqual(paths);
  });

  it('accepts a defendant with neither', () => {
    expect(pathsFor((p) => ({ ...p, defendant: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '1990-04-01' } }))).toEqual([]);
  });
});

describe('validateProposal: residents', () => {
  const resident = { fullName: 'Alex Resident', relationship: 'PARTNER' };

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an email only', { ...resident, email: 'alex@example.org' }, []],
    ['a mobile only', { ...resident, mobile: '07700 900123' }, []],
    ['an international mobile', { ...resident, mobile: '+44 7700 900123' }, []],
    ['both', { ...resident, email: 'alex@example.org', mobile: '07700900123' }, []],
    ['neither', resident, ['residents.0.email']],
    ['a landline', { ...resident, mobile: '01793 123456' }, ['residents.0.mobile']],
    ['a short mobile', { ...resident, mobile: '0770090012' }, ['residents.0.mobile']],
    ['a bad email', { ...resident, email: 'alex-at-example.org' }, ['residents.0.email']],
    ['an unknown relationship', { ...resident, relationship: 'LODGER', email: 'a@example.org' }, ['residents.0.relationship']],
    ['an unsupported language', { ...resident, email: 'a@example.org', language: 'fr' }, ['residents.0.language']],
    ['Welsh', { ...resident, email: 'a@example.org', language: 'cy' }, []],
  ])('a resident with %s gives errors on %o', (_label, entry, paths) => {
    expect(pathsFor((p) => ({ ...p, residents: [entry] }))).toEqual(paths);
  });

  it('stores a mobile number without spaces', () => {
    const body = validProposal();
    body.residents = [{ ...resident, mobile: '07700 900 123' }];
    const result = validateProposal(body, today);
    expect(result.success && result.data.residents[0]?.mobile).toBe('07700900123');
  });

  it('points at the second resident when that one is wrong', () => {
    expect(pathsFor((p) => ({ ...p, residents: [...p.residents, { ...resident, email: 'nope' }] }))).toEqual(['residents.1.email']);
  });

  it('rejects more than 10 residents', () => {
    expect(pathsFor((p) => ({ ...p, residents: Array.from({ length: 11 }, () => p.residents[0]) }))).toEqual(['residents']);
  });

  it.each<[string, boolean, number, string[]]>([
    ['residents listed, other adults not ruled out', false, 1, []],
    ['no residents and no other adults', true, 0, []],
    ['no residents but other adults not ruled out', false, 0, ['residents']],
    ['residents listed but no other adults declared', true, 1, ['noOtherAdults']],
  ])('%s', (_label, noOtherAdults, count, paths) => {
    expect(pathsFor((p) => ({ ...p, noOtherAdults, residents: p.residents.slice(0, count) }))).toEqual(paths);
  });
});

describe('validateProposal: children declared by the defendant', () => {
  it.each<[Record<string, unknown>, string[]]>([
    [{ any: true, count: 2 }, []],
    [{ any: false }, []],
    [{ any: true }, ['childrenDeclaredByDefendant.count']],
    [{ any: true, count: 21 }, ['childrenDeclaredByDefendant.count']],
    [{ any: true, count: 1.5 }, ['childrenDeclaredByDefendant.count']],
    [{ any: true, count: -1 }, ['childrenDeclaredByDefendant.count']],
    [{ count: 1 }, ['childrenDeclaredByDefendant.any']],
  ])('%o gives errors on %o', (declared, paths) => {
    expect(pathsFor((p) => ({ ...p, childrenDeclaredByDefendant: declared }))).toEqual(paths);
  });
});

describe('validateProposal: rules that depend on today', () => {
  it.each<[string, (p: Proposal) => unknown, FieldError[]]>([
    ['a date of birth today', (p) => ({ ...p, defendant: { ...p.defendant, dateOfBirth: today } }), [{ path: 'defendant.dateOfBirth', message: 'Date of birth must be in the past' }]],
    ['a conviction tomorrow', (p) => ({ ...p, convictionDate: '2026-12-02' }), [{ path: 'convictionDate', message: 'Conviction date cannot be in the future' }]],
    ['a conviction today', (p) => ({ ...p, convictionDate: today }), []],
    ['a hearing yesterday', (p) => ({ ...p, hearingDate: '2026-11-30' }), [{ path: 'hearingDate', message: 'Hearing date cannot be in the past' }]],
    ['a hearing today', (p) => ({ ...p, hearingDate: today }), []],
  ])('%s', (_label, change, expected) => {
    expect(fieldsFor(change)).toEqual(expected);
  });

  it('applies the statutory curfew limits', () => {
    const fields = fieldsFor((p) => ({ ...p, curfew: { ...p.curfew, periods: [{ days: ['MON'], from: '00:00', to: '20:01' }] } }));
    expect(fields).toEqual([{ path: 'curfew.periods', message: expect.stringContaining('Curfew periods must add up to no more than 20 hours on any day') }]);
  });

  it('applies the older limits to a conviction before 28 June 2022', () => {
    const fields = fieldsFor((p) => ({ ...p, convictionDate: '2022-06-27', curfew: { ...p.curfew, periods: [{ days: ['MON'], from: '00:00', to: '17:00' }] } }));
    expect(fields).toEqual([{ path: 'curfew.periods', message: expect.stringContaining('no more than 16 hours on any day') }]);
  });

  it('rejects a curfew starting before today', () => {
    expect(pathsFor((p) => ({ ...p, curfew: { ...p.curfew, startDate: '2026-11-30' } }))).toEqual(['curfew.startDate']);
  });
});
