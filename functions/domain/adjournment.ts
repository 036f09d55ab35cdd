import { computeDueAt, isOverdue } from './deadlines.ts';
import type { ReportType } from './report-types.ts';
import { openCheckStatuses, type CheckStatus, type ProposalStatus } from './statuses.ts';

/**
 * The hearing moving to a new date, and what the court decided (ADR 0024). Pure rules: the use
 * cases in `functions/proposals` (adjourn-hearing.ts, record-hearing-outcome.ts) apply them.
 */

/** Why the court adjourned: the checks not being back is the failure this service exists to prevent, so it is counted apart. */
export const adjournmentCauses = ['CHECKS_OUTSTANDING', 'OTHER'] as const;
export type AdjournmentCause = (typeof adjournmentCauses)[number];

/** What the court did at the hearing. ADJOURNED is recorded as an adjournment, with its new date. */
export const hearingOutcomes = ['CURFEW_IMPOSED', 'OTHER_SENTENCE', 'ADJOURNED'] as const;
export type HearingOutcome = (typeof hearingOutcomes)[number];

/** An outcome that ends the proposal's hearings: the court sentenced. */
export type FinalHearingOutcome = Exclude<HearingOutcome, 'ADJOURNED'>;

/** One adjournment as the proposal keeps it: dates are ISO calendar dates. */
export interface AdjournmentRecord {
  previousHearingDate: string;
  hearingDate: string;
  cause: AdjournmentCause;
  at: string;
}

/**
 * A proposal replaced by another address's (ADR 0026) is no longer the case's current version: the
 * hearing it is for, and what the court did there, are recorded on the current one, which the
 * court list shows. Moving the replaced one's date would put an old address back on a court list.
 */
const replacedMessage = 'Another address replaced this one: record the hearing on the current version of the case';

/** Why an adjournment is refused: each is a 400 (a slip in the date) or a 409 (the proposal's state). */
export type AdjournmentRefusal =
  | { kind: 'FIELD'; message: string }
  | { kind: 'STATE'; error: 'NOT_ALLOWED'; message: string };

/**
 * Whether the hearing may move to `newDate`, today being `today` (London). The new date must not
 * be in the past and must be after the current hearing date: an adjournment moves a hearing later (a hearing
 * brought forward is a listing change this service does not record; the workflow's waits, set for
 * the later date, could pass a reminder). A withdrawn proposal has no hearing to move, and after
 * the court sentenced there is nothing left to adjourn. A decided proposal (suitable or not) can
 * still move: the hearing is the court's, not ours.
 */
export function whyNotAdjourn(input: { status: ProposalStatus; hearingDate: string; sentenced: boolean; replaced: boolean; newDate: string; today: string }): AdjournmentRefusal | undefined {
  if (input.replaced) {
    return { kind: 'STATE', error: 'NOT_ALLOWED', message: replacedMessage };
  }
  if (input.status === 'WITHDRAWN') {
    return { kind: 'STATE', error: 'NOT_ALLOWED', message: 'A withdrawn proposal has no hearing to adjourn' };
  }
  if (input.sentenced) {
    return { kind: 'STATE', error: 'NOT_ALLOWED', message: 'The court has already sentenced: the hearing cannot be adjourned' };
  }
  if (input.newDate === input.hearingDate) {
    return { kind: 'FIELD', message: 'The new hearing date must be different from the current hearing date' };
  }
  if (input.newDate < input.today) {
    return { kind: 'FIELD', message: 'The new hearing date must be today or in the future' };
  }
  if (input.newDate < input.hearingDate) {
    return { kind: 'FIELD', message: `The new hearing date must be after the current hearing date, ${input.hearingDate}` };
  }
  return undefined;
}

/**
 * Whether the court's outcome may be recorded today: on or after the hearing day (the officer
 * records it the same day), once, and not on a withdrawn proposal.
 */
export function whyNotRecordOutcome(input: { status: ProposalStatus; hearingDate: string; sentenced: boolean; replaced: boolean; today: string }): string | undefined {
  if (input.replaced) {
    return replacedMessage;
  }
  if (input.status === 'WITHDRAWN') {
    return 'A withdrawn proposal has no hearing outcome';
  }
  if (input.sentenced) {
    return 'The hearing outcome has already been recorded';
  }
  if (input.today < input.hearingDate) {
    return 'The outcome can be recorded on or after the hearing date';
  }
  return undefined;
}

/** How a check changes when the hearing moves: its new due time, and its status. */
export interface CheckAfterAdjournment {
  dueAt: string;
  status: CheckStatus;
  /** An overdue check that is due again: its overdue mark is cleared. */
  dueAgain: boolean;
}

/**
 * A check still waiting for an answer gets the new hearing's due time; an OVERDUE one becomes
 * REQUESTED again when that time is still ahead (it is waited for, reminded and, if still
 * unanswered, marked overdue again). An answered or cancelled check keeps its due time: it is
 * history. Returns undefined for a check that does not change besides its court list key.
 */
export function checkAfterAdjournment(check: { status: CheckStatus }, hearingDate: string, reportType: ReportType, now: Date): CheckAfterAdjournment | undefined {
  if (!openCheckStatuses.includes(check.status)) {
    return undefined;
  }
  const dueAt = computeDueAt(hearingDate, reportType);
  const dueAgain = check.status === 'OVERDUE' && !isOverdue(dueAt, now);
  return { dueAt: dueAt.toISOString(), status: dueAgain ? 'REQUESTED' : check.status, dueAgain };
}

/**
 * The hearing date in force at an instant: the proposal keeps each adjournment, so a figure counted
 * later (the P&Q counts read the stream after the change) is put in the week of the hearing that was
 * current when the event happened, not the one current when it is counted.
 */
export function hearingDateAt(currentHearingDate: string, adjournments: readonly AdjournmentRecord[], at: string): string {
  const sorted = [...adjournments].sort((a, b) => a.at.localeCompare(b.at));
  const first = sorted[0];
  if (first === undefined) {
    return currentHearingDate;
  }
  let date = first.previousHearingDate;
  for (const adjournment of sorted) {
    if (adjournment.at <= at) date = adjournment.hearingDate;
  }
  return date;
}

/**
 * Whether recording this outcome ends the proposal's open checks. Another sentence: no curfew will
 * be served at the address, so nobody is chased any more for an answer that can change nothing. A
 * curfew imposed: the checks stay open, because an answer still matters after sentence (police
 * information of domestic abuse means the officer must take the case back to court).
 */
export function outcomeEndsChecks(outcome: FinalHearingOutcome): boolean {
  return outcome === 'OTHER_SENTENCE';
}

/**
 * The checks answered after a curfew was imposed at the address, oldest answer first: each needs
 * the officer to read it and decide whether the court must be told. None for another sentence.
 */
export function answeredAfterCurfew<T extends { status: CheckStatus; respondedAt?: string }>(outcome: { outcome: FinalHearingOutcome; at: string } | undefined, checks: readonly T[]): T[] {
  if (outcome?.outcome !== 'CURFEW_IMPOSED') return [];
  return checks
    .filter((check) => check.status === 'RESPONDED' && check.respondedAt !== undefined && check.respondedAt > outcome.at)
    .sort((a, b) => (a.respondedAt ?? '').localeCompare(b.respondedAt ?? ''));
}

/** How many checks had no answer (still waiting, or overdue, or a resident asking to speak to someone). */
export function unansweredChecks(checks: readonly { status: CheckStatus }[]): number {
  return checks.filter((check) => openCheckStatuses.includes(check.status)).length;
}

/**
 * The due round of a check: 0 until its due time first moves, then one more per adjournment. It is
 * part of the reminder's and the overdue notice's references, so a reminder sent for the first due
 * date does not stop the one for the new date, and neither is ever sent twice.
 */
export function roundSuffix(dueRound: number | undefined): string {
  return dueRound === undefined || dueRound === 0 ? '' : `#R${dueRound}`;
}
