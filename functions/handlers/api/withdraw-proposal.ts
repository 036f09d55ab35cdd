import { httpHandler, json, pathParameter, readJsonBody } from '#runtime/http-handler';
import { withdrawProposal } from '#proposals/withdraw-proposal';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';

/** POST /api/proposals/{id}/withdraw: open checks are cancelled (their links stop working) and the workflow stops. */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const body = readJsonBody(event);
  return json(200, proposalView(await withdrawProposal(user, pathParameter(event, 'proposalId'), body)));
});
