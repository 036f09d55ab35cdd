import { httpHandler, json, pathParameter, readJsonBody } from '#shared/http-handler';
import { countersignDecision } from '#shared/proposal-actions';
import { proposalView } from '#shared/proposal-view';
import { requireStaff } from '#shared/staff-identity';

/**
 * POST /api/proposals/{id}/countersign: a senior probation officer, who is not the person who
 * decided, agrees (SUITABLE) or disagrees (UNSUITABLE) with a SUITABLE decision made despite concerns.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['SENIOR_PROBATION_OFFICER']);
  const body = readJsonBody(event);
  return json(200, proposalView(await countersignDecision(user, pathParameter(event, 'proposalId'), body)));
});
