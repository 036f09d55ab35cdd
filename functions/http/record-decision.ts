import { decide } from '#domain/check-rules';
import { decisionSchema } from '#schemas/staff-actions';
import { now } from '#shared/clock';
import { cancelOpenChecks, moveProposal } from '#shared/proposal-transitions';
import { ConflictError } from '#shared/errors';
import { stopChecksWorkflow } from '#shared/executions';
import { httpHandler, json, parseBody } from '#shared/http-handler';
import { loadExistingProposal, writeAtomically } from '#shared/proposal-store';
import { proposalView } from '#shared/proposal-view';
import { requireStaff } from '#shared/staff-identity';
import { loadProposalForStaff } from '#shared/staff-proposal';
import { completeTaskAfterCommit } from '#shared/task-callbacks';

/**
 * POST /api/proposals/{id}/decision. SUITABLE only when the workflow has found every check
 * answered (the proposal is AWAITING_DECISION); with concerns it then waits for a countersignature.
 * UNSUITABLE at any time before a final decision. There is no other way to either outcome.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const stored = await loadProposalForStaff(event, user);
  const decision = parseBody(event, decisionSchema);
  const { proposal, checks } = stored;
  const result = decide(proposal.status, decision.outcome, checks);
  if (!result.ok) {
    throw result.error === 'CHECKS_INCOMPLETE'
      ? new ConflictError({ error: 'CHECKS_INCOMPLETE', message: 'Every check must be answered before the proposal can be marked suitable', outstanding: result.outstanding })
      : new ConflictError({ error: 'NOT_ALLOWED', message: result.reason, status: proposal.status });
  }
  const at = now();
  const duringChecks = proposal.status === 'CHECKS_IN_PROGRESS';
  const written = await writeAtomically([
    moveProposal(proposal.proposalId, proposal.status, result.nextStatus, at, { decision: { outcome: decision.outcome, rationale: decision.rationale, by: user.id, at: at.toISOString() } }),
    ...(duringChecks ? cancelOpenChecks(checks, at) : []),
  ], { proposalId: proposal.proposalId, action: `DECISION_${decision.outcome}`, actor: user.id, at });
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were deciding: reload it and try again' });
  }
  if (duringChecks) {
    // The workflow is still waiting for checks that no longer matter: stop it.
    await stopChecksWorkflow(proposal.proposalId, 'Decided unsuitable before every check was answered');
  } else {
    // Read the token after the commit: the workflow may have started waiting after we loaded the
    // proposal, and it cannot start waiting again now that the status has moved on.
    const committed = await loadExistingProposal(proposal.proposalId);
    await completeTaskAfterCommit(committed.proposal.stageTaskToken, { proposalId: proposal.proposalId, status: result.nextStatus });
    return json(200, proposalView(committed));
  }
  return json(200, proposalView(await loadExistingProposal(proposal.proposalId)));
});
