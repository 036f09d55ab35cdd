import { countersign } from '#domain/check-rules';
import { countersignSchema } from '#schemas/staff-actions';
import { now } from '#runtime/clock';
import { ConflictError, ForbiddenError } from '#runtime/errors';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import { completeTaskAfterCommit } from '#checks-workflow/task-callbacks';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { moveProposal } from '#store/proposal-transitions';
import { writeAtomically } from '#store/transactions';
import { loadProposalOfCourt } from './court-access.ts';

/** A senior probation officer, who is not the person who decided, agrees (SUITABLE) or disagrees (UNSUITABLE). */
export async function countersignDecision(user: StaffUser, proposalId: string, body: unknown): Promise<StoredProposal> {
  const { proposal } = await loadProposalOfCourt(user, proposalId);
  const input = parseWith(body, countersignSchema);
  const result = countersign(proposal.status, input.agree, proposal.decision?.by ?? '', user.id);
  if (!result.ok) {
    throw result.error === 'SAME_PERSON'
      ? new ForbiddenError('The person who made the decision cannot countersign it')
      : new ConflictError({ error: 'NOT_ALLOWED', message: result.reason, status: proposal.status });
  }
  const at = now();
  const written = await writeAtomically([
    moveProposal(proposal.proposalId, 'AWAITING_COUNTERSIGN', result.nextStatus, at, { countersignature: { agree: input.agree, comment: input.comment, by: user.id, at: at.toISOString() } }),
  ], { proposalId: proposal.proposalId, action: input.agree ? 'COUNTERSIGNED' : 'COUNTERSIGNATURE_REFUSED', actor: user.id, at });
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were countersigning: reload it and try again' });
  }
  const committed = await loadExistingProposal(proposal.proposalId);
  await completeTaskAfterCommit(committed.proposal.stageTaskToken, { proposalId: proposal.proposalId, status: result.nextStatus });
  return committed;
}
