import { linkTokenBodySchema } from '#schemas/answers';
import { answerByLink } from '#proposals/answer-by-link';
import { httpHandler, json, readJsonBody } from '#runtime/http-handler';
import { parseWith } from '#runtime/validation';

/**
 * POST /api/responses: the police, children's services or a resident answers with their link
 * token in the body (for systems and tests; people use the link page). Unknown token → 404; used,
 * expired or withdrawn → 410; both with the same body.
 */
export const handler = httpHandler(async (event) => {
  const { token, ...answerFields } = parseWith(readJsonBody(event), linkTokenBodySchema);
  return json(200, await answerByLink(token, answerFields));
});
