import { whyNoResend } from '#domain/link-resend';
import { ConflictError, NotFoundError } from '#runtime/errors';
import type { CheckItem } from '#store/items';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';

/**
 * What the officer's two ways of getting a link to a recipient who has not answered (resend-link.ts
 * and change-recipient.ts) refuse alike. The rules are product decisions (domain/link-resend.ts):
 * - Only a check that still waits for its recipient's answer through a link: REQUESTED or OVERDUE,
 *   and only once its first request has gone out. A resident who asked to speak to someone
 *   (NEEDS_CONTACT) is **not** sent a new link, nor can their details be changed here: they
 *   stepped away from the link on purpose, perhaps because the defendant reads their messages; the
 *   officer contacts them privately and records their answer. Answered and cancelled checks are
 *   refused too (409).
 * - A new link replaces the old one (links/issue-link.ts), so the old link stops working at once
 *   (link-access compares the check's hash). The workflow's task token is left alone: it keeps
 *   waiting and the answer through the new link completes it as usual.
 */

export function findCheckOf(stored: StoredProposal, checkId: string): CheckItem {
  const check = stored.checks.find((candidate) => candidate.checkId === checkId);
  if (check === undefined) {
    throw new NotFoundError('No such check on this proposal');
  }
  return check;
}

export function refuseUnlessResendable(check: CheckItem): void {
  const reason = whyNoResend(check);
  if (reason !== undefined) {
    throw new ConflictError({ error: 'NOT_WAITING', message: reason, status: check.status });
  }
}

/** After a refused write: say why from the state now stored. */
export async function conflictAfterRace(proposalId: string, checkId: string): Promise<never> {
  const current = findCheckOf(await loadExistingProposal(proposalId), checkId);
  const reason = whyNoResend(current);
  throw new ConflictError({ error: reason === undefined ? 'CHANGED' : 'NOT_WAITING', message: reason ?? 'The check changed while you were sending its link: reload the page and try again', status: current.status });
}
