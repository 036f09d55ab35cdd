import * as z from 'zod';
import { linkExpiresAt } from '#domain/link-expiry';
import { isRecipientMessage, resendMessageId, whyNoResend, withContact } from '#domain/link-resend';
import { isFinal } from '#domain/statuses';
import { residentContactSchema } from '#schemas/proposal';
import { parseWith } from '#runtime/validation';
import type { AuditEntry } from '#store/audit-store';
import { recipientFor } from '#links/check-recipients';
import { now } from '#runtime/clock';
import { config } from '#runtime/config';
import { ConflictError, NotFoundError } from '#runtime/errors';
import { keys, type CheckItem, type ProposalItem } from '#store/items';
import { createLinkToken } from '#links/link-tokens';
import type { StaffUser } from '#auth/staff';
import { logger } from '#runtime/logger';
import { linkUrl, outboxPut } from '#store/outbox';
import { loadProposalOfCourt } from './proposal-actions.ts';
import { loadExistingProposal, writeAtomically, type StoredProposal, type TransactItems } from '#store/proposal-store';
import { linkLifetimes } from '#links/link-lifetimes';

/**
 * The officer's two ways to get a link to a recipient who has not answered: send it again (the
 * message was lost, deleted or the link expired) and, for an adult resident, change where it goes
 * and send it there. Used by the JSON API and the proposal page alike.
 *
 * Rules (product decisions):
 * - Only a check that still waits for its recipient's answer through a link: REQUESTED or OVERDUE,
 *   and only once its first request has gone out (domain/link-resend.ts). A resident who asked to
 *   speak to someone (NEEDS_CONTACT) is **not** sent a new link, nor can their details be changed
 *   here: they stepped away from the link on purpose, perhaps because the defendant reads their
 *   messages; the officer contacts them privately and records their answer. Answered and
 *   cancelled checks are refused too (409).
 * - A new link replaces the old one: a new 32-byte token (only its SHA-256 stored), the check's
 *   hash and expiry replaced, so the old link stops working at once (link-access compares the
 *   check's hash). The workflow's task token is left alone: it keeps waiting and the answer
 *   through the new link completes it as usual.
 * - The message is a REQUEST (same templates and wording as the first) with its own stable
 *   reference `RESEND#<checkId>#<n>`, n counting the check's resends; the count moves on only from
 *   the value read, so two officers clicking at once send one link, not two. The check names the
 *   message as `linkMessageId`, which reminders read their link from.
 * - Callers may say how many resends they saw (`resendCount`); the page always does, so a form
 *   submitted twice, or a colleague's resend in between, is refused with 409 rather than sending
 *   a second link that kills the first.
 * - Agencies' addresses come from the directory and cannot be changed here. A resident's new
 *   contact details replace the old ones entirely (leave a field out to remove it), and are never
 *   written to the audit trail or the logs.
 */

/** A resend request: optionally, how many times the caller saw the link had been sent again. */
export const resendLinkSchema = z
  .object({
    resendCount: z.number({ error: 'The page was out of date: reload it and try again' }).int({ error: 'The page was out of date: reload it and try again' }).min(0, { error: 'The page was out of date: reload it and try again' }).optional(),
  })
  .strict();


function findCheckOf(stored: StoredProposal, checkId: string): CheckItem {
  const check = stored.checks.find((candidate) => candidate.checkId === checkId);
  if (check === undefined) {
    throw new NotFoundError('No such check on this proposal');
  }
  return check;
}

function refuseUnlessResendable(check: CheckItem): void {
  const reason = whyNoResend(check);
  if (reason !== undefined) {
    throw new ConflictError({ error: 'NOT_WAITING', message: reason, status: check.status });
  }
}

/**
 * The transaction items that replace a check's link with a new one sent to `to`, conditional on
 * the check still waiting with the link and resend count we read.
 */
function newLinkItems(proposal: ProposalItem, check: CheckItem, to: string, actor: string, at: Date): { items: TransactItems; audit: AuditEntry; resendNumber: number } {
  const previousCount = check.resendCount ?? 0;
  const resendNumber = previousCount + 1;
  const messageId = resendMessageId(check.checkId, resendNumber);
  const expires = linkExpiresAt(check.type, proposal.hearingDate, at, linkLifetimes);
  if (expires <= at) {
    throw new ConflictError({ error: 'LINK_WOULD_EXPIRE', message: 'The hearing date has passed, so a new link would not work', status: check.status });
  }
  const { token, tokenHash } = createLinkToken();
  const clearProblem = check.deliveryProblem !== undefined && isRecipientMessage(check.deliveryProblem.messageId);
  const items: TransactItems = [
    {
      Update: {
        TableName: config.tableName,
        Key: keys.check(check.proposalId, check.checkId),
        UpdateExpression: `SET linkTokenHash = :hash, linkExpiresAt = :expires, linkMessageId = :message, linkSentAt = :at, resendCount = :count${clearProblem ? ' REMOVE deliveryProblem' : ''}`,
        ConditionExpression: `#status IN (:requested, :overdue) AND linkTokenHash = :previousHash AND ${previousCount === 0 ? 'attribute_not_exists(resendCount)' : 'resendCount = :previousCount'}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':hash': tokenHash,
          ':expires': expires.toISOString(),
          ':message': messageId,
          ':at': at.toISOString(),
          ':count': resendNumber,
          ':requested': 'REQUESTED',
          ':overdue': 'OVERDUE',
          ':previousHash': check.linkTokenHash,
          ...(previousCount === 0 ? {} : { ':previousCount': previousCount }),
        },
      },
    },
    {
      Put: {
        TableName: config.tableName,
        Item: { ...keys.link(tokenHash), itemType: 'LINK', proposalId: check.proposalId, checkId: check.checkId, checkType: check.type, linkExpiresAt: expires.toISOString(), expiresAt: Math.floor(expires.getTime() / 1000) + 30 * 24 * 3600 },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    outboxPut({
      id: messageId,
      kind: 'REQUEST',
      to,
      proposalId: check.proposalId,
      checkType: check.type,
      ...(check.residentId === undefined ? {} : { residentId: check.residentId }),
      url: linkUrl(token),
      sentAt: at.toISOString(),
    }),
  ];
  return { items, audit: { proposalId: check.proposalId, action: 'LINK_RESENT', actor, at, checkId: check.checkId }, resendNumber };
}

/** After a refused write: say why from the state now stored. */
async function conflictAfterRace(proposalId: string, checkId: string): Promise<never> {
  const current = findCheckOf(await loadExistingProposal(proposalId), checkId);
  const reason = whyNoResend(current);
  throw new ConflictError({ error: reason === undefined ? 'CHANGED' : 'NOT_WAITING', message: reason ?? 'The check changed while you were sending its link: reload the page and try again', status: current.status });
}

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
  const { items, audit, resendNumber } = newLinkItems(stored.proposal, check, recipientFor(stored.proposal, check), user.id, at);
  if (!(await writeAtomically(items, audit))) {
    return conflictAfterRace(proposalId, checkId);
  }
  logger.info('Link sent again', { proposalId, checkId, checkType: check.type, resendNumber });
  return loadExistingProposal(proposalId);
}

/**
 * Changes an adult resident's contact details and sends them a new link there, in one
 * transaction: the proposal's resident record (only while checks are in progress), the new link
 * and message, and the audit records RECIPIENT_CHANGED then LINK_RESENT (no address in either).
 */
export async function changeRecipient(user: StaffUser, proposalId: string, residentId: string, body: unknown): Promise<StoredProposal> {
  const stored = await loadProposalOfCourt(user, proposalId);
  const { proposal } = stored;
  const index = proposal.residents.findIndex((resident) => resident.residentId === residentId);
  const resident = proposal.residents[index];
  const check = stored.checks.find((candidate) => candidate.type === 'RESIDENT_CONSENT' && candidate.residentId === residentId);
  if (resident === undefined || check === undefined) {
    throw new NotFoundError('No such resident on this proposal');
  }
  const contact = parseWith(body, residentContactSchema);
  if (isFinal(proposal.status)) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'This proposal has a final decision, so contact details cannot be changed', status: proposal.status });
  }
  refuseUnlessResendable(check);
  const at = now();
  const updated = withContact(resident, contact);
  const { items, audit, resendNumber } = newLinkItems(proposal, check, recipientFor({ ...proposal, residents: proposal.residents.map((each) => (each.residentId === residentId ? updated : each)) }, check), user.id, at);
  // The record's email and mobile become exactly what was given: a field left out is removed.
  const path = (field: '#email' | '#mobile') => `#residents[${index}].${field}`;
  const set = [...(contact.email === undefined ? [] : [`${path('#email')} = :email`]), ...(contact.mobile === undefined ? [] : [`${path('#mobile')} = :mobile`]), 'updatedAt = :at'];
  const remove = [...(contact.email === undefined ? [path('#email')] : []), ...(contact.mobile === undefined ? [path('#mobile')] : [])];
  const proposalUpdate: TransactItems[number] = {
    Update: {
      TableName: config.tableName,
      Key: keys.proposal(proposalId),
      UpdateExpression: `SET ${set.join(', ')}${remove.length === 0 ? '' : ` REMOVE ${remove.join(', ')}`}`,
      ConditionExpression: `#status = :inProgress AND #residents[${index}].#residentId = :residentId`,
      ExpressionAttributeNames: { '#status': 'status', '#residents': 'residents', '#email': 'email', '#mobile': 'mobile', '#residentId': 'residentId' },
      ExpressionAttributeValues: {
        ':inProgress': 'CHECKS_IN_PROGRESS',
        ':residentId': residentId,
        ':at': at.toISOString(),
        ...(contact.email === undefined ? {} : { ':email': contact.email }),
        ...(contact.mobile === undefined ? {} : { ':mobile': contact.mobile }),
      },
    },
  };
  const audits: AuditEntry[] = [{ proposalId, action: 'RECIPIENT_CHANGED', actor: user.id, at, checkId: check.checkId }, audit];
  if (!(await writeAtomically([proposalUpdate, ...items], audits))) {
    const current = await loadExistingProposal(proposalId);
    if (isFinal(current.proposal.status)) {
      throw new ConflictError({ error: 'NOT_ALLOWED', message: 'This proposal has a final decision, so contact details cannot be changed', status: current.proposal.status });
    }
    return conflictAfterRace(proposalId, check.checkId);
  }
  logger.info('Recipient changed and link sent again', { proposalId, checkId: check.checkId, resendNumber });
  return loadExistingProposal(proposalId);
}
