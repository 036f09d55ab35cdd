import { httpHandler, json, pathParameter, readJsonBody } from '#shared/http-handler';
import { withdrawProposal } from '#shared/proposal-actions';
import { proposalView } from '#shared/proposal-view';
import { requireStaff } from '#shared/staff-identity';

/** POST /api/proposals/{id}/withdraw: open checks are cancelled (their links stop working) and the workflow stops. */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const body = readJsonBody(event);
  return json(200, proposalView(await withdrawProposal(user, pathParameter(event, 'proposalId'), body)));
});
