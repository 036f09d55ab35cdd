import { httpHandler, json, pathParameter, readJsonBody } from '#runtime/http-handler';
import { countersignDecision } from '#proposals/countersign-decision';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';

/**
 * POST /api/proposals/{id}/countersign: a senior probation officer, who is not the person who
 * decided, agrees (SUITABLE) or disagrees (UNSUITABLE) with a SUITABLE decision made despite concerns.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['SENIOR_PROBATION_OFFICER']);
  const body = readJsonBody(event);
  return json(200, proposalView(await countersignDecision(user, pathParameter(event, 'proposalId'), body)));
});
