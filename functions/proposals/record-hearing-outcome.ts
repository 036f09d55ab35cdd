import { outcomeEndsChecks, unansweredChecks, whyNotRecordOutcome } from '#domain/adjournment';
import { londonDate } from '#domain/london-time';
import { hearingOutcomeSchema } from '#schemas/staff-actions';
import { now } from '#runtime/clock';
import { ConflictError } from '#runtime/errors';
import { logger } from '#runtime/logger';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import { stopChecksWorkflow } from '#checks-workflow/executions';
import { hearingOutcomeItem } from '#store/hearing-changes';
import type { ProposalItem } from '#store/items';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { cancelOpenChecks } from '#store/proposal-transitions';
import { writeAtomically } from '#store/transactions';
import { recordAdjournment } from './adjourn-hearing.ts';
import { loadProposalOfCourt } from './court-access.ts';
import { noLongerNeededNotices } from './assess-checks.ts';

/**
 * The officer records what the court did, on or after the hearing day (ADR 0024). Adjourned is an
 * adjournment (the new date on the same form), with this outcome's audit record in the same write.
 * A sentence is recorded once; the proposal's status is ours, the sentence the court's, so it
 * stays. Another sentence ends the checks in the same write: the open ones are cancelled (their
 * links stop working), each recipient who was sent one is told it is no longer needed, and then
 * the workflow stops. A curfew imposed keeps them open (an answer still matters after sentence);
 * imposed while a check is unanswered it is allowed (the court decides) and counted: the P&Q view
 * shows how many, which must be zero.
 */
export async function recordHearingOutcome(user: StaffUser, proposalId: string, body: unknown): Promise<StoredProposal> {
  let stored = await loadProposalOfCourt(user, proposalId);
  const input = parseWith(body, hearingOutcomeSchema);
  if (input.outcome === 'ADJOURNED') {
    refuseUnlessOutcomeAllowed(stored.proposal, now());
    // The schema made sure both are there.
    return recordAdjournment(user, proposalId, { hearingDate: input.hearingDate ?? '', cause: input.cause ?? 'OTHER', note: input.note }, true);
  }
  const outcome = input.outcome;
  const endsChecks = outcomeEndsChecks(outcome);
  // Each cancelled check is written only from the status read: an answer landing meanwhile fails
  // the write, and the outcome is recorded against what is stored now.
  for (let attempt = 1; ; attempt += 1) {
    const { proposal, checks } = stored;
    const at = now();
    refuseUnlessOutcomeAllowed(proposal, at);
    const checksUnanswered = unansweredChecks(checks);
    const written = await writeAtomically([
      hearingOutcomeItem(proposal, { outcome, hearingDate: proposal.hearingDate, checksUnanswered, by: user.id, at: at.toISOString() }, at),
      ...(endsChecks ? [...cancelOpenChecks(checks, at), ...noLongerNeededNotices(proposal, checks, at)] : []),
    ], {
      proposalId,
      action: 'HEARING_OUTCOME_RECORDED',
      actor: user.id,
      at,
      outcome,
      checksUnanswered,
      hearingDate: proposal.hearingDate,
    });
    if (written) {
      logger.info('Hearing outcome recorded', { proposalId, outcome, checksUnanswered });
      break;
    }
    if (attempt === maxAttempts) {
      throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were recording the outcome: reload it and try again' });
    }
    stored = await loadProposalOfCourt(user, proposalId);
  }
  if (endsChecks) {
    // After the commit, as a withdrawal: nothing is left for the workflow to wait for or chase.
    await stopChecksWorkflow(proposalId, 'The court passed another sentence');
  }
  return loadExistingProposal(proposalId);
}

const maxAttempts = 3;

/** Refused (409) unless an outcome may be recorded today: on or after the hearing day, once, not on a withdrawn proposal. */
function refuseUnlessOutcomeAllowed(proposal: ProposalItem, at: Date): void {
  const refusal = whyNotRecordOutcome({ status: proposal.status, hearingDate: proposal.hearingDate, sentenced: proposal.hearingOutcome !== undefined, replaced: proposal.nextProposalId !== undefined, today: londonDate(at) });
  if (refusal !== undefined) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: refusal, status: proposal.status });
  }
}
