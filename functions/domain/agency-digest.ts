import { findLocalAuthority, findPoliceForce } from '#schemas/directory';
import { isCheckOverdue } from './court-summary.ts';
import type { CheckStatus, CheckType, ProposalStatus } from './statuses.ts';
import { isFinal } from './statuses.ts';

/**
 * The agencies' morning digest: each police force's and local authority's enquiry mailbox gets one
 * message a working morning listing its outstanding enquiries from every court, instead of a
 * reminder per enquiry when there are several. Each line names the enquiry by its reference (the
 * one its request and reminders carry), never by a person: whoever reads a shared mailbox learns
 * nothing about anyone from the digest.
 */
export type AgencyCheckType = Extract<CheckType, 'DOMESTIC_ABUSE' | 'CHILD_SAFEGUARDING'>;

export interface AgencyDigestLine {
  /** The enquiry's reference (enquiryReference), as the agency's request and reminders show it. */
  reference: string;
  checkType: AgencyCheckType;
  /** The court whose team asked, and whom to contact. */
  courtCode: string;
  dueAt: string;
  overdue: boolean;
}

export interface MailboxDigest {
  /** The enquiry mailbox the directory names. */
  mailbox: string;
  /**
   * A stable, address-free name for the mailbox (`POLICE.<code>` or `LA.<code>`; the first in
   * order if several directory entries share one mailbox): part of the digest's message reference.
   */
  mailboxKey: string;
  lines: AgencyDigestLine[];
}

interface ListedCheck {
  checkId: string;
  type: CheckType;
  status: CheckStatus;
  dueAt: string;
}

interface ListedProposal {
  proposal: { status: ProposalStatus; courtCode: string; policeForce: string; localAuthority: string };
  checks: readonly ListedCheck[];
}

/** Still waiting for the agency: requested (or marked overdue) and not answered, cancelled or handed to an officer. */
const waitingForAgency: readonly CheckStatus[] = ['REQUESTED', 'OVERDUE'];

export function isAgencyCheck(type: CheckType): type is AgencyCheckType {
  return type === 'DOMESTIC_ABUSE' || type === 'CHILD_SAFEGUARDING';
}

/**
 * The reference an agency quotes for one enquiry: the first eight characters of the check's id
 * (a random UUID), upper case, in two groups ("3F2A-9C01"). Short enough to read out on the phone
 * and, with the court and the due date beside it, enough to tell an agency's enquiries apart.
 */
export function enquiryReference(checkId: string): string {
  const hex = checkId.replace(/[^0-9a-fA-F]/g, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

/** The mailbox an agency check's request goes to and its key, from the proposal's force or authority; undefined for an unknown code. */
export function agencyMailboxOf(proposal: { policeForce: string; localAuthority: string }, type: AgencyCheckType): { mailbox: string; mailboxKey: string } | undefined {
  const entry = type === 'DOMESTIC_ABUSE' ? findPoliceForce(proposal.policeForce) : findLocalAuthority(proposal.localAuthority);
  return entry === undefined ? undefined : { mailbox: entry.enquiryEmail, mailboxKey: `${type === 'DOMESTIC_ABUSE' ? 'POLICE' : 'LA'}.${entry.code}` };
}

/**
 * Every enquiry still waiting for an agency, grouped by mailbox: open proposals only, one line per
 * check, soonest due first; mailboxes in key order. A mailbox with nothing outstanding is absent.
 */
export function agencyDigests(listed: readonly ListedProposal[], now: Date): MailboxDigest[] {
  const byMailbox = new Map<string, { keys: string[]; lines: AgencyDigestLine[] }>();
  for (const { proposal, checks } of listed) {
    if (isFinal(proposal.status)) {
      continue;
    }
    for (const check of checks) {
      if (!isAgencyCheck(check.type) || !waitingForAgency.includes(check.status)) {
        continue;
      }
      const target = agencyMailboxOf(proposal, check.type);
      if (target === undefined) {
        continue;
      }
      const group = byMailbox.get(target.mailbox) ?? { keys: [], lines: [] };
      group.keys.push(target.mailboxKey);
      group.lines.push({ reference: enquiryReference(check.checkId), checkType: check.type, courtCode: proposal.courtCode, dueAt: check.dueAt, overdue: isCheckOverdue(check, now) });
      byMailbox.set(target.mailbox, group);
    }
  }
  return [...byMailbox.entries()]
    .map(([mailbox, group]) => ({
      mailbox,
      mailboxKey: [...group.keys].sort()[0] ?? '',
      lines: group.lines.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.courtCode.localeCompare(b.courtCode) || a.reference.localeCompare(b.reference)),
    }))
    .sort((a, b) => a.mailboxKey.localeCompare(b.mailboxKey));
}

/** From this many outstanding enquiries in one mailbox, its digest replaces the reminders of each. */
export const digestReplacesRemindersFrom = 2;

/**
 * Whether a reminder that has fallen due goes out, or is left to the morning digest: an agency's
 * reminder is replaced when its mailbox has several outstanding enquiries (the one reminded of
 * included); with one, the reminder stays. A resident is never in a digest, so is always reminded.
 */
export function reminderReplacedByDigest(checkType: CheckType, outstandingInMailbox: number): boolean {
  return isAgencyCheck(checkType) && outstandingInMailbox >= digestReplacesRemindersFrom;
}
