import { hearingDateAt, type AdjournmentRecord } from './adjournment.ts';
import type { ConditionId } from './countersigning-policy.ts';
import { londonWallTimeToUtc } from './london-time.ts';
import { bucketOf, counterNames, isoWeekAt, isoWeekOf, type IsoWeek, type Outcome } from './performance.ts';
import type { CheckType } from './statuses.ts';

/**
 * What one audit event adds to the P&Q counters (ADR 0020). Pure: the stream handler reads the
 * audit record and the items it names, passes the facts here, and writes what comes back with
 * DynamoDB `ADD`, once per event. Each figure is counted in one week:
 * - a proposal's start and its outcome, in the week it was started (so started = suitable +
 *   unsuitable + withdrawn + still open, week by week);
 * - the hearing figures (heard, every check answered before the hearing day, withdrawn before it),
 *   in the week of the hearing;
 * - everything else (an answer and its time, an overdue check, a countersignature), in the week
 *   it happened.
 * Only codes, counts and times go into a counter: never a person.
 */

export interface EventFacts {
  action: string;
  actor: string;
  /** ISO 8601 instant. */
  at: string;
  proposal: {
    courtCode: string;
    createdAt: string;
    hearingDate: string;
    policeForce: string;
    localAuthority: string;
    decisions: readonly { at: string; outcome: 'SUITABLE' | 'UNSUITABLE'; conditions: readonly ConditionId[] }[];
    /** When the workflow found every check answered (its audit record), if it has. */
    checksCompletedAt?: string;
    countersignatures: readonly { at: string; agree: boolean; decidedAt: string }[];
    /** Each time the hearing moved (dates and cause only): a figure goes in the week of the hearing current when its event happened. */
    adjournments?: readonly AdjournmentRecord[];
  };
  /** The codes and dates the audit record itself carries (HEARING_ADJOURNED, HEARING_OUTCOME_RECORDED). */
  recorded?: {
    cause?: string;
    previousHearingDate?: string;
    hearingDate?: string;
    outcome?: string;
    checksUnanswered?: number;
  };
  check?: {
    type: CheckType;
    requestedAt?: string;
    source?: { via: 'LINK' } | { via: 'OFFICER'; spokenToAlone: boolean };
    /** A resident's decision, when the check is a resident's consent. */
    residentDecision?: string;
  };
}

/** Counters to add to one court's week. */
export interface CounterIncrement {
  courtCode: string;
  week: IsoWeek;
  counts: Record<string, number>;
}

/**
 * Where a region's totals are kept beside its courts' (as if it were one more court): a
 * performance lead's view of a whole region reads one partition, not one per court.
 */
export function regionTotalsKey(region: string): string {
  return `REGION#${region}`;
}

/** The increments, and the same counts again under the court's region's totals (a court with no region has none). */
export function withRegionTotals(increments: readonly CounterIncrement[], regionOf: (courtCode: string) => string | undefined): CounterIncrement[] {
  return increments.flatMap((increment) => {
    const region = regionOf(increment.courtCode);
    return region === undefined ? [increment] : [increment, { ...increment, courtCode: regionTotalsKey(region) }];
  });
}

export function countersForEvent(facts: EventFacts): CounterIncrement[] {
  const { proposal } = facts;
  const at = new Date(facts.at);
  const startWeek = isoWeekAt(new Date(proposal.createdAt));
  // The hearing as it was when the event happened: an adjournment counted later must not move it.
  const hearingDate = hearingDateAt(proposal.hearingDate, proposal.adjournments ?? [], facts.at);
  const hearingWeek = isoWeekOf(hearingDate);
  const beforeHearing = at < londonWallTimeToUtc(hearingDate, '00:00');
  const increments: CounterIncrement[] = [];
  const add = (week: IsoWeek, counts: Record<string, number>) => {
    if (Object.keys(counts).length > 0) increments.push({ courtCode: proposal.courtCode, week, counts });
  };
  const outcome = (value: Outcome) => add(startWeek, { [counterNames.outcome(value)]: 1 });
  const eventWeek = isoWeekAt(at);
  switch (facts.action) {
    case 'PROPOSAL_CREATED':
      add(startWeek, { [counterNames.started]: 1 });
      add(hearingWeek, { [counterNames.hearings]: 1 });
      break;
    case 'PROPOSAL_WITHDRAWN': {
      outcome('WITHDRAWN');
      // Withdrawn before its hearing: no longer one of the hearings the measure is a share of, so
      // an earlier "answered before the hearing" is taken back (counters only add: by -1).
      const hearingStart = londonWallTimeToUtc(hearingDate, '00:00');
      const answeredBefore = proposal.checksCompletedAt !== undefined && new Date(proposal.checksCompletedAt) < hearingStart;
      if (beforeHearing) add(hearingWeek, { [counterNames.hearingsWithdrawnBefore]: 1, ...(answeredBefore ? { [counterNames.hearingsAnsweredBefore]: -1 } : {}) });
      break;
    }
    case 'CHECKS_COMPLETE':
      if (beforeHearing) add(hearingWeek, { [counterNames.hearingsAnsweredBefore]: 1 });
      break;
    case 'CONSENT_NOT_GIVEN':
      // The workflow's assessment: every check answered, a resident refused. An officer recording
      // a refusal later (actor: their id) ends the proposal too, but its checks were complete before.
      if (facts.actor === 'WORKFLOW' && beforeHearing) add(hearingWeek, { [counterNames.hearingsAnsweredBefore]: 1 });
      outcome('UNSUITABLE');
      break;
    case 'DECISION_UNSUITABLE':
      outcome('UNSUITABLE');
      break;
    case 'DECISION_SUITABLE': {
      // The decision this event recorded: the one made at its instant (a proposal keeps its
      // earlier rounds in `returns`).
      const decision = proposal.decisions.find((candidate) => candidate.at === facts.at);
      const conditions = decision?.conditions ?? [];
      if (conditions.length === 0) {
        outcome('SUITABLE');
      } else {
        add(eventWeek, { [counterNames.countersignNeeded]: 1, ...Object.fromEntries(conditions.map((condition) => [counterNames.countersignCondition(condition), 1])) });
      }
      break;
    }
    case 'COUNTERSIGNED':
    case 'COUNTERSIGNATURE_REFUSED': {
      const agree = facts.action === 'COUNTERSIGNED';
      const countersignature = proposal.countersignatures.find((candidate) => candidate.at === facts.at);
      const waited = countersignature === undefined ? {} : { [counterNames.countersignWait(bucketOf(at.getTime() - new Date(countersignature.decidedAt).getTime()))]: 1 };
      add(eventWeek, { [agree ? counterNames.countersignAgreed : counterNames.countersignDisagreed]: 1, ...waited });
      if (agree) outcome('SUITABLE');
      break;
    }
    case 'CHECK_OVERDUE':
      if (facts.check !== undefined) add(eventWeek, { [counterNames.overdue(facts.check.type)]: 1 });
      break;
    case 'RESIDENT_ASKED_TO_SPEAK':
      add(eventWeek, { [counterNames.residents('ASKED_TO_SPEAK')]: 1 });
      break;
    case 'CHECK_ANSWERED':
      if (facts.check !== undefined) add(eventWeek, answerCounts(facts.check, proposal, at));
      break;
    case 'HEARING_ADJOURNED': {
      const recorded = facts.recorded ?? {};
      if (recorded.previousHearingDate === undefined || recorded.hearingDate === undefined) break;
      // The adjourned hearing, in its own week (it stays one of the hearings there, and if the checks
      // were not back it shows as an adjournment that happened).
      add(isoWeekOf(recorded.previousHearingDate), { [counterNames.adjourned]: 1, ...(recorded.cause === 'CHECKS_OUTSTANDING' ? { [counterNames.adjournedForChecks]: 1 } : {}) });
      // The new hearing is one more hearing, in its week; answered before it already if the checks were complete.
      const completeBefore = proposal.checksCompletedAt !== undefined && proposal.checksCompletedAt <= facts.at;
      add(isoWeekOf(recorded.hearingDate), { [counterNames.hearings]: 1, ...(completeBefore ? { [counterNames.hearingsAnsweredBefore]: 1 } : {}) });
      break;
    }
    case 'HEARING_OUTCOME_RECORDED': {
      const recorded = facts.recorded ?? {};
      const week = recorded.hearingDate === undefined ? hearingWeek : isoWeekOf(recorded.hearingDate);
      if (recorded.outcome === 'CURFEW_IMPOSED') {
        add(week, { [counterNames.curfewsImposed]: 1, ...((recorded.checksUnanswered ?? 0) > 0 ? { [counterNames.curfewsImposedUnanswered]: 1 } : {}) });
      } else if (recorded.outcome === 'OTHER_SENTENCE') {
        add(week, { [counterNames.otherSentences]: 1 });
      }
      // ADJOURNED is counted by its HEARING_ADJOURNED record, written with it.
      break;
    }
    default:
      // Views, disclosures, reminders, links sent again: nothing the view counts.
      break;
  }
  return increments;
}

function answerCounts(check: NonNullable<EventFacts['check']>, proposal: EventFacts['proposal'], at: Date): Record<string, number> {
  const counts: Record<string, number> = {};
  if (check.requestedAt !== undefined) {
    const bucket = bucketOf(at.getTime() - new Date(check.requestedAt).getTime());
    counts[counterNames.timeToAnswer(check.type, bucket)] = 1;
    if (check.type === 'DOMESTIC_ABUSE') counts[counterNames.policeForceTime(proposal.policeForce, bucket)] = 1;
    if (check.type === 'CHILD_SAFEGUARDING') counts[counterNames.localAuthorityTime(proposal.localAuthority, bucket)] = 1;
  }
  if (check.type === 'RESIDENT_CONSENT') {
    if (check.residentDecision === 'REFUSE') counts[counterNames.residents('REFUSED')] = 1;
    if (check.source?.via === 'OFFICER') {
      counts[counterNames.residents('BY_OFFICER')] = 1;
      if (!check.source.spokenToAlone) counts[counterNames.residents('NOT_ALONE')] = 1;
    } else if (check.residentDecision === 'CONSENT') {
      counts[counterNames.residents('DIRECT')] = 1;
    }
  }
  return counts;
}

/** One CloudWatch metric point: dimensions region and check type only, never a court or a person. */
export interface OperationalMetric {
  name: 'ProposalsStarted' | 'ChecksAnswered' | 'ChecksOverdue' | 'CheckedBeforeHearing' | 'CountersignaturesNeeded';
  region: string;
  checkType?: CheckType;
  value: number;
}

const timeToAnswerName = /^tta\.(DOMESTIC_ABUSE|CHILD_SAFEGUARDING|RESIDENT_CONSENT)\.\d+$/;
const overdueName = /^overdue\.(DOMESTIC_ABUSE|CHILD_SAFEGUARDING|RESIDENT_CONSENT)$/;

/**
 * The same events as metrics for the service's operators (ADR 0020): added up by metric, region
 * and check type, so a batch of records is a few metric points whatever its size.
 */
export function operationalMetrics(increments: readonly CounterIncrement[], regionOf: (courtCode: string) => string): OperationalMetric[] {
  const points = new Map<string, OperationalMetric>();
  const add = (name: OperationalMetric['name'], region: string, value: number, checkType?: CheckType) => {
    const key = `${name}#${region}#${checkType ?? ''}`;
    const point = points.get(key) ?? { name, region, ...(checkType === undefined ? {} : { checkType }), value: 0 };
    point.value += value;
    points.set(key, point);
  };
  for (const increment of increments) {
    const region = regionOf(increment.courtCode);
    for (const [counter, value] of Object.entries(increment.counts)) {
      const answered = timeToAnswerName.exec(counter);
      const overdue = overdueName.exec(counter);
      if (counter === counterNames.started) add('ProposalsStarted', region, value);
      else if (counter === counterNames.hearingsAnsweredBefore) add('CheckedBeforeHearing', region, value);
      else if (counter === counterNames.countersignNeeded) add('CountersignaturesNeeded', region, value);
      else if (answered !== null) add('ChecksAnswered', region, value, answered[1] as CheckType);
      else if (overdue !== null) add('ChecksOverdue', region, value, overdue[1] as CheckType);
    }
  }
  return [...points.values()];
}
