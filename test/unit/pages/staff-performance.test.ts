import { describe, expect, it } from 'vitest';
import { figuresFrom } from '#domain/performance';
import { performanceCsv, performanceQuery, performanceView } from '#pages/staff/performance';

/** The P&Q page's query and view model: what a viewer may ask for, and every cell as it is shown. */
describe('performanceQuery', () => {
  const courts = ['B01LY00', 'B01CN00'];

  it("shows this quarter of all the viewer's courts when nothing is asked for", () => {
    const query = performanceQuery({}, courts, '2026-12-03');
    expect(query).toMatchObject({ period: { kind: 'quarter', value: '2026-Q4' }, court: 'all', courts, errors: { summary: [] } });
    expect(query.courtOptions.map((option) => option.text)).toEqual(['All your courts (2)', "Swindon Magistrates' Court (B01LY00)", "Chippenham Magistrates' Court (B01CN00)"]);
    expect(query.periodOptions.filter((option) => option.selected).map((option) => option.text)).toEqual(['Quarter: October to December 2026']);
  });

  it('takes a week, a month, a quarter or a year, and one of the viewer’s courts', () => {
    expect(performanceQuery({ period: '2026-W49', court: 'B01CN00' }, courts, '2026-12-03')).toMatchObject({ period: { kind: 'week', value: '2026-W49' }, courts: ['B01CN00'] });
    expect(performanceQuery({ period: '2026-11' }, courts, '2026-12-03').period).toEqual({ kind: 'month', value: '2026-11' });
    expect(performanceQuery({ period: '2025' }, courts, '2026-12-03').period).toEqual({ kind: 'year', value: '2025' });
  });

  it.each([
    [{ period: '2026-13' }, 'Choose a week, month, quarter or year from the list', '#period'],
    [{ period: '2026-W53x' }, 'Choose a week, month, quarter or year from the list', '#period'],
    [{ court: 'C01CF00' }, 'Choose one of your courts, or all of them', '#court'],
  ])('refuses %j with an error linked to its field', (asked, message, href) => {
    expect(performanceQuery(asked, courts, '2026-12-03').errors.summary).toEqual([{ text: message, href }]);
  });
});

describe('which agencies are getting slower', () => {
  it("compares each agency's median in the earlier half of the period with the later half", () => {
    const week = (name: string, counts: Record<string, number>) => ({ courtCode: 'B01LY00', week: name, counts });
    const figures = figuresFrom(
      [week('2026-W49', { 'tta.PF.WILTSHIRE.3': 6, 'tta.PF.DORSET.6': 5 }), week('2026-W50', { 'tta.PF.WILTSHIRE.6': 6, 'tta.PF.DORSET.6': 2 })],
      ['2026-W49', '2026-W50'],
    );
    const view = performanceView(figures, { period: { kind: 'month', value: '2026-12' }, court: 'B01LY00', courts: ['B01LY00'] });
    const table = view.tables.find((candidate) => candidate.key === 'police-forces');
    expect(table?.columns.at(-1)).toBe('Median, earlier half of the period then later half');
    expect(table?.rows.map((row) => [row[0], row.at(-1)])).toEqual([
      ['Dorset Police', 'not shown: fewer than 5 answers in a half'],
      ['Wiltshire Police', expect.stringMatching(/^slower: .+ then .+$/)],
    ]);
  });
});

describe('performanceView and its CSV', () => {
  const figures = figuresFrom(
    [
      { courtCode: 'B01LY00', week: '2026-W49', counts: { started: 7, 'outcome.SUITABLE': 3, 'outcome.WITHDRAWN': 0, hearings: 6, 'hearings.answeredBefore': 5, 'tta.PF.WILTSHIRE.5': 2 } },
    ],
    ['2026-W49'],
  );
  const view = performanceView(figures, { period: { kind: 'week', value: '2026-W49' }, court: 'B01LY00', courts: ['B01LY00'] });

  it('shows a count from 1 to 4 as "fewer than 5", 0 and 5 or more as they are, and a small group\'s times not at all', () => {
    const proposals = view.tables.find((table) => table.key === 'proposals')?.rows;
    expect(proposals).toEqual([
      ['Started', '7'],
      ['Suitable', 'fewer than 5'],
      ['Unsuitable', '0'],
      ['Withdrawn', '0'],
      ['Still open', 'fewer than 5'],
    ]);
    expect(view.tables.find((table) => table.key === 'police-forces')?.rows).toEqual([['Wiltshire Police', 'fewer than 5', 'not shown: fewer than 5 answers', 'not shown: fewer than 5 answers', 'not shown: fewer than 5 answers in a half']]);
    expect(view.headline.share).toBe('83%');
    // Two answers: too few for a bar of their own.
    expect(view.bars).toEqual([]);
  });

  it('writes the same cells as CSV, every cell quoted, a leading formula character made text', () => {
    const csv = performanceCsv({ ...view, courtsLabel: '=HYPERLINK("x")' });
    expect(csv.split('\r\n')[0]).toBe('"Courts","Period","Table","Column 1","Column 2","Column 3","Column 4","Column 5","Column 6"');
    expect(csv).toContain('"\'=HYPERLINK(""x"")","Week beginning 30 November 2026 (2026-W49)","Proposals started and their outcome","Suitable","fewer than 5"');
  });
});
