import { httpHandler, json, pathParameter, readJsonBody } from '#runtime/http-handler';
import { readIdempotencyKey } from '#runtime/idempotency-key';
import { proposeAlternativeAddress } from '#proposals/propose-alternative-address';
import { requireStaff } from '#auth/staff-identity';

/**
 * POST /api/proposals/{proposalId}/alternative-address: another address for an unsuitable or
 * withdrawn proposal, as the next version of its case (see `proposeAlternativeAddress`).
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const body = readJsonBody(event);
  const idempotencyKey = readIdempotencyKey(event);
  return json(201, await proposeAlternativeAddress(user, pathParameter(event, 'proposalId'), body, idempotencyKey));
});
