import {
  agencyTrend,
  answeredBeforeHearingShare,
  describeHours,
  histogramBucketHours,
  histogramTotal,
  inspectorateFigures,
  isPeriod,
  mondayOf,
  percentileHours,
  periodContaining,
  periodKinds,
  previousPeriod,
  shown,
  shownShare,
  shownText,
  smallestShownCount,
  type AgencyHalves,
  type Histogram,
  type PerformanceFigures,
  type Period,
  type PeriodKind,
} from '#domain/performance';
import { conditionIds, type ConditionId } from '#domain/countersigning-policy';
import { checkTypes, type CheckType } from '#domain/statuses';
import { findLocalAuthority, findPoliceForce } from '#schemas/directory';
import { courtDisplayName } from '#pages/filters';
import { formErrors, noErrors, type FormErrors } from './form-errors.ts';

/**
 * The performance and quality page (GET /performance) and its CSV (GET /performance.csv): the
 * query (period and court), and every figure as a row of a table, each small cell suppressed
 * ("fewer than 5"), and the charts' geometry, drawn by the template as SVG with the same figures
 * in a table after each. No person is named anywhere: only courts, agencies and counts.
 */

const checkTypeNames: Record<CheckType, string> = {
  DOMESTIC_ABUSE: 'Domestic abuse (police)',
  CHILD_SAFEGUARDING: "Child safeguarding (children's services)",
  RESIDENT_CONSENT: 'Resident consent',
};

const conditionNames: Record<ConditionId, string> = {
  AGENCY_CONCERN: 'The police or children’s services raised a concern',
  CONSENT_MAY_NOT_BE_FREE: 'Consent recorded not alone, or after asking to speak to someone',
  SENT_BACK_BEFORE: 'A decision was sent back before',
  HIGH_RISK_OF_SERIOUS_HARM: 'Risk of serious harm high or very high',
  AUTHOR_PSO_OR_TRAINEE: 'Decided by a probation services officer or trainee',
};

const periodKindNames: Record<PeriodKind, string> = { week: 'Week', month: 'Month', quarter: 'Quarter', year: 'Year' };

// ------------------------------------------------------------------------------------ query

export interface PerformanceQuery {
  period: Period;
  /** The courts the figures add up: one, or all the viewer's. */
  courts: string[];
  court: string;
  periodOptions: { text: string; value: string; selected: boolean }[];
  courtOptions: { text: string; value: string; selected: boolean }[];
  errors: FormErrors;
}

function kindOf(value: string): PeriodKind | undefined {
  return periodKinds.find((kind) => isPeriod(kind, value));
}

/** How a period reads: "Week of 30 November 2026 (2026-W49)", "December 2026", "October to December 2026". */
export function periodLabel(period: Period): string {
  if (period.kind === 'week') {
    const monday = mondayOf(period.value);
    return `Week beginning ${longDate(monday)} (${period.value})`;
  }
  const year = period.value.slice(0, 4);
  if (period.kind === 'year') return year;
  if (period.kind === 'month') return `${monthNames[Number(period.value.slice(5, 7)) - 1] ?? ''} ${year}`;
  const quarter = Number(period.value.slice(6));
  return `${monthNames[quarter * 3 - 3] ?? ''} to ${monthNames[quarter * 3 - 1] ?? ''} ${year}`;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function longDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${monthNames[Number(date.slice(5, 7)) - 1] ?? ''} ${date.slice(0, 4)}`;
}

/** The periods offered: this and the 11 weeks before, 12 months, 8 quarters, 3 years; and the one asked for. */
function periodChoices(today: string, chosen: Period): Period[] {
  const choices: Period[] = [];
  const counts: Record<PeriodKind, number> = { week: 12, month: 12, quarter: 8, year: 3 };
  for (const kind of periodKinds) {
    let period = periodContaining(kind, today);
    for (let index = 0; index < counts[kind]; index += 1) {
      choices.push(period);
      period = previousPeriod(period);
    }
  }
  return choices.some((period) => period.value === chosen.value) ? choices : [chosen, ...choices];
}

/**
 * The page's choices from the query: `period` (a week `2026-W49`, a month `2026-12`, a quarter
 * `2026-Q4` or a year `2026`; this quarter when not given) and `court` (`all`, or one of the viewer's courts). A
 * period that is not one, or a court that is not the viewer's, is an error shown on the page (400).
 */
export function performanceQuery(query: Record<string, string | undefined>, viewerCourts: readonly string[], today: string): PerformanceQuery {
  const fallback = periodContaining('quarter', today);
  const askedPeriod = (query.period ?? '').trim();
  const askedCourt = (query.court ?? '').trim() || 'all';
  const kind = askedPeriod === '' ? 'quarter' : kindOf(askedPeriod);
  const period: Period = kind === undefined ? fallback : { kind, value: askedPeriod === '' ? fallback.value : askedPeriod };
  const courtKnown = askedCourt === 'all' || viewerCourts.includes(askedCourt);
  const court = courtKnown ? askedCourt : 'all';
  const problems = [
    ...(kind === undefined ? [{ path: 'period', message: 'Choose a week, month, quarter or year from the list' }] : []),
    ...(courtKnown ? [] : [{ path: 'court', message: 'Choose one of your courts, or all of them' }]),
  ];
  return {
    period,
    court,
    courts: court === 'all' ? [...viewerCourts] : [court],
    periodOptions: periodChoices(today, period).map((choice) => ({ text: `${periodKindNames[choice.kind]}: ${periodLabel(choice)}`, value: choice.value, selected: choice.value === period.value })),
    courtOptions: [
      { text: viewerCourts.length === 1 ? 'Your court' : `All your courts (${viewerCourts.length})`, value: 'all', selected: court === 'all' },
      ...viewerCourts.map((code) => ({ text: courtDisplayName(code), value: code, selected: code === court })),
    ],
    errors: problems.length === 0 ? noErrors : formErrors(problems, (path) => ({ slot: path, anchor: path })),
  };
}

// ------------------------------------------------------------------------------------ figures

/** One row of a table (and of the CSV): what is counted, for which breakdown, and its value as shown. */
export interface FigureRow {
  measure: string;
  breakdown: string;
  value: string;
}

export interface FigureTable {
  key: string;
  heading: string;
  columns: string[];
  rows: string[][];
}

const count = (value: number) => shownText(shown(value));

function shareText(share: ReturnType<typeof shownShare>): string {
  if ('percent' in share) return `${share.percent}%`;
  if ('suppressed' in share) return `not shown: fewer than ${smallestShownCount} proposals`;
  return 'none heard';
}

function timeText(histogram: Histogram, p: number): string {
  const total = histogramTotal(histogram);
  if (total === 0) return 'no answers';
  if (total < smallestShownCount) return `not shown: fewer than ${smallestShownCount} answers`;
  const hours = percentileHours(histogram, p);
  return hours === undefined ? 'no answers' : Number.isFinite(hours) ? `within ${describeHours(hours)}` : describeHours(hours);
}

const agencyTrendColumn = 'Median, earlier half of the period then later half';

/** Whether an agency is getting slower: its median in the period's earlier half, then its later half. */
function trendText(halves: AgencyHalves | undefined): string {
  const trend = halves === undefined ? ({ change: 'TOO_FEW' } as const) : agencyTrend(halves);
  if (trend.change === 'TOO_FEW') return `not shown: fewer than ${smallestShownCount} answers in a half`;
  const both = `${describeHours(trend.earlierHours)} then ${describeHours(trend.laterHours)}`;
  return trend.change === 'SLOWER' ? `slower: ${both}` : trend.change === 'FASTER' ? `faster: ${both}` : `about the same: ${both}`;
}

function agencyName(kind: 'PF' | 'LA', code: string): string {
  return (kind === 'PF' ? findPoliceForce(code) : findLocalAuthority(code))?.name ?? code;
}

// ------------------------------------------------------------------------------------ charts

export interface TrendChart {
  width: number;
  height: number;
  title: string;
  description: string;
  plot: { left: number; right: number; top: number; bottom: number };
  yTicks: { y: number; label: string }[];
  references: { y: number; labelY: number; label: string }[];
  xLabels: { x: number; label: string }[];
  /** The line's segments: a week with too few proposals to show breaks it. */
  segments: string[];
  points: { x: number; y: number; label: string }[];
}

export interface BarChart {
  key: string;
  width: number;
  height: number;
  title: string;
  description: string;
  labelWidth: number;
  bars: { y: number; label: string; median: { width: number; text: string }; ninetieth: { width: number; text: string } }[];
  axis: { x: number; label: string }[];
}

function trendChart(figures: PerformanceFigures): TrendChart {
  const plot = { left: 56, right: 620, top: 16, bottom: 216 };
  const weeks = figures.byWeek;
  const xOf = (index: number) => (weeks.length <= 1 ? (plot.left + plot.right) / 2 : plot.left + ((plot.right - plot.left) * index) / (weeks.length - 1));
  const yOf = (percent: number) => plot.bottom - ((plot.bottom - plot.top) * percent) / 100;
  const points: TrendChart['points'] = [];
  const segments: string[] = [];
  let current: string[] = [];
  weeks.forEach((week, index) => {
    const share = answeredBeforeHearingShare(week);
    if ('percent' in share) {
      const point = { x: Math.round(xOf(index)), y: Math.round(yOf(share.percent)), label: `${share.percent}%` };
      points.push(point);
      current.push(`${point.x},${point.y}`);
    } else {
      if (current.length > 1) segments.push(current.join(' '));
      current = [];
    }
  });
  if (current.length > 1) segments.push(current.join(' '));
  // Every point labelled would crowd a quarter's line: label the first, the last, the lowest and the highest.
  const notable = new Set([points[0], points.at(-1), ...[...points].sort((a, b) => b.y - a.y).slice(0, 1), ...[...points].sort((a, b) => a.y - b.y).slice(0, 1)]);
  for (const point of points) if (!notable.has(point)) point.label = '';
  const every = Math.max(1, Math.ceil(weeks.length / 7));
  const shownWeeks = weeks.filter((week) => 'percent' in answeredBeforeHearingShare(week)).length;
  return {
    width: 640,
    height: 260,
    title: 'Share of proposals with every check answered before the hearing, week by week',
    description:
      `${shownWeeks} of ${weeks.length} weeks had enough hearings to show a share; ` +
      `the inspectorate found ${inspectorateFigures.map((figure) => `${figure.percent}%`).join(', ')}. The table after the chart has every week's figures.`,
    plot,
    yTicks: [0, 25, 50, 75, 100].map((percent) => ({ y: Math.round(yOf(percent)), label: `${percent}%` })),
    // Each dashed line labelled at the left: the highest above its line, the others below theirs,
    // so two close lines (51% and 48%) never have their labels on top of each other.
    references: [...new Set(inspectorateFigures.map((figure) => figure.percent))]
      .sort((a, b) => b - a)
      .map((percent, index) => {
        const y = Math.round(yOf(percent));
        return { y, labelY: index === 0 ? y - 4 : y + 13, label: `Inspectorate ${percent}%` };
      }),
    xLabels: weeks.flatMap((week, index) => (index % every === 0 ? [{ x: Math.round(xOf(index)), label: week.week.slice(5) }] : [])),
    segments,
    points,
  };
}

function barChart(key: string, title: string, kind: 'PF' | 'LA', histograms: Record<string, Histogram>): BarChart | undefined {
  const shownAgencies = Object.entries(histograms)
    .filter(([, histogram]) => histogramTotal(histogram) >= smallestShownCount)
    .sort(([a], [b]) => agencyName(kind, a).localeCompare(agencyName(kind, b)));
  if (shownAgencies.length === 0) return undefined;
  // The scale: up to the longest finite bound shown, the open bucket drawn just past it.
  const bounds = shownAgencies.flatMap(([, histogram]) => [percentileHours(histogram, 0.5), percentileHours(histogram, 0.9)]).filter((hours): hours is number => hours !== undefined);
  const finite = bounds.filter((hours) => Number.isFinite(hours));
  const top = Math.max(24, ...finite, bounds.some((hours) => !Number.isFinite(hours)) ? (histogramBucketHours.at(-1) ?? 504) : 0);
  const labelWidth = 200;
  const plotWidth = 380;
  const widthOf = (hours: number | undefined) => (hours === undefined ? 0 : Math.max(2, Math.round((plotWidth * Math.min(hours, top)) / top)));
  const rowHeight = 44;
  return {
    key,
    width: labelWidth + plotWidth + 120,
    height: shownAgencies.length * rowHeight + 40,
    title,
    description: `Median and 90th percentile time to answer for ${shownAgencies.length} ${shownAgencies.length === 1 ? 'agency' : 'agencies'} with ${smallestShownCount} or more answers; the table after the chart has the same figures.`,
    labelWidth,
    bars: shownAgencies.map(([code, histogram], index) => {
      const median = percentileHours(histogram, 0.5);
      const ninetieth = percentileHours(histogram, 0.9);
      return {
        y: index * rowHeight + 8,
        label: agencyName(kind, code),
        median: { width: widthOf(median), text: `median ${timeText(histogram, 0.5)}` },
        ninetieth: { width: widthOf(ninetieth), text: `90% ${timeText(histogram, 0.9)}` },
      };
    }),
    axis: [0, 0.25, 0.5, 0.75, 1].map((fraction) => ({ x: labelWidth + Math.round(plotWidth * fraction), label: describeHours(Math.round(top * fraction)).replace(/^0 hours$/, '0') })),
  };
}

// ------------------------------------------------------------------------------------ the view

export interface PerformanceView {
  courtsLabel: string;
  periodLabel: string;
  headline: { share: string; heard: string; inspectorate: { label: string; percent: number }[] };
  trend: TrendChart;
  bars: BarChart[];
  tables: FigureTable[];
  csvHref: string;
}

export function performanceView(figures: PerformanceFigures, query: Pick<PerformanceQuery, 'period' | 'court' | 'courts'>): PerformanceView {
  const heard = figures.hearings - figures.withdrawnBeforeHearing;
  const agencyRows = (kind: 'PF' | 'LA', histograms: Record<string, Histogram>, halves: Record<string, AgencyHalves>) =>
    Object.entries(histograms)
      .sort(([a], [b]) => agencyName(kind, a).localeCompare(agencyName(kind, b)))
      .map(([code, histogram]) => [agencyName(kind, code), count(histogramTotal(histogram)), timeText(histogram, 0.5), timeText(histogram, 0.9), trendText(halves[code])]);
  const tables: FigureTable[] = [
    {
      key: 'proposals',
      heading: 'Proposals started and their outcome',
      columns: ['Measure', 'Proposals'],
      rows: [
        ['Started', count(figures.started)],
        ['Suitable', count(figures.outcomes.SUITABLE)],
        ['Unsuitable', count(figures.outcomes.UNSUITABLE)],
        ['Withdrawn', count(figures.outcomes.WITHDRAWN)],
        ['Still open', count(figures.outcomes.OPEN)],
      ],
    },
    {
      key: 'weeks',
      heading: 'Before the hearing, overdue checks and adjournments likely, by week',
      columns: ['Week beginning', 'Hearings', 'Every check answered before the hearing', 'Share', 'Overdue checks', 'Adjournments likely'],
      rows: figures.byWeek.map((week) => [
        longDate(mondayOf(week.week)),
        count(week.hearings - week.withdrawnBeforeHearing),
        count(week.answeredBeforeHearing),
        shareText(answeredBeforeHearingShare(week)),
        count(week.overdue),
        count(week.adjournmentsLikely),
      ]),
    },
    {
      key: 'hearings',
      heading: "Adjournments and what the court decided",
      columns: ['Measure', 'Hearings'],
      rows: [
        ['Hearings adjourned', count(figures.adjournments.total)],
        ['Adjourned because checks were outstanding', count(figures.adjournments.causedByChecks)],
        ['Curfews imposed', count(figures.sentences.curfewsImposed)],
        // A safety figure that must be zero: shown as it is, even below 5 (ADR 0024). Suppressing it
        // would hide the one failure this service exists to prevent; it names no one.
        ['Curfews imposed with a check unanswered (must be zero)', String(figures.sentences.curfewsImposedUnanswered)],
        ['Other sentences', count(figures.sentences.other)],
      ],
    },
    {
      key: 'check-types',
      heading: 'Time to answer, by check',
      columns: ['Check', 'Answers', 'Median', '90th percentile', 'Overdue'],
      rows: checkTypes.map((type) => {
        const histogram = figures.timeToAnswer.checkType[type];
        return [checkTypeNames[type], count(histogramTotal(histogram)), timeText(histogram, 0.5), timeText(histogram, 0.9), count(figures.overdue[type])];
      }),
    },
    { key: 'police-forces', heading: 'Time to answer, by police force (domestic abuse checks)', columns: ['Police force', 'Answers', 'Median', '90th percentile', agencyTrendColumn], rows: agencyRows('PF', figures.timeToAnswer.policeForce, figures.timeToAnswerByHalf.policeForce) },
    {
      key: 'local-authorities',
      heading: "Time to answer, by local authority (children's services checks)",
      columns: ['Local authority', 'Answers', 'Median', '90th percentile', agencyTrendColumn],
      rows: agencyRows('LA', figures.timeToAnswer.localAuthority, figures.timeToAnswerByHalf.localAuthority),
    },
    {
      key: 'residents',
      heading: 'Residents',
      columns: ['How residents answered', 'Residents'],
      rows: [
        ['Gave consent themselves, through their link', count(figures.residents.DIRECT)],
        ['Answer recorded by an officer', count(figures.residents.BY_OFFICER)],
        ['Recorded by an officer, resident not spoken to alone', count(figures.residents.NOT_ALONE)],
        ['Refused consent', count(figures.residents.REFUSED)],
        ['Asked to speak to someone first', count(figures.residents.ASKED_TO_SPEAK)],
      ],
    },
    {
      key: 'countersigning',
      heading: 'Countersigning',
      columns: ['Measure', 'Decisions'],
      rows: [
        ['Suitable decisions that needed a countersignature', count(figures.countersigning.needed)],
        ...conditionIds.map((condition) => [`Why: ${conditionNames[condition]}`, count(figures.countersigning.conditions[condition])]),
        ['Agreed by a senior probation officer', count(figures.countersigning.agreed)],
        ['Disagreed (sent back to the officer)', count(figures.countersigning.disagreed)],
        ['Wait for a senior probation officer: median', timeText(figures.countersigning.wait, 0.5)],
        ['Wait for a senior probation officer: 90th percentile', timeText(figures.countersigning.wait, 0.9)],
      ],
    },
  ];
  const share = answeredBeforeHearingShare(figures);
  const search = new URLSearchParams({ period: query.period.value, court: query.court });
  return {
    courtsLabel: query.court === 'all' ? `${query.courts.length === 1 ? courtDisplayName(query.courts[0]) : `All your courts (${query.courts.length})`}` : courtDisplayName(query.court),
    periodLabel: periodLabel(query.period),
    headline: { share: shareText(share), heard: count(heard), inspectorate: inspectorateFigures.map((figure) => ({ label: figure.label, percent: figure.percent })) },
    trend: trendChart(figures),
    bars: [
      barChart('police-forces-chart', 'Time to answer by police force', 'PF', figures.timeToAnswer.policeForce),
      barChart('local-authorities-chart', 'Time to answer by local authority', 'LA', figures.timeToAnswer.localAuthority),
    ].filter((chart): chart is BarChart => chart !== undefined),
    tables,
    csvHref: `/performance.csv?${search.toString()}`,
  };
}

// ------------------------------------------------------------------------------------ CSV

function csvCell(value: string): string {
  // Quote every cell; a leading =, +, - or @ would be a formula to a spreadsheet, so it gets a quote mark first.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Every table of the page as CSV rows: table, then its columns, each small cell "fewer than 5" as on the page. */
export function performanceCsv(view: PerformanceView): string {
  const lines = [['Courts', 'Period', 'Table', ...Array.from({ length: 6 }, (_, index) => `Column ${index + 1}`)]];
  lines.push([view.courtsLabel, view.periodLabel, 'Every check answered before the hearing', view.headline.share, `of ${view.headline.heard} heard`]);
  for (const table of view.tables) {
    lines.push([view.courtsLabel, view.periodLabel, table.heading, ...table.columns]);
    for (const row of table.rows) lines.push([view.courtsLabel, view.periodLabel, table.heading, ...row]);
  }
  return `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

