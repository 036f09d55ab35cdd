import { isCheckOverdue } from './court-summary';
import type { CheckType, CheckStatus, ProposalStatus } from './statuses';
import { isFinal } from './statuses';

/**
 * The daily digest: every overdue check of a court team's open proposals, in one message each
 * working morning, so a late answer is chased while there is still time before the hearing. Each
 * line names the proposal by id and the check by type only: the reader signs in for the rest.
 */
export interface OverdueCheckLine {
  proposalId: string;
  checkType: CheckType;
  hearingDate: string;
  dueAt: string;
}

interface ListedCheck {
  type: CheckType;
  status: CheckStatus;
  dueAt: string;
}

interface ListedProposal {
  proposal: { proposalId: string; status: ProposalStatus; hearingDate: string };
  checks: readonly ListedCheck[];
}

/** Overdue checks of open proposals, soonest hearing first, one line per check (residents each count). */
export function overdueCheckLines(listed: readonly ListedProposal[], now: Date): OverdueCheckLine[] {
  return listed
    .filter(({ proposal }) => !isFinal(proposal.status))
    .flatMap(({ proposal, checks }) =>
      checks.filter((check) => isCheckOverdue(check, now)).map((check) => ({ proposalId: proposal.proposalId, checkType: check.type, hearingDate: proposal.hearingDate, dueAt: check.dueAt })),
    )
    .sort((a, b) => a.hearingDate.localeCompare(b.hearingDate) || a.dueAt.localeCompare(b.dueAt) || a.proposalId.localeCompare(b.proposalId) || a.checkType.localeCompare(b.checkType));
}
