import { now } from '#runtime/clock';
import { logger } from '#runtime/logger';
import { markNeedsAttention } from '#store/needs-attention';
import { writeAtomically } from '#store/transactions';

/**
 * A workflow step failed after its retries. Mark the proposal so the officer sees it needs a
 * person, instead of the checks silently stopping. Only the error's name is kept.
 */
export async function recordNeedsAttention(proposalId: string, error: string | undefined): Promise<void> {
  const at = now();
  const errorName = error ?? 'Unknown';
  await writeAtomically([markNeedsAttention(proposalId, errorName, at)], { proposalId, action: 'NEEDS_ATTENTION', actor: 'WORKFLOW', at });
  logger.error('Proposal needs attention', { proposalId, errorName });
}
