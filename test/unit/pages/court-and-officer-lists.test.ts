import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '#domain/calendar-date';
import { dateExampleInDays } from '#pages/filters';
import { courtListQuery } from '#pages/staff/court-list-query';
import { completenessView } from '#pages/staff/court-views';
import { myProposalsQuery, myProposalsView } from '#pages/staff/proposal-lists';
import type { CheckItem } from '#store/items';
import { answeredChecks, check, now, proposal } from './staff-fixtures.ts';

const twoResidents = [
  { residentId: 'r1', fullName: 'Alex Resident', relationship: 'PARTNER' as const, email: 'alex@example.org', language: 'en' as const },
  { residentId: 'r2', fullName: 'Bo Parent', relationship: 'PARENT' as const, email: 'bo@example.org', language: 'en' as const },
];

/** The agencies answered; resident r1 and r2 answered as given (a refusal cancels the other's check). */
function residentsAnswering(r1: 'CONSENT' | 'REFUSE' | 'CANCELLED', r2: 'CONSENT' | 'REFUSE' | 'CANCELLED'): CheckItem[] {
  const resident = (residentId: string, answer: 'CONSENT' | 'REFUSE' | 'CANCELLED', at: string) =>
    answer === 'CANCELLED'
      ? check('RESIDENT_CONSENT', { residentId, status: 'CANCELLED' })
      : check('RESIDENT_CONSENT', { residentId, status: 'RESPONDED', respondedAt: at, source: residentId === 'r1' ? { via: 'LINK' } : { via: 'OFFICER', recordedBy: 'court.officer', method: 'PHONE', spokenToAlone: false }, answer: { decision: answer, understood: true } });
  return [...answeredChecks().filter((item) => item.type !== 'RESIDENT_CONSENT'), resident('r1', r1, '2026-03-01T14:00:00Z'), resident('r2', r2, '2026-03-01T15:00:00Z')];
}

describe("the court's view of the residents' consent", () => {
  it('says only that consent was not given for the address: the same page whichever resident refused, and whatever the others said', () => {
    const views = [
      completenessView(proposal({ status: 'UNSUITABLE', residents: twoResidents }), residentsAnswering('REFUSE', 'CANCELLED'), now),
      completenessView(proposal({ status: 'UNSUITABLE', residents: twoResidents }), residentsAnswering('CONSENT', 'REFUSE'), now),
      completenessView(proposal({ status: 'UNSUITABLE', residents: twoResidents }), residentsAnswering('CANCELLED', 'REFUSE'), now),
    ];
    const residentCards = views.map((view) => view.checks.filter((card) => card.type === 'RESIDENT_CONSENT'));
    expect(residentCards[0]).toEqual([
      { type: 'RESIDENT_CONSENT', title: 'Consent of the adult residents', askedWho: 'Each adult resident, in private', requestedAt: '2026-03-01T09:00:05Z', state: { text: 'Complete', classes: 'govuk-tag--green' }, answeredAt: undefined, outcome: 'Consent not given for this address', provenance: 'Not shown to the court' },
    ]);
    expect(residentCards[1]).toEqual(residentCards[0]);
    expect(residentCards[2]).toEqual(residentCards[0]);
    for (const view of views) {
      const text = JSON.stringify(view);
      for (const telltale of ['Alex', 'Bo Parent', 'partner', 'parent', 'Consent given', 'Cancelled', 'by phone', 'spoken to alone', 'own secure link']) {
        expect(text).not.toContain(telltale);
      }
    }
  });

  it('shows consent by every resident as one answer, with how each was given and no names', () => {
    const view = completenessView(proposal({ status: 'SUITABLE', residents: twoResidents }), residentsAnswering('CONSENT', 'CONSENT'), now);
    const cards = view.checks.filter((card) => card.type === 'RESIDENT_CONSENT');
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ outcome: 'Consent given by every adult resident', answeredAt: '2026-03-01T15:00:00Z' });
    expect(cards[0]?.provenance).toBe('Given by the resident through their own secure link. Taken by the probation officer by phone; the resident was not spoken to alone');
    expect(JSON.stringify(view)).not.toMatch(/Alex|Bo Parent|partner|parent/);
  });
});

describe('"My proposals"', () => {
  const listed = [
    { proposal: proposal({ proposalId: 'old-open', createdAt: '2026-02-01T09:00:00Z', status: 'AWAITING_DECISION', defendant: { givenName: 'Ann', familyName: "O'Brien", dateOfBirth: '1990-01-01', crn: 'X123456' } }), checks: answeredChecks() },
    { proposal: proposal({ proposalId: 'decided', createdAt: '2026-02-20T09:00:00Z', status: 'UNSUITABLE', updatedAt: '2026-02-25T09:00:00Z', decision: { by: 'court.officer', at: '2026-02-24T09:00:00Z', outcome: 'UNSUITABLE', rationale: 'Refused.' } }), checks: answeredChecks() },
    { proposal: proposal({ proposalId: 'new-open', createdAt: '2026-03-01T09:00:00Z' }), checks: [check('DOMESTIC_ABUSE'), check('CHILD_SAFEGUARDING'), check('RESIDENT_CONSENT')] },
    { proposal: proposal({ proposalId: 'withdrawn', createdAt: '2026-02-10T09:00:00Z', status: 'WITHDRAWN', withdrawal: { by: 'court.officer', at: '2026-02-11T09:00:00Z', reason: 'Moved' } }), checks: [] },
  ];
  const ids = (show: 'all' | 'open' | 'waiting' | 'decided', search = '') => myProposalsView(listed, now, { show, search }).map((row) => row.proposalId);

  it('lists open and decided proposals newest first, and filters them', () => {
    expect(ids('all')).toEqual(['new-open', 'decided', 'withdrawn', 'old-open']);
    expect(ids('open')).toEqual(['new-open', 'old-open']);
    expect(ids('waiting')).toEqual(['old-open']);
    expect(ids('decided')).toEqual(['decided', 'withdrawn']);
    expect(myProposalsView(listed, now).find((row) => row.proposalId === 'decided')).toMatchObject({ closedAt: '2026-02-24T09:00:00Z', waitingFor: '', statusTag: { text: 'Unsuitable' } });
  });

  it('searches by name, in any case and order, or by case reference', () => {
    expect(ids('all', "o'brien")).toEqual(['old-open']);
    expect(ids('all', 'obrien ann')).toEqual([]);
    expect(ids('all', "O'Brien Ann")).toEqual(['old-open']);
    expect(ids('all', 'x123456')).toEqual(['old-open']);
    expect(ids('decided', 'ann')).toEqual([]);
  });

  it('refuses filters it does not know and searches too long to be a name, with a message', () => {
    expect(myProposalsQuery({}).query).toEqual({ show: 'all', search: '' });
    expect(myProposalsQuery({ show: 'waiting', search: '  Sam ' }).query).toEqual({ show: 'waiting', search: 'Sam' });
    expect(myProposalsQuery({ show: 'everything' }).errors.summary).toEqual([{ text: 'Choose which proposals to show', href: '#show' }]);
    expect(myProposalsQuery({ search: 'x'.repeat(101) }).errors.summary).toEqual([{ text: 'Search must be 100 characters or fewer', href: '#search' }]);
  });
});

describe('the court list date', () => {
  const query = (parameters: Record<string, string>) => courtListQuery(parameters, ['B01LY00'], '2026-03-02', isCalendarDate);

  it('comes from the three boxes, or from a previous or next day link, today by default', () => {
    expect(query({})).toMatchObject({ date: '2026-03-02', previousDay: '2026-03-01', nextDay: '2026-03-03' });
    expect(query({ 'date-day': '9', 'date-month': '3', 'date-year': '2026' })).toMatchObject({ date: '2026-03-09', previousDay: '2026-03-08', nextDay: '2026-03-10' });
    expect(query({ date: '2026-03-01' })).toMatchObject({ date: '2026-03-01', previousDay: '2026-02-28' });
    expect(query({ date: '2026-03-01' }).dateItems.map((item) => item.value)).toEqual(['1', '3', '2026']);
  });

  it('says what is wrong with a date, in GOV.UK words, keeping what was typed', () => {
    const message = (parameters: Record<string, string>) => query(parameters).errors.summary.map((item) => item.text);
    expect(message({ 'date-day': '30', 'date-month': '2', 'date-year': '2026' })).toEqual(['Hearing date must be a real date']);
    expect(message({ 'date-day': '3', 'date-month': '', 'date-year': '2026' })).toEqual(['Hearing date must include a month']);
    expect(message({ 'date-day': '3', 'date-month': '12', 'date-year': '26' })).toEqual(['Hearing date must be a real date']);
    expect(message({ date: 'not-a-date' })).toEqual(['Hearing date must be a real date']);
    expect(query({ 'date-day': '31', 'date-month': '2', 'date-year': '2026' }).dateItems.map((item) => item.value)).toEqual(['31', '2', '2026']);
  });
});

describe('a date input hint', () => {
  it('gives an example date after today, never one already past', () => {
    expect(dateExampleInDays(14, '2026-12-03')).toBe('17 12 2026');
    expect(dateExampleInDays(7, '2026-12-28')).toBe('4 1 2027');
  });
});
