import { NotFoundError } from '#runtime/errors';
import { worksAtCourt, type StaffUser } from '#auth/staff';
import { loadProposal, type StoredProposal } from '#store/proposal-store';

/**
 * What staff can do to a proposal is one use case per action in this folder, used by both the
 * JSON API and the staff pages so the two can never disagree. Each action takes the caller
 * (already authenticated with the right role), the proposal id and the request body as received,
 * and either returns the stored proposal after the change or throws a ClientError: 404 for another
 * court's (or no) proposal, 400 with the fields at fault, 409 when the rules or a concurrent change
 * refuse it, 403 for someone who may not.
 */

/** The proposal, if this person's court owns it; otherwise 404 (never 403, which would confirm it exists). */
export async function loadProposalOfCourt(user: StaffUser, proposalId: string): Promise<StoredProposal> {
  const stored = await loadProposal(proposalId);
  if (stored === undefined || !worksAtCourt(user, stored.proposal.courtCode)) {
    throw new NotFoundError('No such proposal');
  }
  return stored;
}
