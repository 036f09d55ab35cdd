import { countersForEvent, withRegionTotals, type CounterIncrement, type EventFacts } from '#domain/performance-events';
import type { ConditionId } from '#domain/countersigning-policy';
import { randomFrom } from './random.ts';

/**
 * What many proposals leave behind in the P&Q counters, made without making them: synthetic
 * proposals' audit events, put through the same pure rule the stream handler uses
 * (countersForEvent), added up per court and week. The benchmark writes them for 40 courts and
 * 100,000 proposals; the browser test for a few courts and weeks, so its charts have something to draw.
 */
export interface SeedOptions {
  courts: readonly string[];
  proposals: number;
  /** Proposals start evenly over this many days before `until`. */
  days: number;
  until: Date;
  /** Deterministic: the same seed makes the same counters. */
  seed?: number;
  policeForces?: readonly string[];
  localAuthorities?: readonly string[];
  /** The region whose totals are kept beside the courts' (as the stream handler keeps them), if any. */
  region?: string;
}

const hour = 3_600_000;


/** The counters, and how many of the proposals' events added to them (each one stream record counted, with its marker). */
export interface SyntheticCounters {
  counters: CounterIncrement[];
  countedEvents: number;
  /** Counter items each counted event updated, summed (a start updates two: its week and its hearing's). */
  counterUpdates: number;
}

export function syntheticCounters(options: SeedOptions): SyntheticCounters {
  // Seeded (the crash harness's generator): benchmarks and screenshots stay the same run to run.
  const next = randomFrom(options.seed ?? 16);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const forces = options.policeForces ?? ['WILTSHIRE', 'AVON_AND_SOMERSET', 'GLOUCESTERSHIRE'];
  const authorities = options.localAuthorities ?? ['SWINDON', 'WILTSHIRE', 'BATH_AND_NORTH_EAST_SOMERSET'];
  const totals = new Map<string, CounterIncrement>();
  let countedEvents = 0;
  let counterUpdates = 0;
  const add = (increments: CounterIncrement[]) => {
    if (increments.length > 0) countedEvents += 1;
    const written = withRegionTotals(increments, () => options.region);
    counterUpdates += new Set(written.map((increment) => `${increment.courtCode}#${increment.week}`)).size;
    for (const increment of written) {
      const key = `${increment.courtCode}#${increment.week}`;
      const into = totals.get(key) ?? { courtCode: increment.courtCode, week: increment.week, counts: {} };
      for (const [name, value] of Object.entries(increment.counts)) into.counts[name] = (into.counts[name] ?? 0) + value;
      totals.set(key, into);
    }
  };
  const span = options.days * 24 * hour;
  for (let index = 0; index < options.proposals; index += 1) {
    const created = new Date(options.until.getTime() - span + Math.floor((span * index) / options.proposals));
    // Short-format reports: the hearing is often days away, not weeks, so some checks come too late.
    const hearing = new Date(created.getTime() + (2 + Math.floor(next() * 12)) * 24 * hour);
    const conditions: ConditionId[] = next() < 0.25 ? ['AGENCY_CONCERN'] : [];
    const decidedAt = new Date(created.getTime() + (6 + next() * 48) * 24 * hour * 0.1 + 5 * 24 * hour);
    const countersignedAt = new Date(decidedAt.getTime() + (1 + next() * 40) * hour);
    const agrees = next() < 0.85;
    const proposal: EventFacts['proposal'] = {
      courtCode: pick(options.courts),
      createdAt: created.toISOString(),
      hearingDate: hearing.toISOString().slice(0, 10),
      policeForce: pick(forces),
      localAuthority: pick(authorities),
      decisions: [{ at: decidedAt.toISOString(), outcome: 'SUITABLE', conditions }],
      countersignatures: [{ at: countersignedAt.toISOString(), agree: agrees, decidedAt: decidedAt.toISOString() }],
    };
    const event = (action: string, at: Date, check?: EventFacts['check'], actor = 'officer') => add(countersForEvent({ action, actor, at: at.toISOString(), proposal, ...(check === undefined ? {} : { check }) }));
    event('PROPOSAL_CREATED', created);
    const requestedAt = created.toISOString();
    // Slow agencies now and then: an exponential wait, a few hours on average, longer for children's services.
    const answered = [
      new Date(created.getTime() - Math.log(1 - next()) * 30 * hour),
      new Date(created.getTime() - Math.log(1 - next()) * 60 * hour),
      new Date(created.getTime() - Math.log(1 - next()) * 10 * hour),
    ];
    const [police, children, resident] = answered as [Date, Date, Date];
    if (police.getTime() - created.getTime() > 96 * hour) event('CHECK_OVERDUE', new Date(created.getTime() + 96 * hour), { type: 'DOMESTIC_ABUSE' });
    if (children.getTime() - created.getTime() > 96 * hour) event('CHECK_OVERDUE', new Date(created.getTime() + 96 * hour), { type: 'CHILD_SAFEGUARDING' });
    const roll = next();
    if (roll < 0.05) {
      event('PROPOSAL_WITHDRAWN', new Date(created.getTime() + 2 * 24 * hour));
      continue;
    }
    event('CHECK_ANSWERED', police, { type: 'DOMESTIC_ABUSE', requestedAt });
    event('CHECK_ANSWERED', children, { type: 'CHILD_SAFEGUARDING', requestedAt });
    const viaOfficer = next() < 0.2;
    if (next() < 0.05) event('RESIDENT_ASKED_TO_SPEAK', resident);
    const refuses = next() < 0.06;
    event('CHECK_ANSWERED', resident, { type: 'RESIDENT_CONSENT', requestedAt, residentDecision: refuses ? 'REFUSE' : 'CONSENT', source: viaOfficer ? { via: 'OFFICER', spokenToAlone: next() < 0.7 } : { via: 'LINK' } });
    const complete = new Date(Math.max(police.getTime(), children.getTime(), resident.getTime()));
    if (refuses) {
      event('CONSENT_NOT_GIVEN', complete, undefined, 'WORKFLOW');
      continue;
    }
    event('CHECKS_COMPLETE', complete, undefined, 'WORKFLOW');
    if (roll < 0.15) continue; // still open
    if (roll < 0.3) {
      event('DECISION_UNSUITABLE', decidedAt);
      continue;
    }
    event('DECISION_SUITABLE', decidedAt);
    if (conditions.length > 0) event(agrees ? 'COUNTERSIGNED' : 'COUNTERSIGNATURE_REFUSED', countersignedAt);
  }
  return { counters: [...totals.values()], countedEvents, counterUpdates };
}
