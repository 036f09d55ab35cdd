import { mayWithdraw } from '#domain/check-rules';
import { withdrawSchema } from '#schemas/staff-actions';
import { now } from '#shared/clock';
import { cancelOpenChecks, moveProposal } from '#shared/proposal-transitions';
import { ConflictError } from '#shared/errors';
import { stopChecksWorkflow } from '#shared/executions';
import { httpHandler, json, parseBody } from '#shared/http-handler';
import { loadExistingProposal, writeAtomically } from '#shared/proposal-store';
import { proposalView } from '#shared/proposal-view';
import { requireStaff } from '#shared/staff-identity';
import { loadProposalForStaff } from '#shared/staff-proposal';

/** POST /api/proposals/{id}/withdraw: open checks are cancelled (their links stop working) and the workflow stops. */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const { proposal, checks } = await loadProposalForStaff(event, user);
  const body = parseBody(event, withdrawSchema);
  if (!mayWithdraw(proposal.status)) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'A proposal with a final decision cannot be withdrawn', status: proposal.status });
  }
  const at = now();
  const written = await writeAtomically([
    moveProposal(proposal.proposalId, proposal.status, 'WITHDRAWN', at, { withdrawal: { reason: body.reason, by: user.id, at: at.toISOString() } }),
    ...cancelOpenChecks(checks, at),
  ], { proposalId: proposal.proposalId, action: 'PROPOSAL_WITHDRAWN', actor: user.id, at });
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were withdrawing it: reload it and try again' });
  }
  await stopChecksWorkflow(proposal.proposalId, 'Proposal withdrawn');
  return json(200, proposalView(await loadExistingProposal(proposal.proposalId)));
});
