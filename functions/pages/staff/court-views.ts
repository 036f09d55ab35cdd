import { adjournmentLikely, summariseChecksForCourt, suitabilityForCourt } from '#domain/court-summary';
import type { CheckItem, ProposalItem } from '#store/items';
import type { ListedProposal } from '#store/court-list';
import { agencyNamesOf, courtSummaryTags, defendantNameOf, displayStatus, isCheckOverdue, outcomeLabel, outcomeOf, proposalHeadingOf, relationshipLabels, residentOf, suitabilityTags } from './labels.ts';
import { sortedChecks } from './proposal-sections.ts';

/**
 * What the court sees. Categories and provenance only: never anything an agency or resident wrote,
 * never restricted information, never a resident's reasons or contact details.
 */

function suitabilityTag(proposal: Pick<ProposalItem, 'status'>) {
  return proposal.status === 'WITHDRAWN' ? suitabilityTags.WITHDRAWN : suitabilityTags[suitabilityForCourt(proposal.status)];
}

/** One row per proposal: completeness of each kind of check, and the suitability decision. */
export function courtListView(listed: readonly ListedProposal[], now: Date) {
  return listed.map(({ proposal, checks }) => {
    const summary = summariseChecksForCourt(checks, now);
    return {
      proposalId: proposal.proposalId,
      defendantName: defendantNameOf(proposal),
      domesticAbuse: { status: summary.domesticAbuse, tag: courtSummaryTags[summary.domesticAbuse] },
      childSafeguarding: { status: summary.childSafeguarding, tag: courtSummaryTags[summary.childSafeguarding] },
      residentConsent: { status: summary.residentConsent, tag: courtSummaryTags[summary.residentConsent] },
      checksComplete: summary.checksComplete,
      overdue: [summary.domesticAbuse, summary.childSafeguarding, summary.residentConsent].includes('OVERDUE'),
      adjournmentLikely: proposal.status === 'CHECKS_IN_PROGRESS' && adjournmentLikely(checks, new Date(proposal.createdAt), now),
      suitability: suitabilityTag(proposal),
    };
  });
}

/** How an answer reached us, in words for the court (no staff or resident names). */
function provenance(check: CheckItem): string {
  if (check.source === undefined) return check.type === 'RESIDENT_CONSENT' ? '' : 'Answered by the agency through the secure link the service sent';
  if (check.source.via === 'LINK') return check.type === 'RESIDENT_CONSENT' ? 'Given by the resident through their own secure link' : 'Answered by the agency through the secure link the service sent';
  return `Taken by the probation officer ${check.source.method === 'PHONE' ? 'by phone' : 'in person'}; the resident was ${check.source.spokenToAlone ? '' : 'not '}spoken to alone`;
}

/** The completeness page: per check, who was asked, who answered, when, and the outcome category. */
export function completenessView(proposal: ProposalItem, checks: readonly CheckItem[], now: Date) {
  const summary = summariseChecksForCourt(checks, now);
  const { police, council } = agencyNamesOf(proposal);
  return {
    ...proposalHeadingOf(proposal),
    checksComplete: summary.checksComplete,
    suitability: suitabilityTag(proposal),
    noOtherAdults: proposal.noOtherAdults,
    checks: sortedChecks(checks).map((check) => {
      const resident = residentOf(proposal.residents, check.residentId);
      const answered = check.status === 'RESPONDED' && check.answer !== undefined;
      const status = displayStatus(check, now);
      return {
        type: check.type,
        title:
          check.type === 'DOMESTIC_ABUSE'
            ? 'Domestic abuse enquiry'
            : check.type === 'CHILD_SAFEGUARDING'
              ? 'Child safeguarding enquiry'
              : `Consent of an adult resident${resident === undefined ? '' : ` (${relationshipLabels[resident.relationship].toLowerCase()} of the defendant)`}`,
        askedWho: check.type === 'DOMESTIC_ABUSE' ? police : check.type === 'CHILD_SAFEGUARDING' ? `${council} children's services` : 'The resident, in private',
        requestedAt: check.requestedAt,
        state: answered ? courtSummaryTags.COMPLETE : isCheckOverdue(check, now) ? courtSummaryTags.OVERDUE : status === 'CANCELLED' ? { text: 'Cancelled', classes: 'govuk-tag--grey' } : courtSummaryTags.OUTSTANDING,
        answeredAt: answered ? check.respondedAt : undefined,
        outcome: answered ? outcomeLabel(outcomeOf(check)) : undefined,
        provenance: answered ? provenance(check) : undefined,
      };
    }),
  };
}
