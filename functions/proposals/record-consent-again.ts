import { hasConcerns, mayRecordConsentAgain, refusesConsent } from '#domain/check-rules';
import type { OfficerConsent } from '#schemas/staff-actions';
import { ConflictError } from '#runtime/errors';
import type { StaffUser } from '#auth/staff';
import { completeTaskAfterCommit } from '#checks-workflow/task-callbacks';
import { answerAgainItem } from '#store/check-answers';
import type { CheckItem } from '#store/items';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { moveProposal } from '#store/proposal-transitions';
import { writeAtomically } from '#store/transactions';

/**
 * Consent the officer takes again once every check is answered, before deciding: consent that
 * raised a concern (not taken alone, or after the resident asked to speak to someone), or any
 * consent once a senior probation officer has sent a decision back. The new answer replaces the
 * old (which the check keeps), the proposal's concerns are worked out again, and a refusal makes
 * the proposal unsuitable at once, waking the workflow that waits for the decision.
 * Returns false when this consent may not be recorded again.
 */
export async function recordConsentAgain(user: StaffUser, stored: StoredProposal, check: CheckItem, input: OfficerConsent, at: Date): Promise<boolean> {
  const { proposal } = stored;
  if (!mayRecordConsentAgain(proposal.status, check, { returned: (proposal.returns?.length ?? 0) > 0 })) {
    return false;
  }
  const answer = { decision: input.decision, ...(input.decision === 'CONSENT' ? { understood: true } : {}) };
  const source = { via: 'OFFICER' as const, recordedBy: user.id, method: input.method, spokenToAlone: input.spokenToAlone };
  const checksNow = stored.checks.map((candidate) => (candidate.checkId === check.checkId ? { ...candidate, answer, source } : candidate));
  const refused = refusesConsent(answer);
  const concerns = hasConcerns(checksNow);
  const written = await writeAtomically(
    [
      answerAgainItem(check, { answer, source }, at),
      // Same status in and out unless refused: the condition keeps this from landing after a decision.
      moveProposal(proposal.proposalId, 'AWAITING_DECISION', refused ? 'UNSUITABLE' : 'AWAITING_DECISION', at, { concerns, ...(refused ? { unsuitableReason: 'CONSENT_NOT_GIVEN' } : {}) }),
    ],
    [
      { proposalId: proposal.proposalId, action: 'CONSENT_RECORDED_AGAIN', actor: user.id, at, checkId: check.checkId },
      ...(refused ? [{ proposalId: proposal.proposalId, action: 'CONSENT_NOT_GIVEN', actor: user.id, at }] : []),
    ],
  );
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were recording this: reload it and try again' });
  }
  if (refused) {
    const committed = await loadExistingProposal(proposal.proposalId);
    await completeTaskAfterCommit(committed.proposal.stageTaskToken, { proposalId: proposal.proposalId, status: 'UNSUITABLE' });
  }
  return true;
}
