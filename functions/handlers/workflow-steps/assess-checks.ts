import * as z from 'zod';
import { assessAnsweredChecks } from '#domain/check-rules';
import { now } from '#runtime/clock';
import { moveProposal } from '#store/proposal-transitions';
import { logger } from '#runtime/logger';
import { loadExistingProposal, writeAtomically } from '#store/proposal-store';
import { workflowHandler } from '#runtime/workflow-handler';

/**
 * Every branch has an answer: apply the rules (a refusal makes the proposal unsuitable; police
 * information or a known family is a concern) and move the proposal on, once. Invoked again (a
 * retry or a replay) it reports the status already reached.
 */
export const handler = workflowHandler(z.object({ proposalId: z.string().min(1) }), async ({ proposalId }) => {
  const { proposal, checks } = await loadExistingProposal(proposalId);
  if (proposal.status !== 'CHECKS_IN_PROGRESS') {
    return { proposalId, status: proposal.status };
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
    return { proposalId, status: current.status };
  }
  logger.info('Checks assessed', { proposalId, status: assessment.status, concerns: assessment.concerns });
  return { proposalId, status: assessment.status };
});
