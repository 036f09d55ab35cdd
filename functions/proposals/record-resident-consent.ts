import { officerConsentSchema } from '#schemas/staff-actions';
import { now } from '#runtime/clock';
import { ConflictError, NotFoundError } from '#runtime/errors';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { openCheckStatuses } from '#domain/statuses';
import { loadProposalOfCourt } from './court-access.ts';
import { recordAnswer } from './record-answer.ts';
import { recordConsentAgain } from './record-consent-again.ts';

/**
 * Consent taken by the officer by phone or in person, with whether the resident was spoken to
 * alone. It answers that resident's check, or, once every check is answered, replaces consent
 * that may not have been freely given (see record-consent-again.ts).
 */
export async function recordResidentConsent(user: StaffUser, proposalId: string, residentId: string, body: unknown): Promise<StoredProposal> {
  const stored = await loadProposalOfCourt(user, proposalId);
  const check = stored.checks.find((candidate) => candidate.type === 'RESIDENT_CONSENT' && candidate.residentId === residentId);
  if (check === undefined) {
    throw new NotFoundError('No such resident on this proposal');
  }
  const input = parseWith(body, officerConsentSchema);
  if (!openCheckStatuses.includes(check.status)) {
    if (!(await recordConsentAgain(user, stored, check, input, now()))) {
      throw new ConflictError({ error: 'NOT_ALLOWED', message: "This resident's check is no longer waiting for an answer", status: check.status });
    }
    return loadExistingProposal(stored.proposal.proposalId);
  }
  const result = await recordAnswer({
    proposal: stored.proposal,
    check,
    answer: { decision: input.decision, ...(input.decision === 'CONSENT' ? { understood: true } : {}) },
    source: { via: 'OFFICER', recordedBy: user.id, method: input.method, spokenToAlone: input.spokenToAlone },
    actor: user.id,
    officerId: stored.proposal.createdBy,
    at: now(),
  });
  if (!result.recorded) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: "This resident's check is no longer waiting for an answer", status: check.status });
  }
  return loadExistingProposal(stored.proposal.proposalId);
}
