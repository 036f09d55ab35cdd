import { assessAnsweredChecks } from '#domain/check-rules';
import type { ProposalStatus } from '#domain/statuses';
import { now } from '#runtime/clock';
import { logger } from '#runtime/logger';
import { loadExistingProposal } from '#store/proposal-store';
import { moveProposal } from '#store/proposal-transitions';
import { writeAtomically } from '#store/transactions';

/**
 * Every branch has an answer: apply the rules (a refusal makes the proposal unsuitable; police
 * information or a known family is a concern) and move the proposal on, once. Invoked again (a
 * retry or a replay) it reports the status already reached.
 */
export async function assessChecks(proposalId: string): Promise<ProposalStatus> {
  const { proposal, checks } = await loadExistingProposal(proposalId);
  if (proposal.status !== 'CHECKS_IN_PROGRESS') {
    return proposal.status;
  }
  const assessment = assessAnsweredChecks(checks);
  if (assessment.status === 'CHECKS_INCOMPLETE') {
    throw new Error(`Proposal ${proposalId} was assessed with ${assessment.outstanding.length} checks unanswered`);
  }
  const at = now();
  const moved = await writeAtomically([
    moveProposal(proposalId, 'CHECKS_IN_PROGRESS', assessment.status, at, {
      concerns: assessment.concerns,
      ...(assessment.status === 'UNSUITABLE' ? { unsuitableReason: assessment.reason } : {}),
    }),
  ], { proposalId, action: assessment.status === 'UNSUITABLE' ? 'CONSENT_NOT_GIVEN' : 'CHECKS_COMPLETE', actor: 'WORKFLOW', at });
  if (!moved) {
    const { proposal: current } = await loadExistingProposal(proposalId);
    return current.status;
  }
  logger.info('Checks assessed', { proposalId, status: assessment.status, concerns: assessment.concerns });
  return assessment.status;
}
