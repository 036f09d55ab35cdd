import type { CheckState } from './check-rules';
import { outstandingChecks } from './check-rules';
import { isOverdue } from './deadlines';
import type { CheckType, ProposalStatus } from './statuses';
import { openCheckStatuses } from './statuses';

/** How one group of checks stands, in words a sentencer can act on. */
export type CheckSummary = 'COMPLETE' | 'OUTSTANDING' | 'OVERDUE';

/** The sentencer's view of one proposal's checks: no answers, no names, nothing restricted. */
export interface CourtCheckSummary {
  domesticAbuse: CheckSummary;
  childSafeguarding: CheckSummary;
  residentConsent: CheckSummary;
  checksComplete: boolean;
}

function summariseGroup(type: CheckType, checks: readonly CheckState[], now: Date): CheckSummary {
  const group = checks.filter((c) => c.type === type);
  // No resident checks means no other adults were declared; a missing agency check is never complete.
  if (group.length === 0) return type === 'RESIDENT_CONSENT' ? 'COMPLETE' : 'OUTSTANDING';
  if (outstandingChecks(group).length === 0) return 'COMPLETE';
  return group.some((c) => isCheckOverdue(c, now)) ? 'OVERDUE' : 'OUTSTANDING';
}

/** Still waiting for an answer and either marked OVERDUE or past its due time (the mark follows within a day). */
export function isCheckOverdue(check: Pick<CheckState, 'status' | 'dueAt'>, now: Date): boolean {
  return openCheckStatuses.includes(check.status) && (check.status === 'OVERDUE' || isOverdue(new Date(check.dueAt), now));
}

/**
 * Lets a court satisfy itself that the checks were done before imposing a curfew, and see early
 * which ones are late, without disclosing what anyone said.
 */
export function summariseChecksForCourt(checks: readonly CheckState[], now: Date): CourtCheckSummary {
  const domesticAbuse = summariseGroup('DOMESTIC_ABUSE', checks, now);
  const childSafeguarding = summariseGroup('CHILD_SAFEGUARDING', checks, now);
  const residentConsent = summariseGroup('RESIDENT_CONSENT', checks, now);
  const checksComplete = [domesticAbuse, childSafeguarding, residentConsent].every((s) => s === 'COMPLETE');
  return { domesticAbuse, childSafeguarding, residentConsent, checksComplete };
}

/**
 * The suitability a sentencer sees. Only a final SUITABLE or UNSUITABLE is reported as such;
 * everything else, including WITHDRAWN, is NOT_DECIDED (withdrawn proposals are listed with their
 * own status WITHDRAWN, so the court is not told a withdrawn address was assessed unsuitable).
 */
export function suitabilityForCourt(status: ProposalStatus): 'SUITABLE' | 'UNSUITABLE' | 'NOT_DECIDED' {
  if (status === 'SUITABLE' || status === 'UNSUITABLE') return status;
  return 'NOT_DECIDED';
}

/** Less than this between starting the checks and their due time is too little for an agency to answer. */
export const minimumAnswerHours = 24;

/**
 * Whether the court will probably have to adjourn (or sentence without a curfew proposal): checks
 * are still missing and either one is overdue, or they were started too late for any realistic
 * answer (an oral report the same day, say). Shown to the officer at once and on the court list,
 * so nobody finds out on the morning of the hearing.
 */
export function adjournmentLikely(checks: readonly CheckState[], startedAt: Date, now: Date, hours: number = minimumAnswerHours): boolean {
  const summary = summariseChecksForCourt(checks, now);
  if (summary.checksComplete) return false;
  const open = checks.filter((check) => openCheckStatuses.includes(check.status));
  const overdue = [summary.domesticAbuse, summary.childSafeguarding, summary.residentConsent].includes('OVERDUE');
  const startedTooLate = open.some((check) => new Date(check.dueAt).getTime() - startedAt.getTime() < hours * 3600 * 1000);
  return overdue || startedTooLate;
}
