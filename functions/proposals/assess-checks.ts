import { assessAnsweredChecks } from '#domain/check-rules';
import type { ProposalStatus } from '#domain/statuses';
import { now } from '#runtime/clock';
import { logger } from '#runtime/logger';
import { recipientFor } from '#links/check-recipients';
import type { CheckItem, ProposalItem } from '#store/items';
import { outboxPut } from '#store/outbox';
import { loadExistingProposal } from '#store/proposal-store';
import { cancelOpenChecks, moveProposal } from '#store/proposal-transitions';
import { writeAtomically } from '#store/transactions';

/**
 * Every branch has an answer, or a resident refused (the workflow's Parallel caught
 * ConsentRefused): apply the rules and move the proposal on, once. A refusal makes the proposal
 * unsuitable at once: the requests still open are cancelled (their links stop working) and each
 * recipient who was sent one is told it is no longer needed, in the same transaction. Police
 * information or a known family, or consent that may not have been freely given, is a concern.
 * Invoked again (a retry or a replay) it reports the status already reached.
 */
export async function assessChecks(proposalId: string): Promise<ProposalStatus> {
  // A refusal cancels the checks still open; one answered as we write makes the write fail, so
  // read again and assess what is stored now. Every retry sees one more check answered (or the
  // proposal closed), so a few attempts always suffice.
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await assessOnce(proposalId);
    if (outcome !== 'CHANGED_WHILE_ASSESSING') return outcome;
    if (attempt === maxAttempts) throw new Error(`Proposal ${proposalId} kept changing while it was assessed`);
  }
}

const maxAttempts = 8;

async function assessOnce(proposalId: string): Promise<ProposalStatus | 'CHANGED_WHILE_ASSESSING'> {
  const { proposal, checks } = await loadExistingProposal(proposalId);
  if (proposal.status !== 'CHECKS_IN_PROGRESS') {
    return proposal.status;
  }
  const assessment = assessAnsweredChecks(checks);
  if (assessment.status === 'CHECKS_INCOMPLETE') {
    throw new Error(`Proposal ${proposalId} was assessed with ${assessment.outstanding.length} checks unanswered`);
  }
  const at = now();
  const refused = assessment.status === 'UNSUITABLE';
  const moved = await writeAtomically([
    moveProposal(proposalId, 'CHECKS_IN_PROGRESS', assessment.status, at, {
      concerns: assessment.concerns,
      ...(refused ? { unsuitableReason: assessment.reason } : {}),
    }),
    ...(refused ? [...cancelOpenChecks(checks, at), ...noLongerNeededNotices(proposal, checks, at)] : []),
  ], { proposalId, action: refused ? 'CONSENT_NOT_GIVEN' : 'CHECKS_COMPLETE', actor: 'WORKFLOW', at });
  if (!moved) {
    return 'CHANGED_WHILE_ASSESSING';
  }
  logger.info('Checks assessed', { proposalId, status: assessment.status, concerns: assessment.concerns });
  return assessment.status;
}

/** A message to each recipient of an open request that went out: no answer is needed any more (also when a resident withdraws consent during the checks). */
export function noLongerNeededNotices(proposal: ProposalItem, checks: readonly CheckItem[], at: Date) {
  return cancelledRequests(checks).map((check) =>
    outboxPut({
      id: `NO_LONGER_NEEDED#${check.checkId}`,
      kind: 'NO_LONGER_NEEDED',
      to: recipientFor(proposal, check),
      proposalId: proposal.proposalId,
      checkType: check.type,
      ...(check.residentId === undefined ? {} : { residentId: check.residentId }),
      sentAt: at.toISOString(),
    }),
  );
}

/** The open checks cancelOpenChecks stops whose request was sent (a check not yet sent has nobody to tell). */
function cancelledRequests(checks: readonly CheckItem[]): CheckItem[] {
  return checks.filter((check) => check.status !== 'RESPONDED' && check.status !== 'CANCELLED' && check.requestedAt !== undefined);
}
