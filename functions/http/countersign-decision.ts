import { countersign } from '#domain/check-rules';
import { countersignSchema } from '#schemas/staff-actions';
import { now } from '#shared/clock';
import { ConflictError, ForbiddenError } from '#shared/errors';
import { moveProposal } from '#shared/proposal-transitions';
import { httpHandler, json, parseBody } from '#shared/http-handler';
import { loadExistingProposal, writeAtomically } from '#shared/proposal-store';
import { proposalView } from '#shared/proposal-view';
import { requireStaff } from '#shared/staff-identity';
import { loadProposalForStaff } from '#shared/staff-proposal';
import { completeTaskAfterCommit } from '#shared/task-callbacks';

/**
 * POST /api/proposals/{id}/countersign: a senior probation officer, who is not the person who
 * decided, agrees (SUITABLE) or disagrees (UNSUITABLE) with a SUITABLE decision made despite concerns.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['SENIOR_PROBATION_OFFICER']);
  const { proposal } = await loadProposalForStaff(event, user);
  const body = parseBody(event, countersignSchema);
  const result = countersign(proposal.status, body.agree, proposal.decision?.by ?? '', user.id);
  if (!result.ok) {
    throw result.error === 'SAME_PERSON'
      ? new ForbiddenError('The person who made the decision cannot countersign it')
      : new ConflictError({ error: 'NOT_ALLOWED', message: result.reason, status: proposal.status });
  }
  const at = now();
  const written = await writeAtomically([
    moveProposal(proposal.proposalId, 'AWAITING_COUNTERSIGN', result.nextStatus, at, { countersignature: { agree: body.agree, comment: body.comment, by: user.id, at: at.toISOString() } }),
  ], { proposalId: proposal.proposalId, action: body.agree ? 'COUNTERSIGNED' : 'COUNTERSIGNATURE_REFUSED', actor: user.id, at });
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were countersigning: reload it and try again' });
  }
  // Read the token after the commit: the workflow may have started waiting after we loaded the
  // proposal, and it cannot start waiting again now that the status has moved on.
  const committed = await loadExistingProposal(proposal.proposalId);
  await completeTaskAfterCommit(committed.proposal.stageTaskToken, { proposalId: proposal.proposalId, status: result.nextStatus });
  return json(200, proposalView(committed));
});
