import { httpHandler, json } from '#shared/http-handler';
import { proposalView } from '#shared/proposal-view';
import { requireStaff } from '#shared/staff-identity';
import { loadProposalForStaff } from '#shared/staff-proposal';

/** GET /api/proposals/{proposalId}: the proposal, each check's status and provenance, its events. */
export const handler = httpHandler(async (event) => {
  const user = requireStaff(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  return json(200, proposalView(await loadProposalForStaff(event, user)));
});
