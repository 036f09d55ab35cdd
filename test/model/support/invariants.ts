import { computeDueAt } from '#domain/deadlines';
import type { OutboxMessage } from '../../support/api-client.ts';
import type { Outcome } from './operations.ts';
import type { StoredAudit, StoredState } from './stored-state.ts';
import type { TaskCallback } from './task-callbacks.ts';

/**
 * The lifecycle's rules, checked against everything a run left behind: the audit trail in order
 * (the whole history, not just the final state), the stored proposal and checks, the messages
 * sent, the responses the operations got and the workflow task completions.
 */
export const finalStatuses = ['SUITABLE', 'UNSUITABLE', 'WITHDRAWN'] as const;
const isFinal = (status: string) => (finalStatuses as readonly string[]).includes(status);

/**
 * Records that change nothing: staff reading the proposal or its trail, and an answer tried through
 * a link already used (kept so the officer sees it, even on a final proposal: a resident who refused
 * may want to agree after all; nothing of the answer is stored and nothing changes).
 */
const viewActions = new Set(['PROPOSAL_VIEWED', 'RESTRICTED_ANSWERS_VIEWED', 'AUDIT_TRAIL_EXPORTED', 'DISCLOSED_TO_COURT_LIST', 'LATER_ANSWER_ATTEMPTED']);

/** The court's own facts: a decided proposal's hearing can still move (ADR 0024); a withdrawn one has none. */
const hearingActions = new Set(['HEARING_ADJOURNED', 'HEARING_OUTCOME_RECORDED']);

/** The reference state machine: each status-changing audit action, the statuses it may happen in, and where it leads. */
function transition(action: string, from: string | undefined, concerns: boolean, returned: boolean): string | undefined | 'INVALID' {
  switch (action) {
    case 'PROPOSAL_CREATED':
      return from === undefined ? 'CHECKS_IN_PROGRESS' : 'INVALID';
    case 'CHECKS_COMPLETE':
      return from === 'CHECKS_IN_PROGRESS' ? 'AWAITING_DECISION' : 'INVALID';
    case 'CONSENT_NOT_GIVEN':
      // A refusal through a link or the officer while checks run, or consent taken again before deciding (ADR 0016).
      return from === 'CHECKS_IN_PROGRESS' || from === 'AWAITING_DECISION' ? 'UNSUITABLE' : 'INVALID';
    case 'DECISION_SUITABLE':
      // After a senior probation officer sent a decision back, a new suitable decision is countersigned again.
      return from === 'AWAITING_DECISION' ? (concerns || returned ? 'AWAITING_COUNTERSIGN' : 'SUITABLE') : 'INVALID';
    case 'DECISION_UNSUITABLE':
      return from !== undefined && !isFinal(from) ? 'UNSUITABLE' : 'INVALID';
    case 'COUNTERSIGNED':
      return from === 'AWAITING_COUNTERSIGN' ? 'SUITABLE' : 'INVALID';
    case 'COUNTERSIGNATURE_REFUSED':
      return from === 'AWAITING_COUNTERSIGN' ? 'AWAITING_DECISION' : 'INVALID';
    case 'PROPOSAL_WITHDRAWN':
      return from !== undefined && !isFinal(from) ? 'WITHDRAWN' : 'INVALID';
    case 'CONSENT_WITHDRAWN':
      // Before the hearing (every run's hearing is ahead): anything but a closed proposal becomes UNSUITABLE,
      // a SUITABLE one too; on an UNSUITABLE or WITHDRAWN one it is only recorded (ADR 0025).
      if (from === undefined) return 'INVALID';
      return from === 'UNSUITABLE' || from === 'WITHDRAWN' ? undefined : 'UNSUITABLE';
    default:
      return undefined;
  }
}

const concernOutcomes = new Set(['INFORMATION_HELD', 'KNOWN_NO_CURRENT_INVOLVEMENT', 'CURRENT_INVOLVEMENT']);

/**
 * An answer that needs a senior's eye (ADR 0016): police information or a known family, or
 * consent that may not have been freely given (not taken alone, or after the resident asked to
 * speak to someone first).
 */
function raisesConcern(check: StoredState['checks'][number]): boolean {
  if (check.answer?.outcome !== undefined) return concernOutcomes.has(check.answer.outcome);
  if (check.answer?.decision !== 'CONSENT') return false;
  return check.needsContactAt !== undefined || (check.source?.via === 'OFFICER' && check.source.spokenToAlone === false);
}

/** The audit record a message is written with, in the same transaction. */
function auditOfMessage(message: OutboxMessage, audit: readonly StoredAudit[]): StoredAudit | undefined {
  const [kind, checkId, part] = message.id.split('#');
  const of = (action: string) => audit.filter((record) => record.action === action && record.checkId === checkId);
  switch (kind) {
    case 'REQUEST':
      return of('CHECK_REQUESTED')[0];
    case 'RESEND':
      return of('LINK_RESENT')[Number(part) - 1];
    case 'OVERDUE':
      return of('CHECK_OVERDUE')[0];
    case 'NEEDS_CONTACT':
      return of('RESIDENT_ASKED_TO_SPEAK')[0];
    case 'REMINDER':
      return of('REMINDER_SENT')[0];
    case 'DECISION_RETURNED':
      return audit.filter((record) => record.action === 'COUNTERSIGNATURE_REFUSED')[Number(part) - 1];
    case 'NO_LONGER_NEEDED':
      // Written with the refusal, or the withdrawal of consent, that stopped the request (ADR 0016, 0025).
      return audit.find((record) => record.action === 'CONSENT_NOT_GIVEN' || record.action === 'CONSENT_WITHDRAWN');
    case 'CONSENT_CONFIRMED':
      // Written with the resident's consent, through their link or the officer.
      return of('CHECK_ANSWERED')[0];
    case 'CONSENT_WITHDRAWN':
    case 'CONSENT_WITHDRAWN_AFTER_HEARING':
      return of('CONSENT_WITHDRAWN')[0];
    case 'NEW_LINK_REQUESTED':
      // Written with the holder's request; a later request (after a new link) is a later record.
      return of('NEW_LINK_REQUESTED').at(-1);
    default:
      return undefined;
  }
}

export interface RunEvidence {
  state: StoredState;
  /** The trail as GET /api/proposals/{id}/audit exported it, with its hash-chain verdict. */
  exported: { verification: { valid: boolean }; records: { seq: number; action: string }[] };
  messages: OutboxMessage[];
  outcomes: Outcome[];
  callbacks: TaskCallback[];
  executionStatus: string | undefined;
  /** The handlers' clock when the run ended. */
  now: Date;
  /** The proposal for another address that replaced this one, if one did (its requests sent). */
  nextVersion?: StoredState;
}

/** Every rule broken by a run, in words; empty when the run kept them all. */
export function violations({ state, exported, messages, outcomes, callbacks, executionStatus, now, nextVersion }: RunEvidence): string[] {
  const found: string[] = [];
  const { audit, checks, proposal } = state;
  const at = (record: StoredAudit) => `#${record.seq} ${record.action}${record.checkId === undefined ? '' : ` ${record.checkId.slice(0, 8)}`}`;
  const concerns = checks.some(raisesConcern);

  // The trail is whole and in order, and the export shows the same records.
  audit.forEach((record, index) => {
    if (record.seq !== index + 1) found.push(`audit sequence has a gap or repeat at ${at(record)}`);
  });
  if (!exported.verification.valid) found.push('the exported audit trail does not verify');
  const exportedPrefix = exported.records.map((record) => `${record.seq} ${record.action}`);
  const storedPrefix = audit.slice(0, exportedPrefix.length).map((record) => `${record.seq} ${record.action}`);
  if (JSON.stringify(exportedPrefix) !== JSON.stringify(storedPrefix)) found.push('the exported audit trail differs from the stored one');

  // (i) Replay the history through the reference state machine: no transition from a status that
  // does not allow it, nothing moves a final status on, and the replay ends where the store is.
  let status: string | undefined;
  let finalRecord: StoredAudit | undefined;
  let suitableRecord: StoredAudit | undefined;
  let returned = false;
  for (const record of audit) {
    const next = transition(record.action, status, concerns, returned);
    if (record.action === 'COUNTERSIGNATURE_REFUSED') returned = true;
    if (next === undefined) continue;
    if (next === 'INVALID') {
      found.push(`${at(record)} happened while the proposal was ${status ?? 'not created'}${finalRecord === undefined ? '' : ` (final since ${at(finalRecord)})`}`);
      continue;
    }
    status = next;
    if (isFinal(status) && finalRecord === undefined) finalRecord = record;
    if (status === 'SUITABLE') suitableRecord = record;
  }
  if (status !== proposal.status) found.push(`the history leads to ${status} but the stored status is ${proposal.status}`);

  // Nothing happens after a final status except staff reading it: no answer, message, decision,
  // reminder or overdue mark (for WITHDRAWN this is invariant iii).
  if (finalRecord !== undefined) {
    for (const record of audit.filter((candidate) => candidate.seq > (finalRecord?.seq ?? 0))) {
      const courtFact = hearingActions.has(record.action) && proposal.status !== 'WITHDRAWN';
      // Another address replaces an unsuitable or withdrawn proposal without changing it (ADR 0026).
      const replaced = record.action === 'REPLACED_BY_ALTERNATIVE_ADDRESS' && (proposal.status === 'UNSUITABLE' || proposal.status === 'WITHDRAWN');
      // A resident may withdraw their consent whatever the status (until the curfew ends): it is their fact, not the proposal's.
      const residentFact = record.action === 'CONSENT_WITHDRAWN';
      if (!viewActions.has(record.action) && !courtFact && !replaced && !residentFact) found.push(`${at(record)} after the proposal became final at ${at(finalRecord)}`);
    }
    const open = checks.filter((check) => !['RESPONDED', 'CANCELLED'].includes(check.status));
    if (open.length > 0) found.push(`${open.length} checks still open on a ${proposal.status} proposal`);
  }

  // (ii) SUITABLE only with every check answered (before it, in the trail), no refusal, and a
  // countersignature by someone else when an answer raised a concern.
  if (suitableRecord !== undefined) {
    for (const check of checks) {
      const answered = audit.find((record) => record.action === 'CHECK_ANSWERED' && record.checkId === check.checkId);
      if (answered === undefined || answered.seq > suitableRecord.seq) found.push(`SUITABLE at ${at(suitableRecord)} without check ${check.checkId.slice(0, 8)} answered first`);
      if (check.status !== 'RESPONDED' || check.answer === undefined || check.answer.decision === 'SPEAK_TO_OFFICER' || check.answer.decision === 'REFUSE') {
        found.push(`SUITABLE with check ${check.checkId.slice(0, 8)} ${check.status} ${JSON.stringify(check.answer)}`);
      }
    }
    const completed = audit.find((record) => record.action === 'CHECKS_COMPLETE');
    if (completed === undefined || completed.seq > suitableRecord.seq) found.push('SUITABLE before the workflow found every check answered');
    if (concerns || returned) {
      // The decision that led to SUITABLE is the last one before it, in whichever round.
      const decided = audit.filter((record) => record.action === 'DECISION_SUITABLE' && record.seq < suitableRecord.seq).at(-1);
      const countersigned = audit.find((record) => record.action === 'COUNTERSIGNED');
      if (countersigned === undefined || countersigned.actor === decided?.actor) found.push('SUITABLE despite a concern without a countersignature by someone else');
    }
  }

  // Each check: requested once, answered at most once, overdue at most once.
  for (const check of checks) {
    const count = (action: string) => audit.filter((record) => record.action === action && record.checkId === check.checkId).length;
    if (count('CHECK_REQUESTED') !== 1) found.push(`check ${check.checkId.slice(0, 8)} requested ${count('CHECK_REQUESTED')} times`);
    if (count('CHECK_ANSWERED') > 1) found.push(`check ${check.checkId.slice(0, 8)} answered ${count('CHECK_ANSWERED')} times`);
    // Once per due date: an adjournment can make an overdue check due again (ADR 0024).
    if (count('CHECK_OVERDUE') > 1 + (check.dueRound ?? 0)) found.push(`check ${check.checkId.slice(0, 8)} marked overdue ${count('CHECK_OVERDUE')} times in ${1 + (check.dueRound ?? 0)} due dates`);
    if ((check.status === 'RESPONDED') !== (count('CHECK_ANSWERED') === 1)) found.push(`check ${check.checkId.slice(0, 8)} is ${check.status} with ${count('CHECK_ANSWERED')} answers in the trail`);
  }
  if (audit.some((record) => record.action === 'NEEDS_ATTENTION')) found.push('the workflow failed (NEEDS_ATTENTION)');

  // Consent withdrawn before the hearing: never SUITABLE afterwards, and nothing may make it so.
  const withdrawal = audit.find((record) => record.action === 'CONSENT_WITHDRAWN');
  if (withdrawal !== undefined) {
    if (proposal.status === 'SUITABLE') found.push(`SUITABLE after consent was withdrawn at ${at(withdrawal)}`);
    const later = audit.find((record) => record.seq > withdrawal.seq && ['COUNTERSIGNED', 'DECISION_SUITABLE', 'CHECKS_COMPLETE'].includes(record.action));
    if (later !== undefined) found.push(`${at(later)} after consent was withdrawn at ${at(withdrawal)}`);
  }
  // No message is written once the proposal is closed for good (UNSUITABLE or WITHDRAWN: a SUITABLE
  // one still moves when consent is withdrawn), except the after-hearing alert, which runs here never send.
  const closedRecord = audit.find((record) => record.action === 'PROPOSAL_WITHDRAWN' || record.action === 'DECISION_UNSUITABLE' || record.action === 'CONSENT_NOT_GIVEN' || (record.action === 'CONSENT_WITHDRAWN' && record.status === 'UNSUITABLE'));
  for (const message of messages) {
    const record = auditOfMessage(message, audit);
    if (closedRecord !== undefined && record !== undefined && record.seq > closedRecord.seq && !message.id.startsWith('CONSENT_WITHDRAWN_AFTER_HEARING#')) {
      found.push(`message ${message.id.split('#')[0]} written at ${at(record)}, after the proposal closed at ${at(closedRecord)}`);
    }
  }

  // A refusal is acted on at once (the run has settled): the proposal does not stay open waiting for the rest.
  if (checks.some((check) => check.status === 'RESPONDED' && check.answer?.decision === 'REFUSE') && !isFinal(proposal.status)) {
    found.push(`a resident refused but the proposal is still ${proposal.status}`);
  }

  // Every message was written with its audit record (so (iii) covers messages too), and every
  // link sent again has its message.
  for (const message of messages) {
    const record = auditOfMessage(message, audit);
    if (record === undefined) found.push(`message ${message.id.split('#')[0]} for ${message.id.split('#')[1]?.slice(0, 8)} has no audit record`);
  }
  for (const check of checks) {
    const resent = audit.filter((record) => record.action === 'LINK_RESENT' && record.checkId === check.checkId).length;
    const resendMessages = messages.filter((message) => message.id.startsWith(`RESEND#${check.checkId}#`)).length;
    if (resent !== resendMessages || resent !== (check.resendCount ?? 0)) found.push(`check ${check.checkId.slice(0, 8)}: ${resent} LINK_RESENT, ${resendMessages} resend messages, resendCount ${check.resendCount ?? 0}`);
  }

  // An answer accepted through link k (0: the request's, n: the n-th resend's) was accepted while
  // that link was the live one: exactly k resends came before it in the trail.
  for (const outcome of outcomes) {
    if (outcome.op !== 'answer' || outcome.status !== 200) continue;
    const first = audit.find((record) => (record.action === 'CHECK_ANSWERED' || record.action === 'RESIDENT_ASKED_TO_SPEAK') && record.checkId === outcome.check.checkId);
    if (first === undefined) {
      found.push(`an accepted answer for ${outcome.check.name} left no record`);
      continue;
    }
    const resendsBefore = audit.filter((record) => record.action === 'LINK_RESENT' && record.checkId === outcome.check.checkId && record.seq < first.seq).length;
    if (resendsBefore !== outcome.linkIndex) found.push(`${outcome.check.name} answered through link ${outcome.linkIndex} after ${resendsBefore} resends (${at(first)}): an old link was accepted`);
  }
  const acceptedByLink = new Map<string, number>();
  for (const outcome of outcomes) {
    if (outcome.op === 'answer' && outcome.status === 200) acceptedByLink.set(outcome.check.checkId, (acceptedByLink.get(outcome.check.checkId) ?? 0) + 1);
  }
  for (const [checkId, count] of acceptedByLink) {
    if (count > 1) found.push(`check ${checkId.slice(0, 8)}: ${count} answers accepted through links`);
  }

  // A final status a response reported is the one the proposal keeps.
  for (const outcome of outcomes) {
    // (A SUITABLE proposal becomes UNSUITABLE when a resident then withdraws their consent.)
    const withdrawnSince = 'reported' in outcome && outcome.reported === 'SUITABLE' && withdrawal !== undefined;
    if ('reported' in outcome && outcome.reported !== undefined && isFinal(outcome.reported) && outcome.reported !== proposal.status && !withdrawnSince) {
      found.push(`${outcome.op} answered ${outcome.reported}, but the proposal is now ${proposal.status}`);
    }
  }

  // Task completions: each check's task completed at most once, and exactly once when the
  // workflow found every check answered (a refusal ends the checks without waiting for the rest,
  // ADR 0016); the decision stages at most once each.
  const passedChecks = audit.some((record) => record.action === 'CHECKS_COMPLETE');
  for (const check of checks) {
    const completions = callbacks.filter((call) => call.command === 'SendTaskSuccess' && call.accepted && call.output?.checkId === check.checkId).length;
    if (completions > 1 || (passedChecks && completions !== 1)) found.push(`check ${check.checkId.slice(0, 8)}'s task completed ${completions} times`);
  }
  // Each wait for a person ends once per round: at most one completion per decision or countersignature
  // recorded, or withdrawal of consent (which ends a wait for a decision or countersignature, ADR 0025).
  const stageCompletions = callbacks.filter((call) => call.command === 'SendTaskSuccess' && call.accepted && call.output?.proposalId === proposal.proposalId).map((call) => call.output?.status ?? '');
  const staffSteps = audit.filter((record) => ['DECISION_SUITABLE', 'DECISION_UNSUITABLE', 'COUNTERSIGNED', 'COUNTERSIGNATURE_REFUSED', 'CONSENT_NOT_GIVEN', 'CONSENT_WITHDRAWN'].includes(record.action)).length;
  if (stageCompletions.length > staffSteps) found.push(`decision stages completed ${stageCompletions.join(', ')} for ${staffSteps} decisions and countersignatures`);

  // (iv) The hearing moved (ADR 0024): each accepted adjournment has its record, the history chains
  // from date to later date and ends at the proposal's date; every check is on the proposal's court
  // list; every check still waiting is due by the current hearing; none is overdue before its due time.
  const adjourned = audit.filter((record) => record.action === 'HEARING_ADJOURNED');
  const history = proposal.adjournments ?? [];
  const acceptedAdjournments = outcomes.filter((outcome) => outcome.op === 'adjourn' && outcome.status === 200).length;
  if (adjourned.length !== history.length || acceptedAdjournments !== history.length) found.push(`${acceptedAdjournments} adjournments accepted, ${adjourned.length} HEARING_ADJOURNED records, ${history.length} kept on the proposal`);
  history.forEach((adjournment, index) => {
    const previous = history[index - 1];
    if (previous !== undefined && previous.hearingDate !== adjournment.previousHearingDate) found.push(`adjournment ${index + 1} moved from ${adjournment.previousHearingDate}, but the hearing was then ${previous.hearingDate}`);
    if (adjournment.hearingDate <= adjournment.previousHearingDate) found.push(`adjournment ${index + 1} moved the hearing from ${adjournment.previousHearingDate} to ${adjournment.hearingDate}`);
  });
  if (history.length > 0 && history.at(-1)?.hearingDate !== proposal.hearingDate) found.push(`the last adjournment moved the hearing to ${history.at(-1)?.hearingDate}, but it is ${proposal.hearingDate}`);
  const dueNow = computeDueAt(proposal.hearingDate, proposal.reportType).toISOString();
  for (const check of checks) {
    if (check.courtHearing !== proposal.courtHearing) found.push(`check ${check.checkId.slice(0, 8)} is on the court list of ${check.courtHearing}, its proposal on ${proposal.courtHearing}`);
    const waiting = ['REQUESTED', 'OVERDUE', 'NEEDS_CONTACT'].includes(check.status);
    if (waiting && check.dueAt !== dueNow) found.push(`check ${check.checkId.slice(0, 8)} (${check.status}) is due ${check.dueAt}, the hearing's due time is ${dueNow}`);
    if (check.status === 'OVERDUE' && new Date(check.dueAt) > now) found.push(`check ${check.checkId.slice(0, 8)} is OVERDUE before its due time ${check.dueAt}`);
  }

  // (v) Another address (ADR 0026): accepted at most once, only from UNSUITABLE or WITHDRAWN, in
  // the same write as the old proposal's link to it and both trails' records; every refusal of a
  // second one names the version that replaced it; the new version starts with every check of its
  // own, none answered, so it is never SUITABLE without every answer of the current version.
  found.push(...anotherAddressViolations(state, outcomes, nextVersion));

  // The workflow ends with the proposal.
  if (isFinal(proposal.status) && executionStatus === 'RUNNING') found.push(`the workflow is still running on a ${proposal.status} proposal`);
  if (proposal.status === 'WITHDRAWN' && executionStatus !== 'ABORTED') found.push(`the workflow of a withdrawn proposal is ${executionStatus}`);
  return found;
}

function anotherAddressViolations({ proposal, audit, checks }: StoredState, outcomes: readonly Outcome[], nextVersion: StoredState | undefined): string[] {
  const found: string[] = [];
  const tries = outcomes.filter((outcome): outcome is Extract<Outcome, { op: 'anotherAddress' }> => outcome.op === 'anotherAddress');
  const accepted = tries.filter((outcome) => outcome.status === 201);
  const replacedRecords = audit.filter((record) => record.action === 'REPLACED_BY_ALTERNATIVE_ADDRESS');
  if (accepted.length > 1) found.push(`another address accepted ${accepted.length} times`);
  if (replacedRecords.length !== accepted.length) found.push(`${accepted.length} other addresses accepted, ${replacedRecords.length} REPLACED_BY_ALTERNATIVE_ADDRESS records`);
  const next = accepted[0]?.nextProposalId;
  if (proposal.nextProposalId !== next) found.push(`the proposal names ${proposal.nextProposalId ?? 'no'} next version, the accepted request made ${next ?? 'none'}`);
  if (next !== undefined && proposal.status !== 'UNSUITABLE' && proposal.status !== 'WITHDRAWN') found.push(`another address accepted for a ${proposal.status} proposal`);
  if (next !== undefined && replacedRecords[0]?.nextProposalId !== next) found.push('the REPLACED_BY_ALTERNATIVE_ADDRESS record does not name the new version');
  for (const refused of tries.filter((outcome) => outcome.status === 409 && outcome.error === 'ALREADY_REPLACED')) {
    if (refused.nextProposalId !== proposal.nextProposalId) found.push(`a second address was refused as replaced by ${refused.nextProposalId ?? 'nothing'}, but ${proposal.nextProposalId ?? 'nothing'} replaced it`);
  }
  if (next === undefined) return found;
  if (nextVersion === undefined) return [...found, 'the new version was not read'];
  const { proposal: newer, audit: newerAudit, checks: newerChecks } = nextVersion;
  if (newer.caseId !== proposal.proposalId || newer.version !== 2 || newer.previousProposalId !== proposal.proposalId) {
    found.push(`the new version is ${newer.caseId ?? '?'} v${newer.version ?? '?'} after ${newer.previousProposalId ?? '?'}`);
  }
  const trail = newerAudit.map((record) => record.action);
  if (trail[0] !== 'PROPOSAL_CREATED' || trail[1] !== 'ALTERNATIVE_ADDRESS_PROPOSED') found.push(`the new version's trail starts ${trail.slice(0, 2).join(', ')}`);
  const proposed = newerAudit[1];
  if (proposed?.previousProposalId !== proposal.proposalId || proposed.caseId !== proposal.proposalId || proposed.version !== 2) found.push('ALTERNATIVE_ADDRESS_PROPOSED does not name the case, version and previous proposal');
  const oldIds = new Set(checks.map((check) => check.checkId));
  if (newerChecks.length !== 3 || newerChecks.some((check) => oldIds.has(check.checkId))) found.push(`the new version has ${newerChecks.length} checks, ${newerChecks.filter((check) => oldIds.has(check.checkId)).length} of them the old one's`);
  for (const check of newerChecks) {
    if (check.answer !== undefined || check.status === 'RESPONDED') found.push(`the new version's check ${check.checkId.slice(0, 8)} has an answer nobody gave it`);
    const requested = newerAudit.filter((record) => record.action === 'CHECK_REQUESTED' && record.checkId === check.checkId).length;
    if (requested !== 1) found.push(`the new version's check ${check.checkId.slice(0, 8)} requested ${requested} times`);
  }
  if (newer.status !== 'CHECKS_IN_PROGRESS') found.push(`the new version is ${newer.status} with none of its checks answered`);
  return found;
}
