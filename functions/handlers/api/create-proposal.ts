import { ValidationError } from '#runtime/errors';
import { httpHandler, json, readJsonBody, type HttpEvent } from '#runtime/http-handler';
import { createProposal } from '#proposals/create-proposal';
import { requireStaff } from '#auth/staff-identity';

const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{1,200}$/;

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

function readIdempotencyKey(event: HttpEvent): string | undefined {
  const key = event.headers['idempotency-key'];
  if (key === undefined) {
    return undefined;
  }
  if (!idempotencyKeyPattern.test(key)) {
    throw new ValidationError([{ path: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 letters, digits or ._:-' }]);
  }
  return key;
}
