import { describe, expect, it } from 'vitest';
import { validateProposal } from '#schemas/proposal';
import { dateFromParts, normaliseTime, placeOfPath, proposalFromForm, startChecksErrors, startChecksView } from '#pages/staff/start-checks';

const filled = {
  _csrf: 'token',
  idempotencyKey: 'key',
  courtCode: 'B01LY00',
  'hearingDate-day': '16', 'hearingDate-month': '3', 'hearingDate-year': '2026',
  reportType: 'SHORT_FORMAT',
  'convictionDate-day': '1', 'convictionDate-month': '3', 'convictionDate-year': '2026',
  'defendant-givenName': 'Sam', 'defendant-familyName': 'Example',
  'defendant-dateOfBirth-day': '1', 'defendant-dateOfBirth-month': '4', 'defendant-dateOfBirth-year': '1990',
  'defendant-pnc': '', 'defendant-crn': 'x123456',
  'address-line1': '1 High Street', 'address-line2': '', 'address-town': 'Swindon', 'address-postcode': 'sn11aa',
  'curfewStart-day': '17', 'curfewStart-month': '3', 'curfewStart-year': '2026',
  'curfewEnd-day': '14', 'curfewEnd-month': '6', 'curfewEnd-year': '2026',
  'period-0-days': ['MON', 'TUE'], 'period-0-from': '19:00', 'period-0-to': '7:00',
  'period-1-from': '', 'period-1-to': '',
  'resident-0-fullName': '', 'resident-0-relationship': '', 'resident-0-email': '', 'resident-0-language': 'en',
  'resident-1-fullName': 'Alex Resident', 'resident-1-relationship': 'PARTNER', 'resident-1-email': 'alex@example.org', 'resident-1-language': 'cy',
  'children-any': 'yes', 'children-count': '2',
  policeForce: 'WILTSHIRE', localAuthority: 'SWINDON',
};

describe('the start-checks form', () => {
  it('maps to the body the API takes, leaving out blank rows, blank optional fields and the CSRF token', () => {
    const { input, residentRowOf, periodRowOf } = proposalFromForm(filled);
    expect(input).toEqual({
      courtCode: 'B01LY00', hearingDate: '2026-03-16', reportType: 'SHORT_FORMAT', convictionDate: '2026-03-01',
      defendant: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '1990-04-01', crn: 'X123456' },
      curfew: { address: { line1: '1 High Street', town: 'Swindon', postcode: 'sn11aa' }, startDate: '2026-03-17', endDate: '2026-06-14', periods: [{ days: ['MON', 'TUE'], from: '19:00', to: '07:00' }] },
      residents: [{ fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'cy' }],
      noOtherAdults: false,
      childrenDeclaredByDefendant: { any: true, count: 2 },
      policeForce: 'WILTSHIRE', localAuthority: 'SWINDON',
    });
    expect(residentRowOf).toEqual([1]);
    expect(periodRowOf).toEqual([0]);
    expect(validateProposal(input, '2026-03-02').success).toBe(true);
  });

  it('places the statutory limit and row errors on the fields the officer typed in', () => {
    const fields = { ...filled, 'period-0-from': '02:00', 'period-0-to': '23:00', 'resident-1-email': 'not an email' };
    const mapped = proposalFromForm(fields);
    const result = validateProposal(mapped.input, '2026-03-02');
    expect(result.success).toBe(false);
    const errors = startChecksErrors(result.success ? [] : result.fields, mapped);
    expect(errors.summary).toContainEqual({ text: 'Enter a real email address, like name@example.org', href: '#resident-1-email' });
    const hours = validateProposal(proposalFromForm({ ...filled, 'period-0-from': '02:00', 'period-0-to': '23:00' }).input, '2026-03-02');
    const hourErrors = startChecksErrors(hours.success ? [] : hours.fields, mapped);
    expect(hourErrors.summary[0]?.href).toBe('#period-0-days');
    expect(hourErrors.fields.periods?.text).toContain('Curfew periods must add up to no more than 20 hours on any day');
  });

  it('turns date boxes into dates, and anything unreadable into a date the schema calls not real', () => {
    expect(dateFromParts('', '', '')).toBeUndefined();
    expect(dateFromParts('5', '12', '2026')).toBe('2026-12-05');
    expect(dateFromParts('x', '12', '2026')).toBe('0000-00-00');
    expect(normaliseTime('7:30')).toBe('07:30');
    expect(normaliseTime('1930')).toBe('19:30');
    expect(normaliseTime('7pm')).toBe('7pm');
  });

  it('links dates to their day box and unknown paths to the first field', () => {
    const rows = { periodRowOf: [], residentRowOf: [] };
    expect(placeOfPath('hearingDate', rows)).toEqual({ slot: 'hearingDate', anchor: 'hearingDate-day' });
    expect(placeOfPath('curfew.address.postcode', rows)).toEqual({ slot: 'address-postcode', anchor: 'address-postcode' });
    expect(placeOfPath('childrenDeclaredByDefendant.count', rows)).toEqual({ slot: 'children-count', anchor: 'children-count' });
    expect(placeOfPath('noOtherAdults', rows)).toEqual({ slot: 'residents', anchor: 'noOtherAdults' });
    expect(placeOfPath('somethingElse', rows)).toEqual({ slot: 'form', anchor: 'courtCode' });
  });

  it('shows again what was typed', () => {
    const view = startChecksView(filled, { courts: ['B01LY00'], policeForces: [{ value: 'WILTSHIRE', text: 'Wiltshire Police' }], localAuthorities: [] });
    expect(view.values.givenName).toBe('Sam');
    expect(view.periods[0]?.days.filter((day) => day.checked).map((day) => day.value)).toEqual(['MON', 'TUE']);
    expect(view.residents[1]?.languages.find((language) => language.checked)?.value).toBe('cy');
    expect(view.policeForces.find((choice) => choice.selected)?.value).toBe('WILTSHIRE');
    expect(view.courts.find((choice) => choice.selected)?.value).toBe('B01LY00');
  });
});
