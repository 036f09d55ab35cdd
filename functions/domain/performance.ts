import { addDays, daysBetween, isCalendarDate } from './calendar-date.ts';
import { conditionIds, type ConditionId } from './countersigning-policy.ts';
import { londonDate } from './london-time.ts';
import { checkTypes, type CheckType } from './statuses.ts';

/**
 * The performance and quality (P&Q) view's pure rules (issue 16): ISO weeks and the periods made of
 * them, the fixed histogram buckets that times are counted in, percentiles read back from those
 * buckets, the suppression of small cells, and the report built from a court's weekly counters.
 * The counters themselves are kept as things happen (performance-events.ts says what each audit
 * event adds; ADR 0020), so the view never reads a proposal.
 */

// ------------------------------------------------------------------------------------ weeks

/** An ISO 8601 week, `2026-W49`: Monday to Sunday, numbered by the year its Thursday falls in. */
export type IsoWeek = string;

const isoWeekPattern = /^(\d{4})-W(\d{2})$/;

/** The ISO week a calendar date (YYYY-MM-DD) falls in. */
export function isoWeekOf(date: string): IsoWeek {
  const thursday = addDays(date, 3 - ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week an instant falls in, on London's calendar (courts sit on London time). */
export function isoWeekAt(instant: Date): IsoWeek {
  return isoWeekOf(londonDate(instant));
}

/** The Monday that starts an ISO week. */
export function mondayOf(week: IsoWeek): string {
  const match = isoWeekPattern.exec(week);
  if (match === null) throw new Error(`Not an ISO week: ${week}`);
  const jan4 = `${match[1]}-01-04`;
  const mondayOfWeek1 = addDays(jan4, -((new Date(`${jan4}T00:00:00Z`).getUTCDay() + 6) % 7));
  return addDays(mondayOfWeek1, (Number(match[2]) - 1) * 7);
}

/** Whether a string names a real ISO week (2026-W53 does not exist; 2026-W52 does). */
export function isIsoWeek(value: string): boolean {
  return isoWeekPattern.test(value) && Number(value.slice(6)) >= 1 && isoWeekOf(mondayOf(value)) === value;
}

// ------------------------------------------------------------------------------------ periods

export const periodKinds = ['week', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

/**
 * A period the view is asked for: an ISO week (`2026-W49`), a month (`2026-12`), a quarter
 * (`2026-Q4`) or a year (`2026`). A month, quarter or year is made of the ISO weeks whose Thursday
 * falls in it, so each week belongs to exactly one of each, and no week's counts are split or
 * counted twice.
 */
export interface Period {
  kind: PeriodKind;
  value: string;
}

const periodPatterns: Record<PeriodKind, RegExp> = { week: isoWeekPattern, month: /^(\d{4})-(\d{2})$/, quarter: /^(\d{4})-Q([1-4])$/, year: /^(\d{4})$/ };

/** Whether `value` names a period of that kind that exists. */
export function isPeriod(kind: PeriodKind, value: string): boolean {
  const match = periodPatterns[kind].exec(value);
  if (match === null || Number(match[1]) < 2000) return false;
  if (kind === 'week') return isIsoWeek(value);
  if (kind === 'month') return Number(match[2]) >= 1 && Number(match[2]) <= 12;
  return true;
}

/** The first and last month (1–12) of a month or quarter. */
function monthsOf(period: Period): { year: number; from: number; to: number } {
  const match = periodPatterns[period.kind].exec(period.value);
  if (match === null) throw new Error(`Not a ${period.kind}: ${period.value}`);
  const year = Number(match[1]);
  if (period.kind === 'month') return { year, from: Number(match[2]), to: Number(match[2]) };
  if (period.kind === 'year') return { year, from: 1, to: 12 };
  const quarter = Number(match[2]);
  return { year, from: quarter * 3 - 2, to: quarter * 3 };
}

/** The ISO weeks of a period, oldest first. */
export function weeksOfPeriod(period: Period): IsoWeek[] {
  if (period.kind === 'week') return [period.value];
  const { year, from, to } = monthsOf(period);
  const first = `${year}-${String(from).padStart(2, '0')}-01`;
  const last = addDays(to === 12 ? `${year + 1}-01-01` : `${year}-${String(to + 1).padStart(2, '0')}-01`, -1);
  const weeks: IsoWeek[] = [];
  // Each week is named by its Thursday: walk the Thursdays that fall inside the period.
  for (let thursday = addDays(first, (3 - ((new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7) + 7) % 7); thursday <= last; thursday = addDays(thursday, 7)) {
    weeks.push(isoWeekOf(thursday));
  }
  return weeks;
}

/** The period of each kind that contains a date: what the view shows when not asked for one. */
export function periodContaining(kind: PeriodKind, date: string): Period {
  const week = isoWeekOf(date);
  const thursday = addDays(mondayOf(week), 3);
  const month = Number(thursday.slice(5, 7));
  if (kind === 'week') return { kind, value: week };
  if (kind === 'month') return { kind, value: thursday.slice(0, 7) };
  if (kind === 'year') return { kind, value: thursday.slice(0, 4) };
  return { kind, value: `${thursday.slice(0, 4)}-Q${Math.ceil(month / 3)}` };
}

/** The period before, to step back through them. */
export function previousPeriod(period: Period): Period {
  const firstWeek = weeksOfPeriod(period)[0];
  if (firstWeek === undefined) throw new Error(`A period with no week: ${period.value}`);
  return periodContaining(period.kind, addDays(mondayOf(firstWeek), -4));
}

/** Whether a date is a calendar date at all (re-exported for the query's parser). */
export { isCalendarDate };

// ------------------------------------------------------------------------------------ histograms

/**
 * Upper bounds (hours, inclusive) of the buckets that times are counted in: hours first, where a
 * quick answer's detail matters, then whole days up to three weeks; the last bucket is open
 * ("more than 21 days"). Fixed, so counts kept for years stay comparable and add up across
 * courts and weeks.
 */
export const histogramBucketHours = [1, 2, 4, 8, 12, 24, 48, 72, 96, 120, 168, 240, 336, 504] as const;
/** Bucket `histogramBucketHours.length` is the open one, for anything longer. */
export const openBucket = histogramBucketHours.length;

/** The bucket an elapsed time falls in. */
export function bucketOf(elapsedMs: number): number {
  const hours = Math.max(0, elapsedMs) / 3_600_000;
  const index = histogramBucketHours.findIndex((bound) => hours <= bound);
  return index === -1 ? openBucket : index;
}

/** Counts per bucket (index as in `histogramBucketHours`, plus the open one). */
export type Histogram = readonly number[];

export function emptyHistogram(): number[] {
  return Array.from({ length: openBucket + 1 }, () => 0);
}

export function addHistograms(a: Histogram, b: Histogram): number[] {
  return emptyHistogram().map((_, index) => (a[index] ?? 0) + (b[index] ?? 0));
}

export function histogramTotal(histogram: Histogram): number {
  return histogram.reduce((sum, count) => sum + count, 0);
}

/**
 * The `p`th percentile (0 < p ≤ 1) as the upper bound of the bucket it falls in, in hours: "half
 * were answered within 24 hours". Undefined for an empty histogram; `Infinity` when it falls in the
 * open bucket. Nearest rank: the smallest bucket holding at least p of all counts.
 */
export function percentileHours(histogram: Histogram, p: number): number | undefined {
  const total = histogramTotal(histogram);
  if (total === 0) return undefined;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const [index, count] of histogram.entries()) {
    seen += count;
    if (seen >= rank) return histogramBucketHours[index] ?? Number.POSITIVE_INFINITY;
  }
  return Number.POSITIVE_INFINITY;
}

/** A bucket bound as people say it: "1 hour", "12 hours", "3 days", "more than 21 days". */
export function describeHours(hours: number): string {
  if (!Number.isFinite(hours)) return `more than ${(histogramBucketHours[openBucket - 1] ?? 0) / 24} days`;
  if (hours < 24) return hours === 1 ? '1 hour' : `${hours} hours`;
  const days = hours / 24;
  return days === 1 ? '1 day' : `${days} days`;
}

// ------------------------------------------------------------------------------------ suppression

/** Below this many proposals a figure is not shown: a small cell could point to a person. */
export const smallestShownCount = 5;

/** A figure as shown: the number, or "fewer than 5" (a zero is shown: it points to no one). */
export type Shown = { count: number } | { suppressed: true };

export function shown(count: number): Shown {
  return count > 0 && count < smallestShownCount ? { suppressed: true } : { count };
}

/** How a cell reads on the page and in the CSV. */
export function shownText(cell: Shown): string {
  return 'suppressed' in cell ? `fewer than ${smallestShownCount}` : String(cell.count);
}

/**
 * A share as shown: a whole percentage, or nothing when the group it is a share of is small (the
 * share would reveal the small numbers behind it).
 */
export function shownShare(part: number, whole: number): { percent: number } | { suppressed: true } | { none: true } {
  if (whole === 0) return { none: true };
  if (whole < smallestShownCount) return { suppressed: true };
  return { percent: Math.round((100 * part) / whole) };
}

// ------------------------------------------------------------------------------------ counters → report

/**
 * The inspectorate's published figures for its measure: the share of cases in which domestic
 * abuse checks were done before a curfew was proposed, in its inspections of probation court
 * work (37% in one inspection; 51% and 48% in another).
 */
export const inspectorateFigures = [
  { label: 'Inspection A: domestic abuse checks before a curfew', percent: 37 },
  { label: 'Inspection B: domestic abuse checks before a curfew', percent: 51 },
  { label: 'Inspection B, second sample', percent: 48 },
] as const;

export const outcomes = ['SUITABLE', 'UNSUITABLE', 'WITHDRAWN'] as const;
export type Outcome = (typeof outcomes)[number];

export const residentCounts = ['DIRECT', 'BY_OFFICER', 'NOT_ALONE', 'REFUSED', 'ASKED_TO_SPEAK'] as const;
export type ResidentCount = (typeof residentCounts)[number];

/**
 * The names of the counters kept per court and week (each a number attribute of the week's item;
 * performance-events.ts says which event adds to which). A histogram is one counter per bucket.
 */
export const counterNames = {
  started: 'started',
  outcome: (outcome: Outcome) => `outcome.${outcome}`,
  hearings: 'hearings',
  hearingsAnsweredBefore: 'hearings.answeredBefore',
  hearingsWithdrawnBefore: 'hearings.withdrawnBefore',
  overdue: (type: CheckType) => `overdue.${type}`,
  timeToAnswer: (type: CheckType, bucket: number) => `tta.${type}.${bucket}`,
  policeForceTime: (force: string, bucket: number) => `tta.PF.${force}.${bucket}`,
  localAuthorityTime: (authority: string, bucket: number) => `tta.LA.${authority}.${bucket}`,
  residents: (count: ResidentCount) => `residents.${count}`,
  countersignNeeded: 'cs.needed',
  countersignCondition: (condition: ConditionId) => `cs.condition.${condition}`,
  countersignAgreed: 'cs.agreed',
  countersignDisagreed: 'cs.disagreed',
  countersignWait: (bucket: number) => `cs.wait.${bucket}`,
  /** Hearings adjourned, in the week of the hearing that was adjourned; and those the checks not being back caused (ADR 0024). */
  adjourned: 'adj',
  adjournedForChecks: 'adj.checks',
  /** Sentences the officers recorded, in the week of the hearing; and curfews imposed while a check had no answer (must be zero). */
  curfewsImposed: 'sentence.curfew',
  curfewsImposedUnanswered: 'sentence.curfew.unanswered',
  otherSentences: 'sentence.other',
} as const;

/** One court's counters for one week, as stored. */
export interface WeekCounters {
  courtCode: string;
  week: IsoWeek;
  counts: Readonly<Record<string, number>>;
}

/** What the view shows for a set of courts and a period (every figure before suppression). */
export interface PerformanceFigures {
  weeks: IsoWeek[];
  started: number;
  outcomes: Record<Outcome | 'OPEN', number>;
  hearings: number;
  answeredBeforeHearing: number;
  withdrawnBeforeHearing: number;
  /** Per week of the period: the share answered before the hearing, overdue checks, adjournments likely. */
  byWeek: { week: IsoWeek; hearings: number; answeredBeforeHearing: number; withdrawnBeforeHearing: number; adjournmentsLikely: number; overdue: number }[];
  overdue: Record<CheckType, number>;
  timeToAnswer: { checkType: Record<CheckType, Histogram>; policeForce: Record<string, Histogram>; localAuthority: Record<string, Histogram> };
  /** Each agency's times to answer in the earlier and the later half of the period's weeks: which are getting slower. */
  timeToAnswerByHalf: { policeForce: Record<string, AgencyHalves>; localAuthority: Record<string, AgencyHalves> };
  residents: Record<ResidentCount, number>;
  countersigning: { needed: number; conditions: Record<ConditionId, number>; agreed: number; disagreed: number; wait: Histogram };
  /** Hearings adjourned in the period, and how many because the checks were not back (ADR 0024). */
  adjournments: { total: number; causedByChecks: number };
  /** The sentences recorded: curfews imposed, and of those with a check unanswered (a safety figure that must be zero), and other sentences. */
  sentences: { curfewsImposed: number; curfewsImposedUnanswered: number; other: number };
}

/** An agency's times to answer in the earlier half of a period's weeks and in the later half (the middle week, if any, in the later). */
export interface AgencyHalves {
  earlier: Histogram;
  later: Histogram;
}

function wholePeriodOf(halves: Record<string, AgencyHalves>): Record<string, Histogram> {
  return Object.fromEntries(Object.entries(halves).map(([code, { earlier, later }]) => [code, addHistograms(earlier, later)]));
}

/** A record with one entry per key, each made by `value`. */
function byKey<Key extends string, Value>(keys: readonly Key[], value: (key: Key) => Value): Record<Key, Value> {
  return Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<Key, Value>;
}

const histogramPattern = /^tta\.(PF|LA)\.(.+)\.(\d+)$/;

/** Adds up the weekly counters of the given courts over the weeks of a period. */
export function figuresFrom(counters: readonly WeekCounters[], weeks: readonly IsoWeek[]): PerformanceFigures {
  const inPeriod = new Set(weeks);
  const total: Record<string, number> = {};
  const perWeek = new Map<IsoWeek, Record<string, number>>(weeks.map((week) => [week, {}]));
  const earlierWeeks = new Set(weeks.slice(0, Math.floor(weeks.length / 2)));
  const halves: Record<'PF' | 'LA', Record<string, { earlier: number[]; later: number[] }>> = { PF: {}, LA: {} };
  for (const { week, counts } of counters) {
    if (!inPeriod.has(week)) continue;
    const weekTotal = perWeek.get(week) ?? {};
    for (const [name, value] of Object.entries(counts)) {
      total[name] = (total[name] ?? 0) + value;
      weekTotal[name] = (weekTotal[name] ?? 0) + value;
      const agency = histogramPattern.exec(name);
      if (agency !== null) {
        const agencyHalves = (halves[agency[1] as 'PF' | 'LA'][agency[2] as string] ??= { earlier: emptyHistogram(), later: emptyHistogram() });
        const half = earlierWeeks.has(week) ? agencyHalves.earlier : agencyHalves.later;
        half[Number(agency[3])] = (half[Number(agency[3])] ?? 0) + value;
      }
    }
  }
  const get = (name: string, from: Record<string, number> = total) => from[name] ?? 0;
  const histogram = (name: (bucket: number) => string) => emptyHistogram().map((_, bucket) => get(name(bucket)));
  const started = get(counterNames.started);
  const decided = byKey(outcomes, (outcome) => get(counterNames.outcome(outcome)));
  const overdueOf = (from: Record<string, number>) => checkTypes.reduce((sum, type) => sum + get(counterNames.overdue(type), from), 0);
  return {
    weeks: [...weeks],
    started,
    outcomes: { ...decided, OPEN: Math.max(0, started - decided.SUITABLE - decided.UNSUITABLE - decided.WITHDRAWN) },
    hearings: get(counterNames.hearings),
    answeredBeforeHearing: get(counterNames.hearingsAnsweredBefore),
    withdrawnBeforeHearing: get(counterNames.hearingsWithdrawnBefore),
    byWeek: weeks.map((week) => {
      const counts = perWeek.get(week) ?? {};
      const hearings = get(counterNames.hearings, counts);
      const answeredBeforeHearing = get(counterNames.hearingsAnsweredBefore, counts);
      const withdrawnBeforeHearing = get(counterNames.hearingsWithdrawnBefore, counts);
      return { week, hearings, answeredBeforeHearing, withdrawnBeforeHearing, adjournmentsLikely: Math.max(0, hearings - answeredBeforeHearing - withdrawnBeforeHearing), overdue: overdueOf(counts) };
    }),
    overdue: byKey(checkTypes, (type) => get(counterNames.overdue(type))),
    timeToAnswer: {
      checkType: byKey(checkTypes, (type): Histogram => histogram((bucket) => counterNames.timeToAnswer(type, bucket))),
      // An agency's whole period is its two halves together: one count, never kept twice.
      policeForce: wholePeriodOf(halves.PF),
      localAuthority: wholePeriodOf(halves.LA),
    },
    timeToAnswerByHalf: { policeForce: halves.PF, localAuthority: halves.LA },
    residents: byKey(residentCounts, (count) => get(counterNames.residents(count))),
    countersigning: {
      needed: get(counterNames.countersignNeeded),
      conditions: byKey(conditionIds, (condition) => get(counterNames.countersignCondition(condition))),
      agreed: get(counterNames.countersignAgreed),
      disagreed: get(counterNames.countersignDisagreed),
      wait: histogram(counterNames.countersignWait),
    },
    adjournments: { total: get(counterNames.adjourned), causedByChecks: get(counterNames.adjournedForChecks) },
    sentences: { curfewsImposed: get(counterNames.curfewsImposed), curfewsImposedUnanswered: get(counterNames.curfewsImposedUnanswered), other: get(counterNames.otherSentences) },
  };
}

/** Whether an agency's median time to answer rose or fell from the earlier half of the period to the later. */
export type AgencyTrend = { change: 'SLOWER' | 'FASTER' | 'SAME'; earlierHours: number; laterHours: number } | { change: 'TOO_FEW' };

/**
 * An agency getting slower (or faster): its median time to answer in the later half of the period
 * against the earlier half, each a bucket bound. Only when each half has at least the smallest
 * shown number of answers: a trend drawn from one or two answers says nothing, and could point to one.
 */
export function agencyTrend({ earlier, later }: AgencyHalves): AgencyTrend {
  const earlierHours = histogramTotal(earlier) < smallestShownCount ? undefined : percentileHours(earlier, 0.5);
  const laterHours = histogramTotal(later) < smallestShownCount ? undefined : percentileHours(later, 0.5);
  if (earlierHours === undefined || laterHours === undefined) return { change: 'TOO_FEW' };
  return { change: laterHours > earlierHours ? 'SLOWER' : laterHours < earlierHours ? 'FASTER' : 'SAME', earlierHours, laterHours };
}

/**
 * The inspectorate's measure over proposals heard in the period: of those not withdrawn before
 * their hearing, the share whose every check was answered before the hearing day.
 */
export function answeredBeforeHearingShare(figures: Pick<PerformanceFigures, 'hearings' | 'answeredBeforeHearing' | 'withdrawnBeforeHearing'>) {
  return shownShare(figures.answeredBeforeHearing, figures.hearings - figures.withdrawnBeforeHearing);
}
