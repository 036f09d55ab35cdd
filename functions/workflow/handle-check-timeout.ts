import { z } from 'zod';
import { isOverdue, overdueRecheckSeconds, waitSecondsUntil } from '#domain/deadlines';
import { findLocalStaff } from '#shared/local-staff';
import { now } from '#shared/clock';
import { config } from '#shared/config';
import { keys } from '#shared/items';
import { logger } from '#shared/logger';
import { outboxPut } from '#shared/outbox';
import { findCheck, loadExistingProposal, writeAtomically } from '#shared/proposal-store';
import { workflowHandler } from '#shared/workflow-handler';

/**
 * A check's wait ended without an answer. If the check is now due, mark it OVERDUE and tell the
 * officer, once (the status change and the notice are one conditional transaction). Either way
 * return how long to wait next: the workflow keeps waiting, so a late answer still counts.
 */
export const handler = workflowHandler(z.object({ proposalId: z.string().min(1), checkId: z.string().min(1) }), async ({ proposalId, checkId }) => {
  const stored = await loadExistingProposal(proposalId);
  const check = findCheck(stored, checkId);
  const at = now();
  const dueAt = new Date(check.dueAt);
  if (!isOverdue(dueAt, at)) {
    return { proposalId, checkId, waitSeconds: waitSecondsUntil(dueAt, at) };
  }
  if (check.status === 'REQUESTED') {
    const officer = findLocalStaff(stored.proposal.createdBy);
    const marked = await writeAtomically([
      {
        Update: {
          TableName: config.tableName,
          Key: keys.check(proposalId, checkId),
          UpdateExpression: 'SET #status = :overdue, overdueAt = :at',
          ConditionExpression: '#status = :requested',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':overdue': 'OVERDUE', ':requested': 'REQUESTED', ':at': at.toISOString() },
        },
      },
      outboxPut({
        id: `OVERDUE#${checkId}`,
        kind: 'OVERDUE',
        to: officer?.email ?? stored.proposal.createdBy,
        proposalId,
        checkType: check.type,
        ...(check.residentId === undefined ? {} : { residentId: check.residentId }),
        sentAt: at.toISOString(),
      }),
    ], { proposalId, action: 'CHECK_OVERDUE', actor: 'WORKFLOW', at, checkId });
    if (marked) {
      logger.info('Check overdue', { proposalId, checkId, checkType: check.type });
    }
  }
  return { proposalId, checkId, waitSeconds: overdueRecheckSeconds };
});
