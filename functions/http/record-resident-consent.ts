import { officerConsentSchema } from '#schemas/staff-actions';
import { now } from '#shared/clock';
import { ConflictError, NotFoundError } from '#shared/errors';
import { httpHandler, json, parseBody, pathParameter } from '#shared/http-handler';
import { loadExistingProposal } from '#shared/proposal-store';
import { proposalView } from '#shared/proposal-view';
import { recordAnswer } from '#shared/record-answer';
import { requireStaff } from '#shared/staff-identity';
import { loadProposalForStaff } from '#shared/staff-proposal';

/**
 * POST /api/proposals/{id}/residents/{residentId}/consent: the officer records consent taken by
 * phone or in person, and whether the resident was spoken to alone. It answers that resident's check.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const stored = await loadProposalForStaff(event, user);
  const residentId = pathParameter(event, 'residentId');
  const check = stored.checks.find((candidate) => candidate.type === 'RESIDENT_CONSENT' && candidate.residentId === residentId);
  if (check === undefined) {
    throw new NotFoundError('No such resident on this proposal');
  }
  const body = parseBody(event, officerConsentSchema);
  const result = await recordAnswer({
    check,
    answer: { decision: body.decision, ...(body.decision === 'CONSENT' ? { understood: true } : {}) },
    source: { via: 'OFFICER', recordedBy: user.id, method: body.method, spokenToAlone: body.spokenToAlone },
    actor: user.id,
    officerId: stored.proposal.createdBy,
    at: now(),
  });
  if (!result.recorded) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: "This resident's check is no longer waiting for an answer", status: check.status });
  }
  return json(200, proposalView(await loadExistingProposal(stored.proposal.proposalId)));
});
