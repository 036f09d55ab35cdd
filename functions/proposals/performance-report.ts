import type { StaffUser } from '#auth/staff';
import { courtsOfRegion } from '#domain/court-teams';
import { figuresFrom, weeksOfPeriod, type PerformanceFigures, type Period } from '#domain/performance';
import { regionTotalsKey } from '#domain/performance-events';
import { readCounters } from '#store/performance-counts';

/**
 * Whose figures a viewer may see: a senior probation officer their own courts, a performance lead
 * every court of their region; nobody else any (the page refuses other roles before asking).
 */
export function performanceCourtsOf(user: Pick<StaffUser, 'role' | 'courts' | 'region'>): string[] {
  if (user.role === 'SENIOR_PROBATION_OFFICER') return [...user.courts];
  if (user.role === 'PERFORMANCE_LEAD' && user.region !== undefined) return courtsOfRegion(user.region);
  return [];
}

/**
 * The P&Q figures of some courts, or of a whole region, over a period, from the counters kept as
 * things happen (ADR 0020): one Query per court (or one for the region's totals) over the period's
 * weeks, never a read of a proposal.
 */
export async function performanceFigures(scope: { courts: readonly string[] } | { region: string }, period: Period): Promise<PerformanceFigures> {
  const weeks = weeksOfPeriod(period);
  const first = weeks[0];
  const last = weeks.at(-1);
  const keys = 'region' in scope ? [regionTotalsKey(scope.region)] : scope.courts;
  if (first === undefined || last === undefined || keys.length === 0) return figuresFrom([], weeks);
  return figuresFrom(await readCounters(keys, first, last), weeks);
}

/** What a viewer's "all courts" adds up: a performance lead's region's totals, anyone else's own courts. */
export function performanceScopeOf(user: Pick<StaffUser, 'role' | 'region'>, courts: readonly string[], court: string): { courts: readonly string[] } | { region: string } {
  return court === 'all' && user.role === 'PERFORMANCE_LEAD' && user.region !== undefined ? { region: user.region } : { courts };
}
