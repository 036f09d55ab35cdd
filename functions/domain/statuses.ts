/**
 * Every state a curfew proposal can be in. Kept as a tuple so the schemas, the table and the
 * workflow all agree on one list and TypeScript can check exhaustiveness.
 */
export const proposalStatuses = [
  'CHECKS_IN_PROGRESS',
  'AWAITING_DECISION',
  'AWAITING_COUNTERSIGN',
  'SUITABLE',
  'UNSUITABLE',
  'WITHDRAWN',
] as const;

/** A proposal's state; see proposalStatuses. */
export type ProposalStatus = (typeof proposalStatuses)[number];

/** Every state a single check (police, children's services or one resident) can be in. */
export const checkStatuses = ['REQUESTED', 'OVERDUE', 'NEEDS_CONTACT', 'RESPONDED', 'CANCELLED'] as const;

/** A check's state; see checkStatuses. */
export type CheckStatus = (typeof checkStatuses)[number];

/** The three kinds of enquiry the review said must be made before a curfew is proposed. */
export const checkTypes = ['DOMESTIC_ABUSE', 'CHILD_SAFEGUARDING', 'RESIDENT_CONSENT'] as const;

/** A check's kind; see checkTypes. */
export type CheckType = (typeof checkTypes)[number];

/** Statuses after which nothing about the proposal may change, so actions can refuse them in one place. */
export const finalProposalStatuses: readonly ProposalStatus[] = ['SUITABLE', 'UNSUITABLE', 'WITHDRAWN'];

/** Whether a proposal is closed: used to refuse decisions, countersignatures and withdrawals on it. */
export function isFinal(status: ProposalStatus): boolean {
  return finalProposalStatuses.includes(status);
}

/** Check statuses that still wait for an answer, so reminders and overdue views know what to chase. */
export const openCheckStatuses: readonly CheckStatus[] = ['REQUESTED', 'OVERDUE', 'NEEDS_CONTACT'];
