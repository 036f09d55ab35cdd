import type { ListedProposal } from '#store/court-list';
import { isFinal } from '#domain/statuses';
import { concernsInWords } from './concern-labels.ts';
import { checkTitle, isCheckOverdue, isOpen, proposalHeadingOf, proposalStatusTags, waitingForName } from './labels.ts';
import { sortedChecks } from './proposal-sections.ts';

/**
 * "My proposals": the court's open proposals by hearing date, with what each waits for and
 * whether anything is overdue. Closed proposals (suitable, unsuitable, withdrawn) are left out.
 */
export function myProposalsView(listed: readonly ListedProposal[], now: Date) {
  return listed
    .filter(({ proposal }) => !isFinal(proposal.status))
    .sort((a, b) => a.proposal.hearingDate.localeCompare(b.proposal.hearingDate) || a.proposal.defendant.familyName.localeCompare(b.proposal.defendant.familyName))
    .map(({ proposal, checks }) => {
      const open = sortedChecks(checks).filter(isOpen);
      const overdue = open.filter((check) => isCheckOverdue(check, now));
      const needsContact = open.filter((check) => check.status === 'NEEDS_CONTACT');
      return {
        ...proposalHeadingOf(proposal),
        statusTag: proposalStatusTags[proposal.status],
        waitingFor: open.length === 0 ? (proposal.status === 'AWAITING_DECISION' ? 'Waiting for: your decision' : proposal.status === 'AWAITING_COUNTERSIGN' ? 'Waiting for: countersignature' : '') : `Waiting for: ${open.map((check) => waitingForName(check, proposal.residents)).join(', ')}`,
        overdue: overdue.length > 0,
        overdueNames: overdue.map((check) => waitingForName(check, proposal.residents)).join(', '),
        needsContact: needsContact.length > 0,
      };
    });
}

/**
 * The senior probation officer's queue: decisions waiting for a countersignature, and open checks
 * past their due time across the team's courts.
 */
export function queueView(listed: readonly ListedProposal[], now: Date) {
  const byHearing = [...listed].sort((a, b) => a.proposal.hearingDate.localeCompare(b.proposal.hearingDate));
  const countersign = byHearing
    .filter(({ proposal }) => proposal.status === 'AWAITING_COUNTERSIGN')
    .map(({ proposal, checks }) => ({
      ...proposalHeadingOf(proposal),
      decidedAt: proposal.decision?.at,
      /** Why it waits for a countersignature, so the senior probation officer can see it at a glance. */
      reasons: concernsInWords(sortedChecks(checks), proposal.residents),
    }));
  const overdue = byHearing
    .filter(({ proposal }) => !isFinal(proposal.status))
    .flatMap(({ proposal, checks }) =>
      sortedChecks(checks)
        .filter((check) => isCheckOverdue(check, now))
        .map((check) => ({
          ...proposalHeadingOf(proposal),
          check: checkTitle(check, proposal.residents),
          dueAt: check.dueAt,
        })),
    );
  return { countersign, overdue };
}
