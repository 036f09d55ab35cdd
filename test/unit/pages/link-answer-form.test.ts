import { describe, expect, it } from 'vitest';
import {
  agencyAnswerFrom,
  agencyFormValues,
  fieldIdForPath,
  residentAnswerFrom,
  residentFormValues,
  validateAgencyAnswer,
  validateResidentAnswer,
} from '#pages/link/answer-form';

const responder = { responderName: 'PC Jordan Lee', responderRole: 'Domestic abuse officer', responderOrganisation: 'Wiltshire Police' };

describe('the agency form', () => {
  it('maps form fields to the answer the API takes', () => {
    const values = agencyFormValues({ outcome: 'INFORMATION_HELD', summary: '  Two call-outs.  ', restricted: 'yes', ...responder });
    expect(agencyAnswerFrom(values)).toEqual({
      outcome: 'INFORMATION_HELD',
      summary: 'Two call-outs.',
      restricted: true,
      responder: { name: 'PC Jordan Lee', role: 'Domestic abuse officer', organisation: 'Wiltshire Police' },
    });
  });

  it('treats an unticked box as not restricted and leaves out what was not given', () => {
    expect(agencyAnswerFrom(agencyFormValues({ summary: '   ' }))).toEqual({ restricted: false, responder: { name: '', role: '', organisation: '' } });
  });

  it('accepts a valid police answer with the API schema', () => {
    const result = validateAgencyAnswer('DOMESTIC_ABUSE', agencyAnswerFrom(agencyFormValues({ outcome: 'NO_INFORMATION', ...responder })));
    expect(result).toEqual({ ok: true, answer: expect.objectContaining({ outcome: 'NO_INFORMATION', restricted: false }) });
  });

  it('requires a summary when the police hold information, with errors in page order linked to field ids', () => {
    const result = validateAgencyAnswer('DOMESTIC_ABUSE', agencyAnswerFrom(agencyFormValues({ outcome: 'INFORMATION_HELD', responderName: 'PC Lee' })));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: 'summary', text: 'Enter a summary of the information held', href: '#summary' },
      { field: 'responderRole', text: 'Enter your role', href: '#responderRole' },
      { field: 'responderOrganisation', text: 'Enter your organisation', href: '#responderOrganisation' },
    ]);
  });

  it("requires a summary when children's services know the family, and not when they do not", () => {
    const known = validateAgencyAnswer('CHILD_SAFEGUARDING', agencyAnswerFrom(agencyFormValues({ outcome: 'KNOWN_NO_CURRENT_INVOLVEMENT', ...responder })));
    expect(known.ok ? [] : known.errors.map((error) => error.field)).toEqual(['summary']);
    expect(validateAgencyAnswer('CHILD_SAFEGUARDING', agencyAnswerFrom(agencyFormValues({ outcome: 'NOT_KNOWN', ...responder }))).ok).toBe(true);
  });

  it('asks for an outcome first when none is chosen', () => {
    const result = validateAgencyAnswer('CHILD_SAFEGUARDING', agencyAnswerFrom(agencyFormValues(responder)));
    expect(result.ok ? undefined : result.errors[0]).toEqual({ field: 'outcome', text: "Say whether the family is known to children's services", href: '#outcome' });
  });

  it("refuses one agency's outcome on the other's enquiry", () => {
    expect(validateAgencyAnswer('DOMESTIC_ABUSE', agencyAnswerFrom(agencyFormValues({ outcome: 'NOT_KNOWN', ...responder }))).ok).toBe(false);
  });
});

describe('zod paths to field ids', () => {
  it.each([
    ['outcome', 'outcome'],
    ['summary', 'summary'],
    ['responder.name', 'responderName'],
    ['responder.organisation', 'responderOrganisation'],
    ['understood', 'understood'],
  ])('%s → %s', (path, id) => {
    expect(fieldIdForPath(path)).toBe(id);
  });
});

describe('the resident form', () => {
  it('sends "I understand" only with consent', () => {
    expect(residentAnswerFrom(residentFormValues({ decision: 'CONSENT', understood: 'yes' }))).toEqual({ decision: 'CONSENT', understood: true });
    expect(residentAnswerFrom(residentFormValues({ decision: 'SPEAK_TO_OFFICER', understood: 'yes' }))).toEqual({ decision: 'SPEAK_TO_OFFICER' });
    expect(residentAnswerFrom(residentFormValues({}))).toEqual({});
  });

  it('requires "I understand" for consent, in the resident\'s language', () => {
    const english = validateResidentAnswer(residentAnswerFrom(residentFormValues({ decision: 'CONSENT' })), 'en');
    const welsh = validateResidentAnswer(residentAnswerFrom(residentFormValues({ decision: 'CONSENT' })), 'cy');
    expect(english.ok ? undefined : english.errors).toEqual([{ field: 'understood', text: 'Confirm that you understand what you are agreeing to', href: '#understood' }]);
    expect(welsh.ok ? undefined : welsh.errors).toEqual([{ field: 'understood', text: 'Cadarnhewch eich bod yn deall beth rydych yn cytuno iddo', href: '#understood' }]);
  });

  it('asks for a choice when none is made', () => {
    const result = validateResidentAnswer({}, 'cy');
    expect(result.ok ? undefined : result.errors).toEqual([{ field: 'decision', text: 'Dewiswch ateb', href: '#decision' }]);
  });

  it('accepts asking to speak to someone without anything else', () => {
    expect(validateResidentAnswer({ decision: 'SPEAK_TO_OFFICER' }, 'en')).toEqual({ ok: true, answer: { decision: 'SPEAK_TO_OFFICER' } });
  });
});
