import { httpHandler, json, pathParameter, readJsonBody } from '#runtime/http-handler';
import { recordResidentConsent } from '#proposals/record-resident-consent';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';

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
