import { describe, expect, it } from 'vitest';
import { emptyAgencyValues, emptyResidentValues } from '#pages/link/answer-form';
import { chooseLanguage } from '#pages/link/language';
import { englishResidentPhrases, residentText } from '#pages/link/translations';
import { agencyPageModel, exitThisPageUrl, residentPageModel, residentSentModel, unusableLinkModel } from '#pages/link/view-models';
import { outboxRows } from '#pages/link/outbox-rows';
import { police, resident } from './link-fixtures.ts';

describe('choosing the language', () => {
  it('takes ?lang when it is English or Welsh, else the resident\'s language, else English', () => {
    expect(chooseLanguage('cy', 'en')).toBe('cy');
    expect(chooseLanguage('en', 'cy')).toBe('en');
    expect(chooseLanguage('fr', 'cy')).toBe('cy');
    expect(chooseLanguage(undefined, 'cy')).toBe('cy');
    expect(chooseLanguage(['cy', 'en'])).toBe('cy');
    expect(chooseLanguage(undefined)).toBe('en');
  });
});

describe('the resident page', () => {
  it('is all in Welsh when Welsh is chosen, with the language switch and Exit this page', () => {
    const model = residentPageModel(resident, 'cy', emptyResidentValues, []);
    expect(model.htmlLang).toBe('cy');
    expect(model.text.periods).toEqual(['Bob dydd, 7yh tan 7yb y diwrnod wedyn']);
    expect(model.text.dates).toContain('15 Rhagfyr 2026');
    expect(model.chrome.languages?.map((item) => [item.text, item.current])).toEqual([
      ['English', false],
      ['Cymraeg', true],
    ]);
    expect(model.chrome.exitThisPage?.redirectUrl).toBe(exitThisPageUrl);
    const shown = JSON.stringify(model);
    for (const phrase of englishResidentPhrases()) {
      expect(shown).not.toContain(phrase);
    }
  });

  it('keeps the choice made and shows the error beside the field', () => {
    const model = residentPageModel(resident, 'en', { decision: 'CONSENT', understood: false }, [{ field: 'understood', text: 'Confirm', href: '#understood' }]);
    expect(model.values.decision).toBe('CONSENT');
    expect(model.errorSummary).toEqual([{ text: 'Confirm', href: '#understood' }]);
    expect(model.fieldErrors).toEqual({ decision: false, understood: { text: 'Confirm' } });
  });

  it('confirms asking to speak to someone without any word of refusal', () => {
    for (const language of ['en', 'cy'] as const) {
      const model = residentSentModel(resident, language, 'SPEAK_TO_OFFICER');
      const shown = JSON.stringify(model.text);
      expect(shown).not.toMatch(/refus|do not agree|not given|gwrthod|nad ydych yn cytuno|na roddwyd/i);
      expect(model.text.panel).toBe(residentText[language].sent.someoneWillContact);
    }
  });

  it('confirms consent and refusal as answers sent', () => {
    expect(residentSentModel(resident, 'en', 'CONSENT').text).toMatchObject({ title: 'Answer sent', panel: 'You said you agree.' });
    expect(residentSentModel(resident, 'en', 'REFUSE').text).toMatchObject({ title: 'Answer sent', panel: 'You said you do not agree.' });
  });
});

describe('the agency page', () => {
  it('shows the person, the address and the adults there, and the police outcomes with the typed choice kept', () => {
    const model = agencyPageModel(police, { ...emptyAgencyValues, outcome: 'INFORMATION_HELD' }, []);
    expect(model).toMatchObject({ pageTitle: 'Domestic abuse enquiry', name: 'Sam Example', dateOfBirth: '1990-04-01', addressLines: ['1 High Street', 'Swindon', 'SN1 1AA'], adults: ['Alex Resident'] });
    expect(model.outcomes).toEqual([
      { value: 'NO_INFORMATION', text: 'No information held', checked: false },
      { value: 'INFORMATION_HELD', text: 'Information held', checked: true },
    ]);
    expect(model.chrome.languages).toBeUndefined();
    expect(model.chrome.exitThisPage).toBeUndefined();
  });

  it("offers children's services their three outcomes", () => {
    const model = agencyPageModel({ ...police, checkType: 'CHILD_SAFEGUARDING' }, emptyAgencyValues, []);
    expect(model.pageTitle).toBe('Child safeguarding enquiry');
    expect(model.outcomes.map((outcome) => outcome.text)).toEqual(["Not known to children's services", 'Known, no current involvement', 'Current involvement']);
  });
});

describe('the unusable link page', () => {
  it('says who to contact, in English or Welsh', () => {
    expect(unusableLinkModel('en').text.contact).toBe('If you still need to answer, contact the probation court team that sent you the link.');
    expect(unusableLinkModel('cy').pageTitle).toBe('Ni ellir defnyddio’r ddolen hon');
  });
});

describe('the outbox page', () => {
  it('lists messages newest first with readable kinds and check types', () => {
    const rows = outboxRows([
      { id: 'a', kind: 'REQUEST', to: 'police@example.org', proposalId: 'p1', checkType: 'DOMESTIC_ABUSE', url: 'http://x/r/a', sentAt: '2026-01-01T10:00:00.000Z' },
      { id: 'b', kind: 'NEEDS_CONTACT', to: 'officer@example.org', proposalId: 'p1', checkType: 'RESIDENT_CONSENT', sentAt: '2026-01-02T10:00:00.000Z' },
    ]);
    expect(rows.map((row) => [row.id, row.kind, row.checkType, row.url])).toEqual([
      ['b', 'Resident asked to speak to someone', 'Resident: consent', undefined],
      ['a', 'Request', 'Police: domestic abuse enquiry', 'http://x/r/a'],
    ]);
    expect(rows[1]?.sentAt).toBe('1 January 2026 at 10:00am');
  });
});
