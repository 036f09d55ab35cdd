import { formatDateTime } from '#pages/filters';
import type { ProposalMessage, StoredOutboxMessage } from '#store/outbox';

/** Kinds without a label here (new ones) show their code. */
const kindLabels: Readonly<Record<string, string>> = { REQUEST: 'Request', REMINDER: 'Reminder', OVERDUE: 'Overdue', NEEDS_CONTACT: 'Resident asked to speak to someone', DIGEST: 'Daily digest of overdue checks' };

const checkTypeLabels: Record<NonNullable<ProposalMessage['checkType']>, string> = {
  DOMESTIC_ABUSE: 'Police: domestic abuse enquiry',
  CHILD_SAFEGUARDING: "Children's services: child safeguarding enquiry",
  RESIDENT_CONSENT: 'Resident: consent',
};

/** One row of the local outbox page, newest first so the message just sent is at the top. */
export function outboxRows(messages: readonly StoredOutboxMessage[]) {
  return [...messages]
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt))
    .map((message) => ({
      id: message.id,
      kind: kindLabels[message.kind] ?? message.kind,
      to: message.to,
      // A digest is about a court team, not one proposal: its row shows the court and how many
      // (not kept once it is delivered, like the address and the link: store/outbox.ts).
      proposalId: message.kind === 'DIGEST' ? `Court ${message.courtCode}${message.overdue === undefined ? '' : `: ${message.overdue.length} overdue`}` : message.proposalId,
      checkType: message.kind === 'DIGEST' || message.checkType === undefined ? '' : checkTypeLabels[message.checkType],
      sentAt: formatDateTime(message.sentAt),
      url: message.url,
    }));
}
