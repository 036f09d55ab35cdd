import { httpHandler, json, pathParameter, readJsonBody } from '#runtime/http-handler';
import { recordConsentWithdrawal } from '#proposals/withdraw-consent';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';

/** POST /api/proposals/{id}/consent-withdrawals: a resident told the officer they withdraw consent, naming their check. */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const body = readJsonBody(event);
  return json(200, proposalView(await recordConsentWithdrawal(user, pathParameter(event, 'proposalId'), body)));
});
