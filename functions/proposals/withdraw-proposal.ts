import { mayWithdraw } from '#domain/check-rules';
import { withdrawSchema } from '#schemas/staff-actions';
import { now } from '#runtime/clock';
import { ConflictError } from '#runtime/errors';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import { stopChecksWorkflow } from '#checks-workflow/executions';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { cancelOpenChecks, moveProposal } from '#store/proposal-transitions';
import { writeAtomically } from '#store/transactions';
import { loadProposalOfCourt } from './court-access.ts';

/** Open checks are cancelled (their links stop working) and the workflow stops. */
export async function withdrawProposal(user: StaffUser, proposalId: string, body: unknown): Promise<StoredProposal> {
  const { proposal, checks } = await loadProposalOfCourt(user, proposalId);
  const input = parseWith(body, withdrawSchema);
  if (!mayWithdraw(proposal.status)) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'A proposal with a final decision cannot be withdrawn', status: proposal.status });
  }
  const at = now();
  const written = await writeAtomically([
    moveProposal(proposal.proposalId, proposal.status, 'WITHDRAWN', at, { withdrawal: { reason: input.reason, by: user.id, at: at.toISOString() } }),
    ...cancelOpenChecks(checks, at),
  ], { proposalId: proposal.proposalId, action: 'PROPOSAL_WITHDRAWN', actor: user.id, at });
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were withdrawing it: reload it and try again' });
  }
  await stopChecksWorkflow(proposal.proposalId, 'Proposal withdrawn');
  return loadExistingProposal(proposal.proposalId);
}
