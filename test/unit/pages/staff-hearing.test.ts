import { describe, expect, it } from 'vitest';
import { counterNames, figuresFrom } from '#domain/performance';
import { adjournmentFromForm, adjournmentLines, outcomeFromForm, outcomePageView, outcomeSummary } from '#pages/staff/hearing-views';
import { performanceCsv, performanceView } from '#pages/staff/performance';
import { addDays } from '#domain/calendar-date';
import { londonDate } from '#domain/london-time';
import { proposalPageView } from '#pages/staff/proposal-sections';
import type { ProposalItem } from '#store/items';
import { answeredChecks, now, stored } from './staff-fixtures.ts';

/** The adjournment and outcome pages' view models and forms, and the P&Q figures of them (ADR 0024). */
describe('what the pages say about the hearing', () => {
  const adjournments: NonNullable<ProposalItem['adjournments']> = [
    { previousHearingDate: '2026-12-10', hearingDate: '2026-12-17', cause: 'CHECKS_OUTSTANDING', by: 'court.officer', at: '2026-12-10T15:00:00.000Z', note: 'Police answer promised' },
    { previousHearingDate: '2026-12-17', hearingDate: '2027-01-07', cause: 'OTHER', by: 'court.officer', at: '2026-12-17T15:00:00.000Z' },
  ];

  it('lists each adjournment, oldest first, with its cause and never its note', () => {
    expect(adjournmentLines({ adjournments }).map((line) => line.text)).toEqual([
      'Adjourned from 10 December 2026 to 17 December 2026 (checks outstanding)',
      'Adjourned from 17 December 2026 to 7 January 2027 (another reason)',
    ]);
    expect(adjournmentLines({})).toEqual([]);
  });

  it('says when a curfew was imposed with checks unanswered, and not otherwise', () => {
    const at = { by: 'court.officer', at: '2027-01-07T15:00:00.000Z', hearingDate: '2027-01-07' };
    expect(outcomeSummary({ hearingOutcome: { ...at, outcome: 'CURFEW_IMPOSED', checksUnanswered: 2 } })).toEqual({
      text: 'Curfew imposed at this address, 7 January 2027',
      unansweredWarning: '2 checks were not answered when the curfew was imposed.',
    });
    expect(outcomeSummary({ hearingOutcome: { ...at, outcome: 'CURFEW_IMPOSED', checksUnanswered: 1 } })?.unansweredWarning).toBe('One check was not answered when the curfew was imposed.');
    expect(outcomeSummary({ hearingOutcome: { ...at, outcome: 'OTHER_SENTENCE', checksUnanswered: 2 } })).toEqual({ text: 'Another sentence, 7 January 2027' });
    expect(outcomeSummary({})).toBeUndefined();
  });

  it('turns the forms into the bodies the API takes: three boxes into one date, blanks left out for the schema to name', () => {
    expect(adjournmentFromForm({ 'hearingDate-day': '7', 'hearingDate-month': '1', 'hearingDate-year': '2027', cause: 'OTHER', note: '  ' })).toEqual({ hearingDate: '2027-01-07', cause: 'OTHER' });
    expect(adjournmentFromForm({ 'hearingDate-day': 'x', 'hearingDate-month': '1', 'hearingDate-year': '2027', cause: '' })).toEqual({ hearingDate: '0000-00-00' });
    expect(adjournmentFromForm({})).toEqual({});
    // The adjournment's fields only with "Adjourned": hidden boxes of a reveal are not sent on.
    expect(outcomeFromForm({ outcome: 'CURFEW_IMPOSED', 'hearingDate-day': '7', cause: 'OTHER' })).toEqual({ outcome: 'CURFEW_IMPOSED' });
    expect(outcomeFromForm({ outcome: 'ADJOURNED', 'hearingDate-day': '7', 'hearingDate-month': '1', 'hearingDate-year': '2027', cause: 'OTHER' })).toEqual({ outcome: 'ADJOURNED', hearingDate: '2027-01-07', cause: 'OTHER' });
  });

  it('keeps what was typed after an error, and marks the date boxes', () => {
    const proposal = { proposalId: 'p-1', courtCode: 'B01LY00', hearingDate: '2026-12-10', defendant: { givenName: 'Sam', familyName: 'Example' } } as ProposalItem;
    const view = outcomePageView(proposal, { unanswered: 1, fields: { outcome: 'ADJOURNED', 'hearingDate-day': '31', cause: 'OTHER' }, errors: { summary: [{ text: 'x', href: '#hearingDate-day' }], fields: { hearingDate: { text: 'x' } } } });
    expect(view.outcomeValues.filter((item) => item.checked).map((item) => item.value)).toEqual(['ADJOURNED']);
    // With a check unanswered, each sentence says what happens to it.
    expect(view.outcomeValues.map((item) => [item.value, item.hint])).toEqual([
      ['CURFEW_IMPOSED', 'The checks not yet answered carry on. If an answer comes, this proposal will say it needs action.'],
      ['OTHER_SENTENCE', 'The checks not yet answered are stopped, and the people asked are told no answer is needed.'],
      ['ADJOURNED', undefined],
    ]);
    expect(outcomePageView(proposal, { unanswered: 0 }).outcomeValues.map((item) => item.hint)).toEqual([undefined, undefined, undefined]);
    expect(view.causeItems.filter((item) => item.checked).map((item) => item.value)).toEqual(['OTHER']);
    expect(view.dateItems.map((item) => [item.name, item.value, item.classes.includes('govuk-input--error')])).toEqual([
      ['day', '31', true],
      ['month', '', true],
      ['year', '', true],
    ]);
  });
});

describe('the P&Q table of adjournments and sentences', () => {
  const view = (counts: Record<string, number>) =>
    performanceView(figuresFrom([{ courtCode: 'B01LY00', week: '2026-W50', counts }], ['2026-W50']), { period: { kind: 'month', value: '2026-12' }, court: 'B01LY00', courts: ['B01LY00'] });

  it('shows a curfew imposed with a check unanswered as it is, even one, while other small counts are suppressed', () => {
    const shown = view({ [counterNames.adjourned]: 3, [counterNames.adjournedForChecks]: 2, [counterNames.curfewsImposed]: 6, [counterNames.curfewsImposedUnanswered]: 1, [counterNames.otherSentences]: 7 });
    expect(shown.tables.find((table) => table.key === 'hearings')?.rows).toEqual([
      ['Hearings adjourned', 'fewer than 5'],
      ['Adjourned because checks were outstanding', 'fewer than 5'],
      ['Curfews imposed', '6'],
      ['Curfews imposed with a check unanswered (must be zero)', '1'],
      ['Other sentences', '7'],
    ]);
    expect(performanceCsv(shown)).toContain('"Adjournments and what the court decided","Curfews imposed with a check unanswered (must be zero)","1"');
  });

  it('shows the must-be-zero figure when it is zero', () => {
    expect(view({}).tables.find((table) => table.key === 'hearings')?.rows[3]).toEqual(['Curfews imposed with a check unanswered (must be zero)', '0']);
  });
});

describe("the proposal page's Hearing section", () => {
  const officer = { viewer: { id: 'court.officer', role: 'COURT_OFFICER' as const }, now, staffName: (id: string) => (id === 'court.officer' ? 'Casey Officer' : id) };
  const spo = { ...officer, viewer: { id: 'spo', role: 'SENIOR_PROBATION_OFFICER' as const } };
  const today = londonDate(now);

  it('offers the officer an adjournment before the hearing day, and the outcome from it', () => {
    expect(proposalPageView(stored({ hearingDate: addDays(today, 3) }), officer).actions).toMatchObject({ adjourn: true, recordOutcome: false });
    expect(proposalPageView(stored({ hearingDate: today }), officer).actions).toMatchObject({ adjourn: true, recordOutcome: true });
    expect(proposalPageView(stored({ hearingDate: today, status: 'SUITABLE' }), officer).actions).toMatchObject({ adjourn: true, recordOutcome: true });
  });

  it('offers neither on a withdrawn proposal, after a sentence, or to a senior probation officer', () => {
    expect(proposalPageView(stored({ hearingDate: today, status: 'WITHDRAWN' }), officer).actions).toMatchObject({ adjourn: false, recordOutcome: false });
    const sentenced = stored({ hearingDate: today, hearingOutcome: { outcome: 'OTHER_SENTENCE', hearingDate: today, checksUnanswered: 0, by: 'court.officer', at: now.toISOString() } });
    expect(proposalPageView(sentenced, officer).actions).toMatchObject({ adjourn: false, recordOutcome: false });
    expect(proposalPageView(sentenced, officer).hearing.outcome?.text).toContain('Another sentence');
    expect(proposalPageView(stored({ hearingDate: today }), spo).actions).toMatchObject({ adjourn: false, recordOutcome: false });
  });

  it('says which answers came after a curfew was imposed, and none after another sentence', () => {
    // The police and children's services answered at 12:00 and 13:00; the curfew was imposed in between.
    const sentence = (outcome: 'CURFEW_IMPOSED' | 'OTHER_SENTENCE') => ({ outcome, hearingDate: '2026-03-01', checksUnanswered: 2, by: 'court.officer', at: '2026-03-01T12:30:00Z' });
    const imposed = proposalPageView(stored({ hearingOutcome: sentence('CURFEW_IMPOSED') }, answeredChecks()), officer);
    expect(imposed.answeredAfterCurfew).toEqual([
      { checkId: 'CHILD_SAFEGUARDING-', title: "Children's services child safeguarding enquiry", respondedAt: '2026-03-01T13:00:00Z' },
      { checkId: 'RESIDENT_CONSENT-r1', title: expect.stringContaining('Consent from'), respondedAt: '2026-03-01T14:00:00Z' },
    ]);
    expect(proposalPageView(stored({ hearingOutcome: sentence('OTHER_SENTENCE') }, answeredChecks()), officer).answeredAfterCurfew).toEqual([]);
    expect(proposalPageView(stored({}, answeredChecks()), officer).answeredAfterCurfew).toEqual([]);
  });

  it('shows each note with who wrote it, to staff only', () => {
    const adjourned = stored({ adjournments: [{ previousHearingDate: addDays(today, -7), hearingDate: today, cause: 'OTHER', by: 'court.officer', at: now.toISOString(), note: 'Report not ready' }] });
    expect(proposalPageView(adjourned, officer).hearing.notes).toEqual([{ text: 'Report not ready', byName: 'Casey Officer', at: now.toISOString() }]);
  });
});
