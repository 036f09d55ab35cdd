import { httpHandler, json, pathParameter, readJsonBody } from '#runtime/http-handler';
import { recordDecision } from '#proposals/record-decision';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';

/**
 * POST /api/proposals/{id}/decision. SUITABLE only when the workflow has found every check
 * answered (the proposal is AWAITING_DECISION); when the countersigning policy asks (concerns, a
 * high risk of serious harm given as `riskOfSeriousHarm`, the officer's grade…) it then waits for a countersignature.
 * UNSUITABLE at any time before a final decision. The rules are in `recordDecision`, shared with the page.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const body = readJsonBody(event);
  return json(200, proposalView(await recordDecision(user, pathParameter(event, 'proposalId'), body)));
});
