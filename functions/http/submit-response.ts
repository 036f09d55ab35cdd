import { answerSchemaFor, linkTokenBodySchema } from '#schemas/answers';
import { now } from '#shared/clock';
import { LinkNotUsableError } from '#shared/errors';
import { httpHandler, json, parseWith, readJsonBody } from '#shared/http-handler';
import { hashLinkToken } from '#shared/link-tokens';
import { logger } from '#shared/logger';
import { getLink, loadProposal } from '#shared/proposal-store';
import { recordAnswer } from '#shared/record-answer';

/**
 * POST /api/responses: the police, children's services or a resident answers with their link
 * token. Unknown token → 404; used, expired or withdrawn → 410; both with the same body. The
 * token is consumed only by a valid answer, atomically with storing it.
 */
export const handler = httpHandler(async (event) => {
  const body = readJsonBody(event);
  const { token, ...answerFields } = parseWith(body, linkTokenBodySchema);
  const tokenHash = hashLinkToken(token);
  const link = await getLink(tokenHash);
  if (link === undefined) {
    throw new LinkNotUsableError(404);
  }
  const at = now();
  const stored = await loadProposal(link.proposalId);
  const check = stored?.checks.find((candidate) => candidate.checkId === link.checkId);
  const usable = stored !== undefined && check !== undefined && link.usedAt === undefined && at < new Date(link.linkExpiresAt) && check.linkTokenHash === tokenHash && ['REQUESTED', 'OVERDUE'].includes(check.status);
  if (!usable) {
    throw new LinkNotUsableError(410);
  }
  const answer = parseWith(answerFields, answerSchemaFor(check.type));
  const result = await recordAnswer({ check, answer, source: { via: 'LINK' }, actor: undefined, linkTokenHash: tokenHash, officerId: stored.proposal.createdBy, at });
  if (!result.recorded) {
    throw new LinkNotUsableError(410);
  }
  logger.info('Check answered through link', { proposalId: check.proposalId, checkId: check.checkId, checkType: check.type });
  return json(200, { checkType: check.type, status: result.status });
});
