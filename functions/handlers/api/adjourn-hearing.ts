import { httpHandler, json, pathParameter, readJsonBody } from '#runtime/http-handler';
import { adjournHearing } from '#proposals/adjourn-hearing';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';

/** POST /api/proposals/{proposalId}/adjournment: the hearing moved; deadlines, reminders, links and the court list follow it. */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const body = readJsonBody(event);
  return json(200, proposalView(await adjournHearing(user, pathParameter(event, 'proposalId'), body)));
});
