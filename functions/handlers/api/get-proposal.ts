import * as z from 'zod';
import { httpHandler, json, parseBody, pathParameter } from '#runtime/http-handler';
import { parseWith } from '#runtime/validation';
import { viewProposal } from '#proposals/view-proposal';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';
import { restrictedReasonSchema } from '#schemas/staff-actions';

/** A reason in the address would sit in logs and histories: say where it goes instead. */
const querySchema = z
  .object({ reason: z.never({ error: 'Send the reason in the body of POST /api/proposals/{proposalId}/restricted, never in the address' }).optional() })
  .strict();

/**
 * GET /api/proposals/{proposalId}: the proposal, each check's status and provenance, its audit
 * events, without restricted agency text. POST /api/proposals/{proposalId}/restricted with
 * `{ "reason": "…" }`: the same with restricted text, and the view is audited with that reason (Data
 * Protection Act 2018 s.62; see `viewProposal`). A POST, as on the pages, so the reason is never in
 * an address (access logs, proxies, shell history).
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  if (event.requestContext.http.method === 'POST') {
    const { reason } = parseBody(event, restrictedReasonSchema);
    return json(200, proposalView(await viewProposal(user, proposalId, reason), { showRestricted: true }));
  }
  parseWith(event.queryStringParameters ?? {}, querySchema);
  return json(200, proposalView(await viewProposal(user, proposalId, undefined), { showRestricted: false }));
});
