import { resendLinkSchema } from '#schemas/staff-actions';
import { now } from '#runtime/clock';
import { ConflictError } from '#runtime/errors';
import { logger } from '#runtime/logger';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import { recipientFor } from '#links/check-recipients';
import { issueLink } from '#links/issue-link';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { writeAtomically } from '#store/transactions';
import { loadProposalOfCourt } from './court-access.ts';
import { conflictAfterRace, findCheckOf, refuseUnlessResendable } from './resend-guards.ts';

/**
 * The officer sends a check's link again (the message was lost, deleted or the link expired), to
 * the same address, used by the JSON API and the proposal page alike. Which checks may be sent a
 * new link, and what a new link does to the old one: resend-guards.ts.
 *
 * The message is a REQUEST (same templates and wording as the first) with its own stable reference
 * `RESEND#<checkId>#<n>`, n counting the check's resends; the count moves on only from the value
 * read, so two officers clicking at once send one link, not two. The check names the message as
 * `linkMessageId`.
 *
 * Callers may say how many resends they saw (`resendCount`); the page always does, so a form
 * submitted twice, or a colleague's resend in between, is refused with 409 rather than sending a
 * second link that kills the first.
 */

/** Sends a check's link again, to the same address, with a new link; the old link stops working. */
export async function resendLink(user: StaffUser, proposalId: string, checkId: string, body: unknown): Promise<StoredProposal> {
  const stored = await loadProposalOfCourt(user, proposalId);
  const check = findCheckOf(stored, checkId);
  const input = parseWith(body, resendLinkSchema);
  refuseUnlessResendable(check);
  if (input.resendCount !== undefined && input.resendCount !== (check.resendCount ?? 0)) {
    throw new ConflictError({ error: 'ALREADY_RESENT', message: 'The link was sent again since you loaded the page: reload it and check before sending it again', status: check.status });
  }
  const at = now();
  const { items, resendNumber } = issueLink(stored.proposal, check, recipientFor(stored.proposal, check), { kind: 'REPLACEMENT' }, at);
  if (!(await writeAtomically(items, { proposalId: check.proposalId, action: 'LINK_RESENT', actor: user.id, at, checkId: check.checkId }))) {
    return conflictAfterRace(proposalId, checkId);
  }
  logger.info('Link sent again', { proposalId, checkId, checkType: check.type, resendNumber });
  return loadExistingProposal(proposalId);
}
