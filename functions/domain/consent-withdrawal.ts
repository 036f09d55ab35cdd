import { addDays, lastDayOfMonthsFrom } from './calendar-date.ts';
import { londonDate, londonWallTimeToUtc } from './london-time.ts';
import type { CheckStatus, CheckType, ProposalStatus } from './statuses.ts';
import { statutoryLimits } from './statutory-limits.ts';

/** How a withdrawal of consent reached us: the resident's own link, or the officer they told. */
export type ConsentWithdrawalVia = 'LINK' | 'OFFICER';

/**
 * Who is told at once: before the hearing, that the proposal is no longer suitable (or its checks
 * ended); after the hearing, an alert that the curfew address no longer has consent, so the
 * officer can go back to court.
 */
export type ConsentWithdrawalNotice = 'CONSENT_WITHDRAWN' | 'CONSENT_WITHDRAWN_AFTER_HEARING';

export interface ConsentWithdrawalEffect {
  /** The hearing date (London) has passed: the court has decided, so the status stays. */
  afterHearing: boolean;
  /** The proposal's status once the withdrawal is recorded (the same status when it stays). */
  status: ProposalStatus;
  /**
   * The proposal was still in its checks: it ends as a refusal does (ADR 0016): open checks
   * cancelled, their recipients told they are no longer needed, the workflow stopped.
   */
  endsChecks: boolean;
  /** The message the officer and the court team's SPOs get, if any. */
  notice: ConsentWithdrawalNotice | undefined;
}

/** What the rule needs of a proposal: its status and hearing date. A hearing outcome, when recorded, can join these. */
export interface ProposalForWithdrawal {
  status: ProposalStatus;
  /** YYYY-MM-DD, the court's (London) calendar date. */
  hearingDate: string;
}

/** Whether the hearing date, in London, is over: on the day of the hearing itself the court may not have sat yet. */
export function hearingHasPassed(hearingDate: string, at: Date): boolean {
  return londonDate(at) > hearingDate;
}

/**
 * What a resident's withdrawal of consent does (the court must know "the attitude of persons likely
 * to be affected", Sentencing Act 2020 Sch 9 para 10, and electronic monitoring needs their consent,
 * para 33):
 * - before the hearing, an open or suitable proposal becomes UNSUITABLE at once and the officer and
 *   SPOs are told; one still in its checks ends as a refusal does;
 * - after the hearing, the status stays (the court has decided) and the officer and SPOs are
 *   alerted that the curfew address no longer has consent;
 * - a proposal already unsuitable or withdrawn keeps its status and nobody is messaged (nothing
 *   was proposed to, or decided by, the court at this address): the withdrawal is only recorded.
 */
export function consentWithdrawalEffect(proposal: ProposalForWithdrawal, at: Date): ConsentWithdrawalEffect {
  const afterHearing = hearingHasPassed(proposal.hearingDate, at);
  const closedWithoutCurfew = proposal.status === 'UNSUITABLE' || proposal.status === 'WITHDRAWN';
  if (closedWithoutCurfew) {
    return { afterHearing, status: proposal.status, endsChecks: false, notice: undefined };
  }
  if (afterHearing) {
    return { afterHearing, status: proposal.status, endsChecks: false, notice: 'CONSENT_WITHDRAWN_AFTER_HEARING' };
  }
  return { afterHearing, status: 'UNSUITABLE', endsChecks: proposal.status === 'CHECKS_IN_PROGRESS', notice: 'CONSENT_WITHDRAWN' };
}

/** A resident's check whose answer (now) is consent: what a withdrawal withdraws. */
export function givesConsent(check: { type: CheckType; status: CheckStatus; answer?: object | undefined }): boolean {
  return check.type === 'RESIDENT_CONSENT' && check.status === 'RESPONDED' && check.answer !== undefined && 'decision' in check.answer && check.answer.decision === 'CONSENT';
}

/**
 * Until when a resident may withdraw through their link: the end of the curfew period. Its length
 * is not known before sentence, so the bound is the longest the law allows from the hearing: a
 * curfew lasts at most 2 years (12 months for convictions before 28 June 2022; Sentencing Act 2020
 * Sch 9 para 9), and it cannot start before sentence. The link works until the end of the last day
 * of that span counted from the hearing date (London midnight after it). Computed from the current
 * hearing date when the link is used, so a later hearing date keeps the link working longer.
 */
export function consentWithdrawalLinkExpiresAt(hearingDate: string, convictionDate: string): Date {
  const lastDay = lastDayOfMonthsFrom(hearingDate, statutoryLimits(convictionDate).maxMonths);
  return londonWallTimeToUtc(addDays(lastDay, 1), '00:00');
}
