import { answerSchemaFor } from '#schemas/answers';
import type { LinkAnswerResult } from '#schemas/api-responses';
import { now } from '#runtime/clock';
import { LinkNotUsableError } from '#runtime/errors';
import { logger } from '#runtime/logger';
import { parseWith } from '#runtime/validation';
import { isAnswerGiven } from '#links/answered-link';
import { answeringParty } from '#links/check-recipients';
import { resolveUsableLink, type UsableLink } from '#links/link-access';
import type { CheckItem } from '#store/items';
import { appendAudit } from '#store/transactions';
import { recordAnswer } from './record-answer.ts';

/**
 * A recipient's answer through their link, from the JSON API: the answer is validated for the
 * check's type, then stored and the link consumed in one conditional write. A second answer, or a
 * race lost to another, is refused like any used link; a different answer through a used link is
 * recorded as an attempt, as the link page does (the same answer again is a retry, not an attempt).
 */
export async function answerByLink(token: string, answerFields: unknown) {
  const at = now();
  const usable = await resolveUsableLink(token, at, async (answered) => {
    const sent = answerSchemaFor(answered.check.type).safeParse(answerFields);
    if (!(sent.success && isAnswerGiven(answered.check, sent.data))) {
      await recordLaterAnswerAttempt(answered.check, at);
    }
  });
  return answerThroughLink(usable, answerFields, at);
}

/**
 * The same for a link already resolved (the link page resolves it to choose its form), so an
 * answer reads the link and its proposal once.
 */
export async function answerThroughLink({ tokenHash, stored, check }: UsableLink, answerFields: unknown, at: Date): Promise<LinkAnswerResult> {
  const answer = parseWith(answerFields, answerSchemaFor(check.type));
  const result = await recordAnswer({ proposal: stored.proposal, check, answer, source: { via: 'LINK' }, actor: undefined, linkTokenHash: tokenHash, officerId: stored.proposal.createdBy, at });
  if (!result.recorded) {
    throw new LinkNotUsableError(410);
  }
  logger.info('Check answered through link', { proposalId: check.proposalId, checkId: check.checkId, checkType: check.type });
  return { checkType: check.type, status: result.status };
}

/**
 * Someone sent an answer through a link already used to answer (another tab, a second visit): the
 * first answer stands, and the officer must see that a later one was tried, since it may say
 * something new. Only the attempt and its time are kept, never what it said.
 */
export async function recordLaterAnswerAttempt(check: CheckItem, at: Date): Promise<void> {
  await appendAudit({ proposalId: check.proposalId, action: 'LATER_ANSWER_ATTEMPTED', actor: answeringParty[check.type], at, checkId: check.checkId });
  logger.info('Later answer attempted through a used link', { proposalId: check.proposalId, checkId: check.checkId, checkType: check.type });
}
