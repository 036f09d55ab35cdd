import type { CheckAnswer } from '#schemas/answers';
import { agencyOption } from './agency-questions.ts';
import type { CheckStatus, CheckType, ProposalStatus } from './statuses';
import { isFinal } from './statuses';

/** What the rules need to know about one check: its kind, where it stands and its answer if any. */
export interface CheckState {
  checkId: string;
  type: CheckType;
  status: CheckStatus;
  residentId?: string;
  answer?: CheckAnswer;
  /** How the answer reached us: an officer's record says whether the resident was spoken to alone. */
  source?: { via: 'LINK' } | { via: 'OFFICER'; spokenToAlone: boolean };
  /** When the resident asked to speak to someone before answering (kept after the answer). */
  needsContactAt?: string;
  /** ISO 8601 instant. */
  dueAt: string;
}

/**
 * Why an answered check needs a senior probation officer's eye. A resident's consent is a concern
 * when it may not have been freely given: taken while they were not alone (the defendant may have
 * been listening), or after they asked to speak to someone first (their private way of saying
 * that answering was not safe).
 */
export type Concern = 'POLICE_INFORMATION_HELD' | 'KNOWN_TO_CHILDRENS_SERVICES' | 'CONSENT_NOT_GIVEN_ALONE' | 'ASKED_TO_SPEAK_FIRST';

/**
 * An agency's answer is a concern when its option says so in the version of the questions it was
 * given under (agency-questions.json: police information held, or children's services know the
 * family, with or without current involvement). An option the data does not know counts as a
 * concern: the safe reading. A resident's answer alone is not (a refusal makes the proposal
 * unsuitable instead); how their consent was taken may be: see checkConcerns.
 */
export function answerRaisesConcern(type: CheckType, answer: CheckAnswer): boolean {
  if (!('outcome' in answer) || type === 'RESIDENT_CONSENT') return false;
  return agencyOption(type, answer.outcome, answer.questionsVersion)?.concern ?? true;
}

/** The concerns an answered check raises, in a fixed order; none for a check without an answer. */
export function checkConcerns(check: CheckState): Concern[] {
  const { answer } = check;
  if (answer === undefined || check.status !== 'RESPONDED') return [];
  if (check.type === 'DOMESTIC_ABUSE') return answerRaisesConcern(check.type, answer) ? ['POLICE_INFORMATION_HELD'] : [];
  if (check.type === 'CHILD_SAFEGUARDING') return answerRaisesConcern(check.type, answer) ? ['KNOWN_TO_CHILDRENS_SERVICES'] : [];
  if (!('decision' in answer) || answer.decision !== 'CONSENT') return [];
  const concerns: Concern[] = [];
  if (check.source?.via === 'OFFICER' && !check.source.spokenToAlone) concerns.push('CONSENT_NOT_GIVEN_ALONE');
  if (check.needsContactAt !== undefined) concerns.push('ASKED_TO_SPEAK_FIRST');
  return concerns;
}

/** Whether any answer raised a concern (the proposal's `concerns` flag; the countersigning policy decides what needs a countersignature). */
export function hasConcerns(checks: readonly CheckState[]): boolean {
  return checks.some((c) => checkConcerns(c).length > 0);
}

/** A check counts as answered only when it is RESPONDED and holds a real answer. */
function isAnswered(check: CheckState): boolean {
  if (check.status !== 'RESPONDED' || check.answer === undefined) return false;
  return !('decision' in check.answer) || check.answer.decision !== 'SPEAK_TO_OFFICER';
}

/**
 * Checks that stop a proposal being found suitable. CANCELLED counts as outstanding, and so does a
 * check marked RESPONDED without a usable answer: the safe path is the only path.
 */
export function outstandingChecks(checks: readonly CheckState[]): string[] {
  return checks.filter((c) => !isAnswered(c)).map((c) => c.checkId);
}

/** A resident's refusal: it ends the checks for the address at once (Sch 9 para 33). */
export function refusesConsent(answer: CheckAnswer): boolean {
  return 'decision' in answer && answer.decision === 'REFUSE';
}

function consentRefused(checks: readonly CheckState[]): boolean {
  return checks.some((c) => c.type === 'RESIDENT_CONSENT' && c.status === 'RESPONDED' && c.answer !== undefined && refusesConsent(c.answer));
}

/** The outcome of assessing a proposal's checks once the workflow has heard back on each. */
export type AssessmentResult =
  | { status: 'UNSUITABLE'; concerns: boolean; reason: 'CONSENT_NOT_GIVEN' }
  | { status: 'AWAITING_DECISION'; concerns: boolean }
  | { status: 'CHECKS_INCOMPLETE'; outstanding: string[] };

/**
 * Called when every branch of the workflow has an answer. A resident's refusal ends the proposal
 * (Sch 9 para 33: no monitoring without their consent); otherwise an officer must decide.
 */
export function assessAnsweredChecks(checks: readonly CheckState[]): AssessmentResult {
  const concerns = hasConcerns(checks);
  if (consentRefused(checks)) return { status: 'UNSUITABLE', concerns, reason: 'CONSENT_NOT_GIVEN' };
  const outstanding = outstandingChecks(checks);
  if (outstanding.length > 0) return { status: 'CHECKS_INCOMPLETE', outstanding };
  return { status: 'AWAITING_DECISION', concerns };
}

/** The result of an officer's suitability decision. */
export type DecisionResult =
  | { ok: true; nextStatus: 'SUITABLE' | 'AWAITING_COUNTERSIGN' | 'UNSUITABLE' }
  | { ok: false; error: 'CHECKS_INCOMPLETE'; outstanding: string[] }
  | { ok: false; error: 'NOT_ALLOWED'; reason: string };

/**
 * An officer's decision. There is no "continue anyway": suitable only when every check has an
 * answer, and only with a senior's countersignature when the countersigning policy requires one
 * (`countersigning`, the answer of functions/domain/countersigning-policy.ts for this decision:
 * today an answer raised a concern, or a senior probation officer sent a decision on this
 * proposal back). Unsuitable is allowed at any time before the proposal is closed.
 */
export function decide(status: ProposalStatus, outcome: 'SUITABLE' | 'UNSUITABLE', checks: readonly CheckState[], countersigning: { required: boolean }): DecisionResult {
  if (isFinal(status)) return { ok: false, error: 'NOT_ALLOWED', reason: `The proposal is already ${status}` };
  if (outcome === 'UNSUITABLE') return { ok: true, nextStatus: 'UNSUITABLE' };
  const outstanding = outstandingChecks(checks);
  if (outstanding.length > 0) return { ok: false, error: 'CHECKS_INCOMPLETE', outstanding };
  if (status !== 'AWAITING_DECISION') {
    return { ok: false, error: 'NOT_ALLOWED', reason: `A proposal that is ${status} cannot be found suitable` };
  }
  if (consentRefused(checks)) {
    return { ok: false, error: 'NOT_ALLOWED', reason: 'A resident has not given consent' };
  }
  return { ok: true, nextStatus: countersigning.required ? 'AWAITING_COUNTERSIGN' : 'SUITABLE' };
}

/** The result of a senior probation officer's countersignature. */
export type CountersignResult =
  | { ok: true; nextStatus: 'SUITABLE' | 'AWAITING_DECISION' }
  | { ok: false; error: 'NOT_ALLOWED'; reason: string }
  | { ok: false; error: 'SAME_PERSON' };

/**
 * Quality assurance of a "suitable" decision made despite a concern: a different person agrees
 * (suitable) or disagrees, which sends the decision back to the officer with their comment
 * (AWAITING_DECISION): a disagreement asks for something to be done (speak to the resident again,
 * alone), it does not close the case. Nobody may countersign their own decision.
 */
export function countersign(status: ProposalStatus, agree: boolean, decidedBy: string, countersignerId: string): CountersignResult {
  if (status !== 'AWAITING_COUNTERSIGN') {
    return { ok: false, error: 'NOT_ALLOWED', reason: `A proposal that is ${status} is not waiting for a countersignature` };
  }
  if (decidedBy === countersignerId) return { ok: false, error: 'SAME_PERSON' };
  return { ok: true, nextStatus: agree ? 'SUITABLE' : 'AWAITING_DECISION' };
}

/**
 * Whether the officer may record a resident's consent again, once every check is answered and
 * before deciding: only consent that raised a concern (to replace it with consent taken alone), or
 * any consent once a senior probation officer has sent a decision back (they may have asked for
 * it). A consent the resident gave freely through their own link is otherwise theirs to keep.
 */
export function mayRecordConsentAgain(status: ProposalStatus, check: CheckState, options: { returned?: boolean } = {}): boolean {
  if (status !== 'AWAITING_DECISION' || check.type !== 'RESIDENT_CONSENT' || check.status !== 'RESPONDED') return false;
  if (check.answer === undefined || !('decision' in check.answer) || check.answer.decision !== 'CONSENT') return false;
  return options.returned === true || checkConcerns(check).length > 0;
}

/** Whether a proposal may still be withdrawn: only while it is open. */
export function mayWithdraw(status: ProposalStatus): boolean {
  return !isFinal(status);
}
