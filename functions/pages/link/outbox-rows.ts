import { formatDateTime } from '#pages/filters';
import type { StoredDomainEvent } from '#store/domain-events';
import type { ProposalMessage, StoredOutboxMessage } from '#store/outbox';

/** Kinds without a label here (new ones) show their code. */
const kindLabels: Readonly<Record<string, string>> = { REQUEST: 'Request', REMINDER: 'Reminder', OVERDUE: 'Overdue', NEEDS_CONTACT: 'Resident asked to speak to someone', NEW_LINK_REQUESTED: 'New link asked for', DIGEST: 'Daily digest of overdue checks', AGENCY_DIGEST: "Agency's morning digest of outstanding enquiries" };

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
      ...aboutWhat(message),
      kind: kindLabels[message.kind] ?? message.kind,
      to: message.to,
      sentAt: formatDateTime(message.sentAt),
      url: message.kind === 'AGENCY_DIGEST' ? undefined : message.url,
    }));
}

/**
 * A digest is about a court team or an agency's mailbox, not one proposal: its row shows which and
 * how many (the lines are not kept once it is delivered, like the address and the link: store/outbox.ts).
 */
function aboutWhat(message: StoredOutboxMessage): { proposalId: string; checkType: string } {
  if (message.kind === 'DIGEST') {
    return { proposalId: `Court ${message.courtCode}${message.overdue === undefined ? '' : `: ${message.overdue.length} overdue`}`, checkType: '' };
  }
  if (message.kind === 'AGENCY_DIGEST') {
    return { proposalId: `${message.mailboxKey}${message.enquiries === undefined ? '' : `: ${message.enquiries.length} outstanding`}`, checkType: '' };
  }
  return { proposalId: message.proposalId, checkType: message.checkType === undefined ? '' : checkTypeLabels[message.checkType] };
}

/** What every event's detail has: shown in columns of their own, not among the event's facts. */
const envelopeFields = new Set(['eventId', 'eventVersion', 'occurredAt', 'sequence', 'proposalId']);

/**
 * One row of the page's domain events (ADR 0027), newest first: the event as other systems receive
 * it (its type and the facts of its detail), and whether the local EventBridge has it yet.
 */
export function domainEventRows(events: readonly StoredDomainEvent[]) {
  return [...events]
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.detail.sequence - a.detail.sequence)
    .map((event) => ({
      eventId: event.eventId,
      type: event.type,
      proposalId: event.detail.proposalId,
      sequence: event.detail.sequence,
      facts: Object.entries(event.detail)
        .filter(([name]) => !envelopeFields.has(name))
        .map(([name, value]) => ({ name, value: String(value) })),
      occurredAt: formatDateTime(event.occurredAt),
      published: event.publishStatus === 'PUBLISHED',
      publishedAt: event.publishedAt === undefined ? undefined : formatDateTime(event.publishedAt),
    }));
}
