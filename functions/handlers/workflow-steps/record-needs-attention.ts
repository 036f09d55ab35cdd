import * as z from 'zod';
import { now } from '#runtime/clock';
import { config } from '#runtime/config';
import { keys } from '#store/items';
import { logger } from '#runtime/logger';
import { writeAtomically } from '#store/proposal-store';
import { workflowHandler } from '#runtime/workflow-handler';

/**
 * A workflow step failed after its retries. Mark the proposal so the officer sees it needs a
 * person, instead of the checks silently stopping. Only the error's name is kept.
 */
export const handler = workflowHandler(z.object({ proposalId: z.string().min(1), error: z.string().max(200).optional() }), async ({ proposalId, error }) => {
  const at = now();
  const errorName = error ?? 'Unknown';
  await writeAtomically([
    {
      Update: {
        TableName: config.tableName,
        Key: keys.proposal(proposalId),
        UpdateExpression: 'SET needsAttention = :attention, updatedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':attention': { error: errorName, at: at.toISOString() }, ':at': at.toISOString() },
      },
    },
  ], { proposalId, action: 'NEEDS_ATTENTION', actor: 'WORKFLOW', at });
  logger.error('Proposal needs attention', { proposalId, errorName });
  return { proposalId, needsAttention: true };
});
