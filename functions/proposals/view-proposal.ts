import { now } from '#runtime/clock';
import type { StaffUser } from '#auth/staff';
import type { StoredProposal } from '#store/proposal-store';
import { appendAudit } from '#store/transactions';
import { loadProposalOfCourt } from './court-access.ts';

/** A staff view of one proposal, audited; with a reason, restricted answers are shown and the reason kept. */
export async function viewProposal(user: StaffUser, proposalId: string, reason?: string): Promise<StoredProposal> {
  const stored = await loadProposalOfCourt(user, proposalId);
  await appendAudit({
    proposalId,
    action: reason === undefined ? 'PROPOSAL_VIEWED' : 'RESTRICTED_ANSWERS_VIEWED',
    actor: user.id,
    at: now(),
    ...(reason === undefined ? {} : { reason }),
  });
  return stored;
}

/** One proposal's provenance for the court, audited as a court-list disclosure. */
export async function viewForCourt(user: StaffUser, proposalId: string): Promise<StoredProposal> {
  const stored = await loadProposalOfCourt(user, proposalId);
  await appendAudit({ proposalId, action: 'DISCLOSED_TO_COURT_LIST', actor: user.id, at: now() });
  return stored;
}
