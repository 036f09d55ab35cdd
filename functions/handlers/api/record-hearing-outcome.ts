import { httpHandler, json, pathParameter, readJsonBody } from '#runtime/http-handler';
import { recordHearingOutcome } from '#proposals/record-hearing-outcome';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';

/** POST /api/proposals/{proposalId}/outcome: what the court decided (adjourned is an adjournment, with its new date). */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const body = readJsonBody(event);
  return json(200, proposalView(await recordHearingOutcome(user, pathParameter(event, 'proposalId'), body)));
});
