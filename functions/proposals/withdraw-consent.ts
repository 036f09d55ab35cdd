import { consentWithdrawalEffect, givesConsent, type ConsentWithdrawalVia } from '#domain/consent-withdrawal';
import { consentWithdrawalSchema } from '#schemas/staff-actions';
import { checkpoint } from '#runtime/checkpoints';
import { now } from '#runtime/clock';
import { ConflictError, NotFoundError } from '#runtime/errors';
import { logger } from '#runtime/logger';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import { stopChecksWorkflow } from '#checks-workflow/executions';
import { completeTaskAfterCommit } from '#checks-workflow/task-callbacks';
import type { WithdrawalLinkFound } from '#links/withdrawal-link';
import { spendWithdrawalLinkItem, withdrawConsentItem } from '#store/consent-withdrawals';
import type { CheckItem } from '#store/items';
import { outboxPut } from '#store/outbox';
import { pendingEndPut, pendingEndsBefore, removePendingEnd } from '#store/pending-starts';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { cancelOpenChecks, moveProposal } from '#store/proposal-transitions';
import { officerAddress, seniorProbationOfficerAddresses } from '#store/staff-directory';
import type { TransactItems } from '#store/transact-item';
import { writeAtomically } from '#store/transactions';
import { noLongerNeededNotices } from './assess-checks.ts';
import { loadProposalOfCourt } from './court-access.ts';

interface WithdrawalToRecord {
  stored: StoredProposal;
  check: CheckItem;
  via: ConsentWithdrawalVia;
  /** The officer who recorded it; undefined through the resident's link. */
  officer: StaffUser | undefined;
  /** Through the link: spent in the same transaction, so it withdraws once. */
  linkTokenHash?: string;
  at: Date;
}

/**
 * A resident withdraws the consent they gave, the one way it is done (their link or the officer
 * they told). The rule (domain/consent-withdrawal.ts) says what follows; in one transaction the
 * check records the withdrawal (once), the proposal moves or is flagged, a proposal still in its
 * checks ends as a refusal does (open checks cancelled, their recipients told they are no longer
 * needed; ADR 0016), the officer and the court team's SPOs get their notice, and the audit record
 * CONSENT_WITHDRAWN names the check, never the resident. Then the workflow is stopped (checks) or
 * woken (a decision or countersignature waiting). Returns false when nothing changed: already
 * withdrawn, the link already spent, or the proposal changed meanwhile.
 */
async function withdrawConsent(request: WithdrawalToRecord): Promise<boolean> {
  // A proposal that moves as we write (an answer landing, the checks assessed) makes the write fail:
  // read again and withdraw from what is stored now, unless the withdrawal itself is what changed.
  let current = request;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    if (await writeWithdrawal(current)) {
      return true;
    }
    const stored = await loadExistingProposal(request.stored.proposal.proposalId);
    const check = stored.checks.find((candidate) => candidate.checkId === request.check.checkId);
    if (check === undefined || check.consentWithdrawal !== undefined || !givesConsent(check)) {
      return false;
    }
    current = { ...request, stored, check };
  }
  return false;
}

const maxAttempts = 4;

async function writeWithdrawal(request: WithdrawalToRecord): Promise<boolean> {
  const { stored, check, via, at } = request;
  const { proposal, checks } = stored;
  const effect = consentWithdrawalEffect(proposal, at);
  const moves = effect.status !== proposal.status;
  const endsWorkflow = effect.endsChecks || (moves && (proposal.status === 'AWAITING_DECISION' || proposal.status === 'AWAITING_COUNTERSIGN'));
  const notices = effect.notice === undefined ? [] : await staffRecipients(stored);
  const items: TransactItems = [
    withdrawConsentItem(check, { at: at.toISOString(), via, ...(request.officer === undefined ? {} : { recordedBy: request.officer.id }), afterHearing: effect.afterHearing }),
    ...(request.linkTokenHash === undefined ? [] : [spendWithdrawalLinkItem(request.linkTokenHash, at)]),
    // The proposal keeps its first withdrawal's record; a second resident's withdrawal still moves nothing twice.
    moveProposal(proposal.proposalId, proposal.status, effect.status, at, {
      ...(proposal.consentWithdrawal === undefined ? { consentWithdrawal: { at: at.toISOString(), afterHearing: effect.afterHearing } } : {}),
      ...(moves ? { unsuitableReason: 'CONSENT_WITHDRAWN' } : {}),
    }),
    // "End my workflow", in the same transaction: a crash before the workflow is stopped or woken
    // leaves it for the repair sweep, as the resident's spent link cannot be used again.
    ...(endsWorkflow ? [pendingEndPut(proposal.proposalId, at)] : []),
    ...(effect.endsChecks ? [...cancelOpenChecks(checks, at), ...noLongerNeededNotices(proposal, checks, at)] : []),
    ...(effect.notice === undefined
      ? []
      : notices.map((recipient) =>
          outboxPut({ id: `${effect.notice}#${check.checkId}#${recipient.role}`, kind: effect.notice ?? 'CONSENT_WITHDRAWN', to: recipient.to, proposalId: proposal.proposalId, checkType: 'RESIDENT_CONSENT', sentAt: at.toISOString() }),
        )),
  ];
  const audit = {
    proposalId: proposal.proposalId,
    action: 'CONSENT_WITHDRAWN',
    actor: request.officer?.id ?? 'RESIDENT',
    at,
    checkId: check.checkId,
    via,
    afterHearing: effect.afterHearing,
    status: effect.status,
  };
  if (!(await writeAtomically(items, audit))) {
    return false;
  }
  logger.info('Consent withdrawn', { proposalId: proposal.proposalId, checkId: check.checkId, via, afterHearing: effect.afterHearing, status: effect.status, notices: notices.length });
  checkpoint('consent-withdrawn'); // Stored, the workflow not yet stopped or woken: where the crash harness may stop the process.
  if (endsWorkflow) {
    await endWorkflowAfterWithdrawal(proposal.proposalId);
  }
  return true;
}

/**
 * The workflow of a proposal a withdrawal made unsuitable: woken if it waits for a decision or
 * countersignature (the token read after the commit, as a decision does), else stopped (it still
 * waits for checks that no longer matter, as after an early unsuitable decision). Done again when
 * the withdrawal is tried again (a crash may have come between the commit and this): waking a
 * wait already ended, or stopping an execution already ended, changes nothing.
 */
async function endWorkflowAfterWithdrawal(proposalId: string): Promise<void> {
  const committed = await loadExistingProposal(proposalId);
  if (committed.proposal.stageTaskToken !== undefined) {
    await completeTaskAfterCommit(committed.proposal.stageTaskToken, { proposalId, status: committed.proposal.status });
  } else {
    try {
      // Stopping an execution that has already ended, or never started, succeeds (stopChecksWorkflow).
      await stopChecksWorkflow(proposalId, 'A resident withdrew their consent');
    } catch (error) {
      // Step Functions failed us this time: the marker stays, and the repair tries again within minutes.
      logger.warn('Could not stop the checks workflow after a withdrawal of consent: the repair will', { proposalId, errorName: error instanceof Error ? error.name : 'unknown' });
      return;
    }
  }
  await removePendingEnd(proposalId);
}

/**
 * The repair (every minute, with the pending starts): ends the workflow of every proposal whose
 * "end my workflow" marker is older than `olderThan`, left by a crash between a withdrawal's write
 * and stopping or waking its workflow. Nobody need try again (a resident's link is spent).
 */
export async function endWorkflowsAfterInterruptedWithdrawals(olderThan: Date): Promise<{ ended: number }> {
  const pending = await pendingEndsBefore(olderThan);
  for (const proposalId of pending) {
    await endWorkflowAfterWithdrawal(proposalId);
    logger.warn('Workflow ended by the repair: a withdrawal of consent was stored but its workflow not ended', { proposalId });
  }
  return { ended: pending.length };
}

/** A withdrawal already recorded that made the proposal unsuitable: its workflow must have ended (see endWorkflowAfterWithdrawal). */
function madeUnsuitableByWithdrawal(stored: StoredProposal): boolean {
  return stored.proposal.status === 'UNSUITABLE' && stored.proposal.unsuitableReason === 'CONSENT_WITHDRAWN';
}

/**
 * The officer who started the proposal and the SPOs of its court (as for an overdue check). An
 * officer who has never signed in has no address yet; the proposal page shows it either way.
 */
async function staffRecipients(stored: StoredProposal): Promise<{ role: string; to: string }[]> {
  const [officer, seniorProbationOfficers] = await Promise.all([officerAddress(stored.proposal.createdBy), seniorProbationOfficerAddresses(stored.proposal.courtCode)]);
  return [...(officer === undefined ? [] : [{ role: 'OFFICER', to: officer }]), ...seniorProbationOfficers.map((to, index) => ({ role: `SPO${index + 1}`, to }))];
}

/**
 * The officer records that a resident told them they withdraw consent (the staff page and
 * `POST /api/proposals/{proposalId}/consent-withdrawals`). 404 for a check that is not a resident's
 * of this proposal; 409 when the resident has no consent to withdraw, or it was already withdrawn.
 */
export async function recordConsentWithdrawal(user: StaffUser, proposalId: string, body: unknown): Promise<StoredProposal> {
  const stored = await loadProposalOfCourt(user, proposalId);
  const { checkId } = parseWith(body, consentWithdrawalSchema);
  const check = stored.checks.find((candidate) => candidate.checkId === checkId && candidate.type === 'RESIDENT_CONSENT');
  if (check === undefined) {
    throw new NotFoundError('No such resident check on this proposal');
  }
  if (check.consentWithdrawal !== undefined) {
    // Tried again (perhaps after a crash just after the first was stored): finish what it started, then say it was done.
    if (madeUnsuitableByWithdrawal(stored)) await endWorkflowAfterWithdrawal(stored.proposal.proposalId);
    throw new ConflictError({ error: 'ALREADY_WITHDRAWN', message: "This resident's consent has already been withdrawn", status: stored.proposal.status });
  }
  if (!givesConsent(check)) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'This resident has not given consent, so there is nothing to withdraw', status: stored.proposal.status });
  }
  if (!(await withdrawConsent({ stored, check, via: 'OFFICER', officer: user, at: now() }))) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were recording this: reload it and try again' });
  }
  return loadExistingProposal(stored.proposal.proposalId);
}

/**
 * The resident's own link (POST /withdraw-consent): withdraws once. False when it changed nothing
 * (spent a moment ago in another tab, or the officer recorded it meanwhile).
 */
export async function withdrawConsentThroughLink(found: WithdrawalLinkFound, at: Date): Promise<boolean> {
  return withdrawConsent({ stored: found.stored, check: found.check, via: 'LINK', officer: undefined, linkTokenHash: found.tokenHash, at });
}
