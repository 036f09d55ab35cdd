import { httpHandler, json, pathParameter, readJsonBody } from '#shared/http-handler';
import { recordResidentConsent } from '#shared/proposal-actions';
import { proposalView } from '#shared/proposal-view';
import { requireStaff } from '#shared/staff-identity';

/**
 * POST /api/proposals/{id}/residents/{residentId}/consent: the officer records consent taken by
 * phone or in person, and whether the resident was spoken to alone. It answers that resident's check.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const body = readJsonBody(event);
  const stored = await recordResidentConsent(user, pathParameter(event, 'proposalId'), pathParameter(event, 'residentId'), body);
  return json(200, proposalView(stored));
});
