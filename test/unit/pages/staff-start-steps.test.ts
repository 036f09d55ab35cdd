import { describe, expect, it } from 'vitest';
import { startDraftExpiresAt, startDraftIsLive } from '#domain/start-draft-lifetime';
import { validateProposal } from '#schemas/proposal';
import { checkAnswersView, daysText, discardView } from '#pages/staff/start-check-answers';
import { proposalFromForm } from '#pages/staff/start-checks';
import {
  dateInOneBoxMessage,
  discardHref,
  draftErrors,
  mergeStep,
  noOtherAdultsWithAdultsMessage,
  pageAfter,
  pageBefore,
  parseStartPage,
  removeRow,
  rowAction,
  stepErrors,
  wholeDraftErrors,
} from '#pages/staff/start-steps';

const today = '2026-03-02';
const courts = ['B01LY00'];

/** Each page's answers, as the officer would type them. */
const pages = {
  hearing: { courtCode: 'B01LY00', 'hearingDate-day': '16', 'hearingDate-month': '3', 'hearingDate-year': '2026', reportType: 'SHORT_FORMAT', 'convictionDate-day': '1', 'convictionDate-month': '3', 'convictionDate-year': '2026' },
  defendant: { 'defendant-givenName': 'Sam', 'defendant-familyName': 'Example', 'defendant-dateOfBirth-day': '1', 'defendant-dateOfBirth-month': '4', 'defendant-dateOfBirth-year': '1990', 'defendant-pnc': '', 'defendant-crn': 'x123456' },
  curfew: {
    'address-line1': '1 High Street', 'address-line2': '', 'address-town': 'Swindon', 'address-postcode': 'sn11aa',
    'curfewStart-day': '17', 'curfewStart-month': '3', 'curfewStart-year': '2026', 'curfewEnd-day': '14', 'curfewEnd-month': '6', 'curfewEnd-year': '2026',
    'period-0-days': ['MON', 'TUE', 'WED', 'THU', 'FRI'], 'period-0-from': '19:00', 'period-0-to': '7:00',
  },
  adults: { 'resident-0-fullName': 'Alex Resident', 'resident-0-relationship': 'PARTNER', 'resident-0-email': 'alex@example.org', 'resident-0-mobile': '', 'resident-0-language': 'cy' },
  children: { 'children-any': 'yes', 'children-count': '2' },
  agencies: { policeForce: 'WILTSHIRE', localAuthority: 'SWINDON' },
};
const everything = { ...pages.hearing, ...pages.defendant, ...pages.curfew, ...pages.adults, ...pages.children, ...pages.agencies };

describe('the start-checks pages', () => {
  it('go in order, with Back to the page before and Continue back to "Check your answers" after a Change link', () => {
    expect(parseStartPage(undefined)).toBe('hearing');
    expect(parseStartPage('adults')).toBe('adults');
    expect(parseStartPage('../admin')).toBeUndefined();
    expect(pageAfter('hearing', false)).toBe('/proposals/new?step=defendant');
    expect(pageAfter('agencies', false)).toBe('/proposals/new?step=check');
    expect(pageAfter('hearing', true)).toBe('/proposals/new?step=check');
    expect(pageBefore('hearing', false)).toBe('/proposals');
    expect(pageBefore('defendant', false)).toBe('/proposals/new');
    expect(pageBefore('check', false)).toBe('/proposals/new?step=agencies');
    expect(pageBefore('curfew', true)).toBe('/proposals/new?step=check');
  });

  it('save only the posted page\'s answers into the draft, and an unticked box clears what was ticked', () => {
    const draft = { ...everything, noOtherAdults: 'yes', 'resident-1-fullName': 'Old row' };
    const merged = mergeStep(draft, 'adults', { _csrf: 'token', action: '', ...pages.adults, courtCode: 'C01CF00' });
    expect(merged.noOtherAdults).toBeUndefined();
    expect(merged['resident-1-fullName']).toBeUndefined();
    expect(merged.courtCode).toBe('B01LY00');
    expect(merged._csrf).toBeUndefined();
    expect(merged['resident-0-fullName']).toBe('Alex Resident');
  });

  it('check one page by the API\'s own rules and show only that page\'s errors, before the later pages are answered', () => {
    expect(stepErrors('hearing', pages.hearing, today, courts).summary).toEqual([]);
    expect(stepErrors('hearing', { ...pages.hearing, courtCode: 'C01CF00' }, today, courts).summary).toEqual([{ text: 'Choose one of your own courts', href: '#courtCode' }]);
    const missingCourt = stepErrors('hearing', { ...pages.hearing, courtCode: '' }, today, courts);
    expect(missingCourt.summary).toEqual([{ text: 'Enter the court code', href: '#courtCode' }]);
    // A rule that needs the whole proposal (the statutory hours) is checked on the curfew page already.
    const tooLong = stepErrors('curfew', { ...pages.hearing, ...pages.defendant, ...pages.curfew, 'period-0-from': '02:00', 'period-0-to': '23:00' }, today, courts);
    expect(tooLong.fields.periods?.text).toContain('Curfew periods must add up to no more than 20 hours on any day');
    expect(stepErrors('defendant', { ...pages.hearing, ...pages.defendant, 'defendant-dateOfBirth-year': '2027' }, today, courts).summary.map((error) => error.text)).toEqual(['Date of birth must be in the past']);
  });

  it('tell an officer who typed a whole date into the day box exactly what to do, once, keeping what they typed', () => {
    const errors = stepErrors('hearing', { ...pages.hearing, 'hearingDate-day': '1/2/2027', 'hearingDate-month': '', 'hearingDate-year': '' }, today, courts);
    expect(errors.summary).toEqual([{ text: dateInOneBoxMessage, href: '#hearingDate-day' }]);
    expect(dateInOneBoxMessage).toBe('Enter the day as a number, for example 1; enter the month and year in their own boxes');
    expect(errors.fields.hearingDate?.text).toBe(dateInOneBoxMessage);
  });

  it('tell an officer who ticked "no other adults" while listing adults which to change', () => {
    const errors = stepErrors('adults', { ...pages.hearing, ...pages.adults, noOtherAdults: 'yes' }, today, courts);
    expect(errors.summary).toEqual([{ text: noOtherAdultsWithAdultsMessage, href: '#noOtherAdults' }]);
    expect(noOtherAdultsWithAdultsMessage).toMatch(/untick 'No other adults live at this address'/);
    expect(stepErrors('adults', { ...pages.hearing }, today, courts).summary[0]?.text).toBe('List every adult who lives at the address, or confirm that no other adults live there');
  });

  it('remove a row and move the later rows up, and read the row buttons', () => {
    const fields = { 'resident-0-fullName': 'A', 'resident-1-fullName': 'B', 'resident-2-fullName': 'C', noOtherAdults: [] };
    expect(removeRow(fields, 'resident', 1)).toEqual({ 'resident-0-fullName': 'A', 'resident-1-fullName': 'C', noOtherAdults: [] });
    expect(rowAction('add-resident')).toEqual({ kind: 'resident' });
    expect(rowAction('remove-period-2')).toEqual({ kind: 'period', remove: 2 });
    expect(rowAction('remove-period')).toBeUndefined();
    expect(rowAction('')).toBeUndefined();
  });

  it('map every row the officer added, beyond the old form\'s fixed slots', () => {
    const many = { ...everything, ...Object.fromEntries(Array.from({ length: 6 }, (_unused, row) => [[`resident-${row}-fullName`, `Adult ${row}`], [`resident-${row}-relationship`, 'FRIEND'], [`resident-${row}-email`, `a${row}@example.org`]]).flat()) };
    const input = proposalFromForm(many).input as { residents: unknown[] };
    expect(input.residents).toHaveLength(6);
    expect(validateProposal(input, today).success).toBe(true);
  });

  it('on "Check your answers", show every answer and link each error to the page and field that asks for it', () => {
    const sections = checkAnswersView(everything);
    expect(sections.map((section) => section.changeHref)).toEqual([
      '/proposals/new?step=hearing&return=check', '/proposals/new?step=defendant&return=check', '/proposals/new?step=curfew&return=check',
      '/proposals/new?step=adults&return=check', '/proposals/new?step=children&return=check', '/proposals/new?step=agencies&return=check',
    ]);
    const text = JSON.stringify(sections);
    for (const shown of ["Swindon Magistrates' Court (B01LY00)", '16 March 2026', 'Sam Example', 'X123456', 'SN11AA', 'Monday to Friday: 19:00 to 07:00', 'Alex Resident', 'alex@example.org', 'Messages in Welsh', 'Yes, 2', 'Wiltshire Police']) {
      expect(text).toContain(shown);
    }
    expect(wholeDraftErrors(everything, today)).toEqual({ summary: [], fields: {} });
    const errors = wholeDraftErrors({ ...everything, 'hearingDate-day': '1' }, today);
    expect(errors.summary).toEqual([{ text: 'Hearing date cannot be in the past', href: '/proposals/new?step=hearing&return=check#hearingDate-day' }]);
    expect(draftErrors([{ path: 'residents.0.email', message: 'Enter a real email address, like name@example.org' }], everything).summary[0]?.href).toBe('/proposals/new?step=adults&return=check#resident-0-email');
    expect(text).not.toContain('NOT GIVEN');
    expect(daysText(['SAT', 'MON'])).toBe('Monday, Saturday');
  });

  it('ask before deleting a draft, naming whose checks it is for (when given) and when it was last saved', () => {
    expect(discardHref('curfew')).toBe('/proposals/new?step=discard&from=curfew');
    expect(discardView(everything, '2026-03-02T09:05:00Z')).toEqual({ defendant: 'Sam Example', savedAt: '2 March 2026 at 9:05am' });
    expect(discardView(pages.hearing, '2026-07-02T09:05:00Z')).toEqual({ savedAt: '2 July 2026 at 10:05am' });
  });

  it('keep a draft for 3 days, then treat it as gone even before DynamoDB deletes it', () => {
    const saved = new Date('2026-03-02T09:00:00Z');
    const expiresAt = startDraftExpiresAt(saved);
    expect(startDraftIsLive(expiresAt, new Date('2026-03-05T08:59:59Z'))).toBe(true);
    expect(startDraftIsLive(expiresAt, new Date('2026-03-05T09:00:00Z'))).toBe(false);
  });
});
