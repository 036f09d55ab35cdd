import { decide } from '#domain/check-rules';
import { countersigningAtCourt } from '#domain/countersigning-policy';
import { decisionSchema } from '#schemas/staff-actions';
import { now } from '#runtime/clock';
import { ConflictError } from '#runtime/errors';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import { stopChecksWorkflow } from '#checks-workflow/executions';
import { completeTaskAfterCommit } from '#checks-workflow/task-callbacks';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { cancelOpenChecks, moveProposal } from '#store/proposal-transitions';
import { writeAtomically } from '#store/transactions';
import { loadProposalOfCourt } from './court-access.ts';

/**
 * The officer's decision. SUITABLE only when the workflow has found every check answered (the
 * proposal is AWAITING_DECISION); when the countersigning policy in force says so (concerns, a
 * decision sent back before, the risk of serious harm recorded with it, the officer's grade), it
 * then waits for a countersignature. The decision stores the policy
 * version and the conditions that applied. UNSUITABLE
 * at any time before a final decision. There is no other way to either outcome.
 */
export async function recordDecision(user: StaffUser, proposalId: string, body: unknown): Promise<StoredProposal> {
  const { proposal, checks } = await loadProposalOfCourt(user, proposalId);
  const decision = parseWith(body, decisionSchema);
  const at = now();
  // The policy in force now, for this court's region: stored with the decision, never recomputed.
  const countersigning = countersigningAtCourt(proposal.courtCode, at, {
    checks,
    sentBack: (proposal.returns?.length ?? 0) > 0,
    ...(decision.riskOfSeriousHarm === undefined ? {} : { riskOfSeriousHarm: decision.riskOfSeriousHarm }),
    ...(user.grade === undefined ? {} : { authorGrade: user.grade }),
  });
  const result = decide(proposal.status, decision.outcome, checks, countersigning);
  if (!result.ok) {
    throw result.error === 'CHECKS_INCOMPLETE'
      ? new ConflictError({ error: 'CHECKS_INCOMPLETE', message: 'Every check must be answered before the proposal can be marked suitable', outstanding: result.outstanding })
      : new ConflictError({ error: 'NOT_ALLOWED', message: result.reason, status: proposal.status });
  }
  const duringChecks = proposal.status === 'CHECKS_IN_PROGRESS';
  const written = await writeAtomically([
    moveProposal(proposal.proposalId, proposal.status, result.nextStatus, at, {
      decision: {
        outcome: decision.outcome,
        rationale: decision.rationale,
        by: user.id,
        at: at.toISOString(),
        countersigning: { policyVersion: countersigning.policyVersion, conditions: decision.outcome === 'SUITABLE' ? countersigning.conditions : [] },
        ...(decision.riskOfSeriousHarm === undefined ? {} : { riskOfSeriousHarm: decision.riskOfSeriousHarm }),
        ...(user.grade === undefined ? {} : { authorGrade: user.grade }),
      },
    }),
    ...(duringChecks ? cancelOpenChecks(checks, at) : []),
  ], { proposalId: proposal.proposalId, action: `DECISION_${decision.outcome}`, actor: user.id, at, status: result.nextStatus });
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were deciding: reload it and try again' });
  }
  if (duringChecks) {
    // The workflow is still waiting for checks that no longer matter: stop it.
    await stopChecksWorkflow(proposal.proposalId, 'Decided unsuitable before every check was answered');
    return loadExistingProposal(proposal.proposalId);
  }
  // Read the token after the commit: the workflow may have started waiting after we loaded the
  // proposal, and it cannot start waiting again now that the status has moved on.
  const committed = await loadExistingProposal(proposal.proposalId);
  await completeTaskAfterCommit(committed.proposal.stageTaskToken, { proposalId: proposal.proposalId, status: result.nextStatus });
  return committed;
}
