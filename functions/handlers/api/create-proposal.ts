import { httpHandler, json, readJsonBody } from '#runtime/http-handler';
import { readIdempotencyKey } from '#runtime/idempotency-key';
import { createProposal } from '#proposals/create-proposal';
import { requireStaff } from '#auth/staff-identity';

/**
 * POST /api/proposals: a court officer starts the checks (see `createProposal`, shared with the
 * start-checks page). A repeated Idempotency-Key with the same body returns the same proposal.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const body = readJsonBody(event);
  const idempotencyKey = readIdempotencyKey(event);
  return json(201, await createProposal(user, body, idempotencyKey));
});
