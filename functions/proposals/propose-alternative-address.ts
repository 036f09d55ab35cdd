import { mayProposeAnotherAddress, withAnotherAddress } from '#domain/case-versions';
import { alternativeAddressInputSchema } from '#schemas/proposal';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import type { ProposalItem } from '#store/items';
import { loadProposalOfCourt } from './court-access.ts';
import { createProposal, replacementRefused, type CreatedProposal } from './create-proposal.ts';

/**
 * Another address for an unsuitable or withdrawn proposal (ADR 0026): a new proposal with the
 * address-independent answers carried over and every check asked again, linked to the old one as
 * the next version of the case. An officer of the proposal's court; 404 for another court's, 400
 * for a bad body, 409 for a proposal that may not be replaced (or already was).
 */
export async function proposeAlternativeAddress(user: StaffUser, proposalId: string, body: unknown, idempotencyKey?: string): Promise<CreatedProposal> {
  const { proposal } = await loadProposalOfCourt(user, proposalId);
  const input = parseWith(body, alternativeAddressInputSchema);
  return createProposal(user, withAnotherAddress(proposal, input), idempotencyKey, proposal);
}

/** The proposal an officer may propose another address for (before the form starts), or a 409 saying why not. */
export async function replaceableProposal(user: StaffUser, proposalId: string): Promise<ProposalItem> {
  const { proposal } = await loadProposalOfCourt(user, proposalId);
  refuseUnlessReplaceable(proposal);
  return proposal;
}

function refuseUnlessReplaceable(proposal: ProposalItem): void {
  const verdict = mayProposeAnotherAddress(proposal);
  if (!verdict.allowed) throw replacementRefused(verdict);
}
