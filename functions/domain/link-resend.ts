import type { CheckStatus, CheckType } from './statuses.ts';

/**
 * When an officer may send a check's link again (product decisions; functions/proposals/resend-link.ts
 * and change-recipient.ts do it):
 * - only while the check waits for its recipient's answer through a link, REQUESTED or OVERDUE,
 *   and only once the first request has gone out (the check has a link);
 * - never to a resident who asked to speak to someone (NEEDS_CONTACT): they stepped away from the
 *   link on purpose, perhaps because the defendant reads their messages, so the officer contacts
 *   them privately and records their answer instead;
 * - never for an answered or cancelled check.
 */
export interface ResendableCheck {
  status: CheckStatus;
  type: CheckType;
  linkTokenHash?: string | undefined;
}

/** Why a check's link cannot be sent again, in the officer's words; undefined when it can. */
export function whyNoResend(check: ResendableCheck): string | undefined {
  switch (check.status) {
    case 'RESPONDED':
      return 'This check has been answered, so its link cannot be sent again';
    case 'CANCELLED':
      return 'This check was cancelled, so its link cannot be sent again';
    case 'NEEDS_CONTACT':
      return 'The resident asked to speak to someone, so a new link is not sent: contact them privately and record their answer';
    case 'REQUESTED':
    case 'OVERDUE':
      return check.linkTokenHash === undefined ? 'The first request has not been sent yet: reload the page in a moment' : undefined;
  }
}

/** Whether the officer may send the check's link again. */
export function mayResendLink(check: ResendableCheck): boolean {
  return whyNoResend(check) === undefined;
}

/** The stable outbox reference of the n-th resend of a check's link (n from 1). */
export function resendMessageId(checkId: string, resendNumber: number): string {
  return `RESEND#${checkId}#${resendNumber}`;
}

/** Whether a message went to the check's recipient (so a new link answers its failed delivery). */
export function isRecipientMessage(messageId: string): boolean {
  return /^(REQUEST|REMINDER|RESEND)#/.test(messageId);
}

/** Contact details as a resident record holds them. */
export interface ContactDetails {
  email?: string;
  mobile?: string;
}

/** A record with new contact details in place of the old ones: a detail not given is removed. */
export function withContact<Record extends ContactDetails>(record: Record, contact: ContactDetails): Record {
  const { email: _email, mobile: _mobile, ...rest } = record;
  return { ...rest, ...(contact.email === undefined ? {} : { email: contact.email }), ...(contact.mobile === undefined ? {} : { mobile: contact.mobile }) } as Record;
}
