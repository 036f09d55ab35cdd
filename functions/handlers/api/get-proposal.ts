import * as z from 'zod';
import { httpHandler, json, pathParameter } from '#runtime/http-handler';
import { parseWith } from '#runtime/validation';
import { viewProposal } from '#proposals/view-proposal';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';

const querySchema = z.object({ reason: z.string().trim().min(5, 'Say in a few words why you need to see restricted information').max(500).optional() }).strict();

/**
 * GET /api/proposals/{proposalId}: the proposal, each check's status and provenance, its audit
 * events. Restricted agency text is shown only when the viewer gives a reason (`?reason=`), and
 * every view is audited with that reason (Data Protection Act 2018 s.62; see `viewProposal`).
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const { reason } = parseWith(event.queryStringParameters ?? {}, querySchema);
  const stored = await viewProposal(user, pathParameter(event, 'proposalId'), reason);
  return json(200, proposalView(stored, { showRestricted: reason !== undefined }));
});
