import { httpHandler, json, pathParameter, readJsonBody } from '#runtime/http-handler';
import { changeRecipient } from '#proposals/change-recipient';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';

/**
 * POST /api/proposals/{proposalId}/residents/{residentId}/contact: the court officer replaces an
 * adult resident's contact details (`{ email?, mobile? }`, at least one) while their check waits,
 * and the service sends them a new link there. Agencies' addresses come from the directory.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const stored = await changeRecipient(user, pathParameter(event, 'proposalId'), pathParameter(event, 'residentId'), readJsonBody(event));
  return json(200, proposalView(stored));
});
