import { roundSuffix } from '#domain/adjournment';
import { isAgencyCheck, reminderReplacedByDigest } from '#domain/agency-digest';
import { decideWake, reminderPoints } from '#domain/reminders';
import { now } from '#runtime/clock';
import { logger } from '#runtime/logger';
import { recipientFor } from '#links/check-recipients';
import { issueLink } from '#links/issue-link';
import { markCheckOverdue } from '#store/check-follow-ups';
import type { CheckItem } from '#store/items';
import { outboxPut, type ProposalMessage } from '#store/outbox';
import { findCheck, loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { officerAddress, seniorProbationOfficerAddresses } from '#store/staff-directory';
import { writeAtomically } from '#store/transactions';
import { outstandingAgencyEnquiries } from './send-agency-digests.ts';

/**
 * A check's wait ended without an answer. Depending on the time (domain/reminders.ts): remind the
 * recipient, or mark the check OVERDUE and tell the officer and the team's senior probation
 * officers; then say how long to wait next. The workflow keeps waiting, so a late answer still
 * counts. Each message has a stable reference and is written with a condition on the check's
 * status, so nothing is sent twice (retries, replays) or after an answer.
 */
export async function followUpUnansweredCheck(proposalId: string, checkId: string): Promise<{ waitSeconds: number }> {
  const stored = await loadExistingProposal(proposalId);
  const check = findCheck(stored, checkId);
  const at = now();
  const dueAt = new Date(check.dueAt);
  const sentAt = lastSentAt(check);
  const decision = decideWake({
    dueAt,
    now: at,
    status: check.status,
    points: reminderPoints(dueAt),
    ...(sentAt === undefined ? {} : { requestedAt: new Date(sentAt) }),
  });
  if (decision.action === 'REMIND') {
    if (await leftToDigest(stored, check, at)) {
      logger.info('Reminder left to the agency digest', { proposalId: check.proposalId, checkId: check.checkId, reminderKey: decision.reminderKey });
      return { waitSeconds: decision.waitSeconds };
    }
    await sendReminder(stored, check, decision.reminderKey, at);
  } else if (decision.action === 'MARK_OVERDUE') {
    await markOverdue(stored, check, at);
  }
  return { waitSeconds: decision.waitSeconds };
}

/**
 * When the recipient was last sent their link: the request, or the officer's latest resend; or when
 * the hearing moved the due time, whichever is latest. A reminder point before it is skipped, so a
 * link sent again is not followed at once by a reminder, and a point of the new due date that had
 * already passed when the hearing moved is not sent late (ADR 0024).
 */
function lastSentAt(check: CheckItem): string | undefined {
  const times = [check.requestedAt, check.linkSentAt, check.dueMovedAt].filter((time): time is string => time !== undefined);
  return times.sort().at(-1);
}

function aboutCheck(check: CheckItem): Pick<ProposalMessage, 'proposalId' | 'checkType' | 'residentId'> {
  return { proposalId: check.proposalId, checkType: check.type, ...(check.residentId === undefined ? {} : { residentId: check.residentId }) };
}

/**
 * An agency whose mailbox has several enquiries outstanding gets them all in its morning digest
 * instead of a reminder for each (domain/agency-digest.ts); with one, it is reminded as before. The
 * digest has no link, so the link sent before keeps working (no reminder replaced it).
 */
async function leftToDigest(stored: StoredProposal, check: CheckItem, at: Date): Promise<boolean> {
  if (!isAgencyCheck(check.type)) {
    return false;
  }
  const mailbox = recipientFor(stored.proposal, check);
  const outstanding = (await outstandingAgencyEnquiries(at)).find((digest) => digest.mailbox === mailbox)?.lines.length ?? 0;
  return reminderReplacedByDigest(check.type, outstanding);
}

/**
 * A reminder carries a new link, issued as every link is (links/issue-link.ts), and the one sent
 * before stops working: no raw token is kept once its message is delivered, so the old link
 * cannot be sent again (ADR 0013). The reminder's wording says its link replaces the earlier one.
 * It goes to the recipient's current address, and only while the check still waits with the link
 * we read (not after an answer, nor over a link the officer has just sent again).
 */
async function sendReminder(stored: StoredProposal, check: CheckItem, reminderKey: string, at: Date): Promise<void> {
  if (check.linkTokenHash === undefined) {
    // The request has not gone out yet (a reminder needs `requestedAt`, set with the first link): nothing to remind of.
    return;
  }
  const { items } = issueLink(stored.proposal, check, recipientFor(stored.proposal, check), { kind: 'REMINDER', reminderKey }, at);
  const sent = await writeAtomically(items, { proposalId: check.proposalId, action: 'REMINDER_SENT', actor: 'WORKFLOW', at, checkId: check.checkId });
  if (sent) {
    logger.info('Reminder sent', { proposalId: check.proposalId, checkId: check.checkId, reminderKey });
  }
}

async function markOverdue(stored: StoredProposal, check: CheckItem, at: Date): Promise<void> {
  const [officer, seniorProbationOfficers] = await Promise.all([officerAddress(stored.proposal.createdBy), seniorProbationOfficerAddresses(stored.proposal.courtCode)]);
  // An officer who has never signed in here has no address yet; the SPOs and the daily digest still tell the team.
  const recipients = [...(officer === undefined ? [] : [{ role: 'OFFICER', to: officer }]), ...seniorProbationOfficers.map((to, index) => ({ role: `SPO${index + 1}`, to }))];
  const marked = await writeAtomically(
    [
      markCheckOverdue(check, at),
      ...recipients.map((recipient) => outboxPut({ id: `OVERDUE#${check.checkId}#${recipient.role}${roundSuffix(check.dueRound)}`, kind: 'OVERDUE', to: recipient.to, ...aboutCheck(check), sentAt: at.toISOString() })),
    ],
    { proposalId: check.proposalId, action: 'CHECK_OVERDUE', actor: 'WORKFLOW', at, checkId: check.checkId },
  );
  if (marked) {
    logger.info('Check overdue', { proposalId: check.proposalId, checkId: check.checkId, checkType: check.type, notices: recipients.length });
  }
}
