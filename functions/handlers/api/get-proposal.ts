import * as z from 'zod';
import { httpHandler, json, pathParameter, readJsonBody } from '#runtime/http-handler';
import { parseWith } from '#runtime/validation';
import { loadProposalOfCourt } from '#proposals/court-access';
import { viewProposal } from '#proposals/view-proposal';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';
import type { StaffUser } from '#auth/staff';
import { restrictedReasonSchema } from '#schemas/staff-actions';

/** A reason in the address would sit in logs and histories: say where it goes instead. */
const querySchema = z
  .object({ reason: z.never({ error: 'Send the reason in the body of POST /api/proposals/{proposalId}/restricted, never in the address' }).optional() })
  .strict();

/**
 * Validates what was sent, but refuses it only after the caller's court access is settled: a
 * proposal of another court answers 404 whatever was sent, exactly as one that does not exist.
 */
async function validFor<Schema extends z.ZodType>(user: StaffUser, proposalId: string, value: unknown, schema: Schema): Promise<z.infer<Schema>> {
  const sent = schema.safeParse(value);
  if (sent.success) return sent.data;
  await loadProposalOfCourt(user, proposalId);
  return parseWith(value, schema);
}

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
    const { reason } = await validFor(user, proposalId, readJsonBody(event), restrictedReasonSchema);
    return json(200, proposalView(await viewProposal(user, proposalId, reason), { showRestricted: true }));
  }
  await validFor(user, proposalId, event.queryStringParameters ?? {}, querySchema);
  return json(200, proposalView(await viewProposal(user, proposalId, undefined), { showRestricted: false }));
});
