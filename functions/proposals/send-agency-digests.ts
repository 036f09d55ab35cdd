import { agencyDigests, type MailboxDigest } from '#domain/agency-digest';
import { courtTeamCodes } from '#domain/court-teams';
import { londonDate } from '#domain/london-time';
import { isWorkingDay } from '#domain/working-days';
import { logger } from '#runtime/logger';
import { outboxPut } from '#store/outbox';
import { courtsWithTeams } from '#store/staff-directory';
import { writeAtomically } from '#store/transactions';
import { listWindow, proposalsOfCourts } from './court-lists.ts';

/**
 * Every agency mailbox's outstanding enquiries from every court (domain/agency-digest.ts): the
 * courts the court team data lists and any court with staff, each over the officers' list window
 * (a check falls due before its hearing, so an outstanding one's hearing is in it). One bounded
 * query per court, as the teams' digest reads.
 */
export async function outstandingAgencyEnquiries(at: Date): Promise<MailboxDigest[]> {
  const courts = [...new Set([...courtTeamCodes, ...(await courtsWithTeams())])].sort();
  return agencyDigests(await proposalsOfCourts(courts, londonDate(at), listWindow), at);
}

/**
 * Each working morning, one message to each police force's and local authority's enquiry mailbox
 * that has enquiries outstanding, listing them all, from every court. A weekend or bank holiday
 * sends nothing (the schedule runs Monday to Friday and this skips bank holidays).
 *
 * Each message's reference is `AGENCY_DIGEST#<date>#<mailbox key>` (no address in it), so a
 * retried or repeated run on the same day sends nothing twice.
 */
export async function sendAgencyDigests(at: Date) {
  const today = londonDate(at);
  if (!isWorkingDay(today)) {
    return { date: today, workingDay: false, mailboxes: 0, sent: 0 };
  }
  const digests = await outstandingAgencyEnquiries(at);
  let sent = 0;
  for (const digest of digests) {
    const put = outboxPut({ id: `AGENCY_DIGEST#${today}#${digest.mailboxKey}`, kind: 'AGENCY_DIGEST', to: digest.mailbox, mailboxKey: digest.mailboxKey, date: today, enquiries: digest.lines, sentAt: at.toISOString() });
    // False when today's digest for this mailbox already exists: a repeated run.
    if (await writeAtomically([put])) {
      sent += 1;
    }
  }
  // Counts only: the mailboxes' addresses stay out of the logs.
  logger.info('Agency digests', { mailboxes: digests.length, enquiries: digests.reduce((total, digest) => total + digest.lines.length, 0), sent });
  return { date: today, workingDay: true, mailboxes: digests.length, sent };
}
