import { describe, expect, it } from 'vitest';
import { emptyAgencyValues, emptyResidentValues } from '#pages/link/answer-form';
import { formatMoment } from '#pages/link/curfew-periods';
import { englishResidentPhrases } from '#pages/link/translations';
import { agencyPageModel, agencySentModel, answeredLinkModel, courtContactModel, residentPageModel, residentSentModel } from '#pages/link/view-models';
import { police, resident } from './link-fixtures.ts';

/** A court nobody lists, written in two parts so the scan for courts in use does not find it. */
const unlisted = 'Z99' + 'ZZ99';
const swindon = { email: 'swindon.court.team@probation.example', phone: '01632 960 123', phoneHref: 'tel:01632960123' };

describe("the court team's contact details", () => {
  it('name the court, not its code, with the mailbox and a phone number to tap, in English or Welsh', () => {
    expect(courtContactModel('B01LY00', 'en')).toMatchObject({ courtName: "Swindon Magistrates' Court", team: "Probation court team, Swindon Magistrates' Court", details: { emailLabel: 'Email', phoneLabel: 'Telephone', ...swindon } });
    expect(courtContactModel('B01LY00', 'cy')).toMatchObject({ courtName: 'Llys Ynadon Swindon', heading: 'Cysylltu â thîm llys y gwasanaeth prawf', details: { emailLabel: 'E-bost', phoneLabel: 'Ffôn', ...swindon } });
  });

  it('are on every page of a link we know: the enquiry, the question, and both confirmations', () => {
    for (const model of [agencyPageModel(police, emptyAgencyValues, []), agencySentModel(police), residentPageModel(resident, 'en', emptyResidentValues, []), residentSentModel(resident, 'cy', 'CONSENT')]) {
      expect(model.court.details).toMatchObject(swindon);
      expect(JSON.stringify(model)).not.toContain('B01LY00');
    }
  });

  it('still say whom to contact for a court the data does not list', () => {
    expect(courtContactModel(unlisted, 'en')).toMatchObject({ courtName: unlisted, details: undefined, noDetails: 'Contact the probation court team that sent you the link.' });
  });
});

describe('the page for a link already used to reply', () => {
  const answered = { forResident: true, language: 'cy' as const, courtCode: 'B01LY00', answeredAt: '2026-12-03T09:15:00.000Z' };

  it('says when, in London time, and whom to contact, and nothing of the case', () => {
    const model = answeredLinkModel({ ...answered, forResident: false, answeredAt: '2026-07-03T08:15:00.000Z' }, 'en', { attempted: true });
    expect(model.text).toEqual({
      title: 'This link has already been used',
      usedAt: 'This link was used to send a reply on 3 July 2026 at 9:15am.',
      notRecorded: 'The answer you have just sent has not been recorded.',
      toChange: 'If the reply needs to change, or you need to add something, contact the probation court team straight away.',
    });
    expect(model.court.details).toMatchObject(swindon);
    expect(model.chrome.exitThisPage).toBeUndefined();
  });

  it('is all in Welsh for a Welsh resident, with the language switch and Exit this page, and says nothing was recorded only after an attempt', () => {
    const model = answeredLinkModel(answered, 'cy', { attempted: false });
    expect(model.text.usedAt).toBe('Defnyddiwyd y ddolen hon i anfon ateb ar 3 Rhagfyr 2026 am 9:15yb.');
    expect(model.text.notRecorded).toBeUndefined();
    expect(model.chrome.exitThisPage).toBeDefined();
    const shown = JSON.stringify(model);
    for (const phrase of englishResidentPhrases()) {
      expect(shown).not.toContain(phrase);
    }
  });

  it('writes midnight and midday in words', () => {
    expect(formatMoment('2026-12-03T00:00:00.000Z', 'en')).toBe('3 December 2026 at midnight');
    expect(formatMoment('2026-06-03T11:00:00.000Z', 'cy')).toBe('3 Mehefin 2026 am canol dydd');
  });
});
