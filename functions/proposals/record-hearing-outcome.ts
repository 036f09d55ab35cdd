import { unansweredChecks, whyNotRecordOutcome } from '#domain/adjournment';
import { londonDate } from '#domain/london-time';
import { hearingOutcomeSchema } from '#schemas/staff-actions';
import { now } from '#runtime/clock';
import { ConflictError } from '#runtime/errors';
import { logger } from '#runtime/logger';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import { hearingOutcomeItem } from '#store/hearing-changes';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { writeAtomically } from '#store/transactions';
import { recordAdjournment } from './adjourn-hearing.ts';
import { loadProposalOfCourt } from './court-access.ts';

/**
 * The officer records what the court did, on or after the hearing day (ADR 0024). Adjourned is an
 * adjournment (the new date on the same form), with this outcome's audit record in the same write.
 * A sentence is recorded once; it changes nothing else: the proposal's status is ours, the sentence
 * the court's. A curfew imposed while a check is unanswered is allowed (the court decides) and
 * counted: the P&Q view shows how many, which must be zero.
 */
export async function recordHearingOutcome(user: StaffUser, proposalId: string, body: unknown): Promise<StoredProposal> {
  const { proposal, checks } = await loadProposalOfCourt(user, proposalId);
  const input = parseWith(body, hearingOutcomeSchema);
  const at = now();
  const refusal = whyNotRecordOutcome({ status: proposal.status, hearingDate: proposal.hearingDate, sentenced: proposal.hearingOutcome !== undefined, today: londonDate(at) });
  if (refusal !== undefined) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: refusal, status: proposal.status });
  }
  if (input.outcome === 'ADJOURNED') {
    // The schema made sure both are there.
    return recordAdjournment(user, proposalId, { hearingDate: input.hearingDate ?? '', cause: input.cause ?? 'OTHER', note: input.note }, true);
  }
  const checksUnanswered = unansweredChecks(checks);
  const written = await writeAtomically([hearingOutcomeItem(proposal, { outcome: input.outcome, hearingDate: proposal.hearingDate, checksUnanswered, by: user.id, at: at.toISOString() }, at)], {
    proposalId,
    action: 'HEARING_OUTCOME_RECORDED',
    actor: user.id,
    at,
    outcome: input.outcome,
    checksUnanswered,
    hearingDate: proposal.hearingDate,
  });
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were recording the outcome: reload it and try again' });
  }
  logger.info('Hearing outcome recorded', { proposalId, outcome: input.outcome, checksUnanswered });
  return loadExistingProposal(proposalId);
}
