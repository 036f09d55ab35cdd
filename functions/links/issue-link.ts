import { linkExpiresAt } from '#domain/link-expiry';
import { isRecipientMessage, resendMessageId } from '#domain/link-resend';
import { ConflictError } from '#runtime/errors';
import type { CheckItem, ProposalItem } from '#store/items';
import { issueLinkItems, type LinkIssue } from '#store/link-items';
import { linkUrl, outboxPut } from '#store/outbox';
import type { TransactItems } from '#store/transact-item';
import { linkLifetimes } from './link-lifetimes.ts';
import { reminderMessageId, requestMessageId } from './link-messages.ts';
import { createLinkToken } from './link-tokens.ts';

/**
 * The first link of a check (the workflow's request step, keeping its task token), one sent again
 * by an officer, or a reminder's (the workflow, at a reminder point: the link is not kept after
 * its message is delivered, so a reminder cannot resend the old one; ADR 0013).
 */
export type LinkToIssue = { kind: 'FIRST'; taskToken: string } | { kind: 'REPLACEMENT' } | { kind: 'REMINDER'; reminderKey: string };

export interface IssuedLink {
  /** The check's update, the link item and the message: to be written with the caller's audit record. */
  items: TransactItems;
  /** How many times the check's link has been sent again, counting this one (0 for the first link). */
  resendNumber: number;
}

/**
 * Issuing a check's link, the one way it is done: a new 32-byte token (only its SHA-256 stored),
 * its expiry, the check's hash and expiry replaced (so any older link stops working at once), the
 * link item, and a message to `to` carrying the link, with a stable reference: the first
 * request's `REQUEST#<checkId>`, a resend's `RESEND#<checkId>#<n>`, n counting the check's resends
 * (both REQUEST messages), a reminder's `REMINDER#<checkId>#<point>` (a REMINDER message, whose
 * templates say the link replaces the one sent before). A resend whose link would already have
 * expired (the hearing is past) is refused.
 */
export function issueLink(proposal: ProposalItem, check: CheckItem, to: string, issue: LinkToIssue, at: Date): IssuedLink {
  const resendNumber = issue.kind === 'REPLACEMENT' ? (check.resendCount ?? 0) + 1 : (check.resendCount ?? 0);
  const messageId =
    issue.kind === 'FIRST' ? requestMessageId(check.checkId) : issue.kind === 'REMINDER' ? reminderMessageId(check.checkId, issue.reminderKey, check.dueRound) : resendMessageId(check.checkId, resendNumber);
  const expires = linkExpiresAt(check.type, proposal.hearingDate, at, linkLifetimes);
  if (issue.kind === 'REPLACEMENT' && expires <= at) {
    throw new ConflictError({ error: 'LINK_WOULD_EXPIRE', message: 'The hearing date has passed, so a new link would not work', status: check.status });
  }
  const { token, tokenHash } = createLinkToken();
  const asStored: LinkIssue =
    issue.kind === 'REPLACEMENT'
      ? { kind: 'REPLACEMENT', resendNumber, clearDeliveryProblem: check.deliveryProblem !== undefined && isRecipientMessage(check.deliveryProblem.messageId) }
      : issue.kind === 'FIRST'
        ? issue
        : { kind: 'REMINDER' };
  return {
    items: [
      ...issueLinkItems(check, { tokenHash, expires, messageId }, asStored, at),
      outboxPut({
        id: messageId,
        kind: issue.kind === 'REMINDER' ? 'REMINDER' : 'REQUEST',
        to,
        proposalId: check.proposalId,
        checkType: check.type,
        ...(check.residentId === undefined ? {} : { residentId: check.residentId }),
        url: linkUrl(token),
        sentAt: at.toISOString(),
      }),
    ],
    resendNumber,
  };
}
