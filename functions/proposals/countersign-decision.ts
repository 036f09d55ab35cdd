import { countersign } from '#domain/check-rules';
import { countersignSchema } from '#schemas/staff-actions';
import { now } from '#runtime/clock';
import { ConflictError, ForbiddenError } from '#runtime/errors';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import { completeTaskAfterCommit } from '#checks-workflow/task-callbacks';
import type { ProposalItem } from '#store/items';
import { outboxPut } from '#store/outbox';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { moveProposal } from '#store/proposal-transitions';
import { officerAddress } from '#store/staff-directory';
import type { TransactItems } from '#store/transact-item';
import { writeAtomically } from '#store/transactions';
import { loadProposalOfCourt } from './court-access.ts';

/**
 * A senior probation officer, who is not the person who decided, agrees (SUITABLE) or disagrees.
 * Disagreeing sends the decision back to the officer with the comment (AWAITING_DECISION, the
 * officer told through the outbox): they may record what was asked and decide again, and a new
 * suitable decision needs a countersignature again. The round sent back is kept on the proposal,
 * and the audit trail has every round.
 */
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
  const countersignature = { agree: input.agree, comment: input.comment, by: user.id, at: at.toISOString() };
  const items = input.agree
    ? [moveProposal(proposal.proposalId, 'AWAITING_COUNTERSIGN', 'SUITABLE', at, { countersignature })]
    : await returnToOfficer(proposal, { ...countersignature, agree: false }, at);
  const written = await writeAtomically(items, { proposalId: proposal.proposalId, action: input.agree ? 'COUNTERSIGNED' : 'COUNTERSIGNATURE_REFUSED', actor: user.id, at, status: result.nextStatus });
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were countersigning: reload it and try again' });
  }
  const committed = await loadExistingProposal(proposal.proposalId);
  await completeTaskAfterCommit(committed.proposal.stageTaskToken, { proposalId: proposal.proposalId, status: result.nextStatus });
  return committed;
}

/**
 * The decision goes back to the officer: this round (decision and disagreement) joins the rounds
 * sent back, and the officer who decided is told. Without an address they still see it on the
 * proposal page and their list, as with any notice.
 */
async function returnToOfficer(proposal: ProposalItem, countersignature: NonNullable<ProposalItem['returns']>[number]['countersignature'], at: Date): Promise<TransactItems> {
  const returns = [...(proposal.returns ?? []), ...(proposal.decision === undefined ? [] : [{ decision: proposal.decision, countersignature }])];
  const officerId = proposal.decision?.by ?? proposal.createdBy;
  const officer = await officerAddress(officerId);
  return [
    moveProposal(proposal.proposalId, 'AWAITING_COUNTERSIGN', 'AWAITING_DECISION', at, { returns }, ['decision', 'countersignature']),
    ...(officer === undefined
      ? []
      : [outboxPut({ id: `DECISION_RETURNED#${proposal.proposalId}#${returns.length}`, kind: 'DECISION_RETURNED', to: officer, proposalId: proposal.proposalId, sentAt: at.toISOString() })]),
  ];
}
