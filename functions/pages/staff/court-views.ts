import { adjournmentLikely, summariseChecksForCourt, suitabilityForCourt, type CheckSummary } from '#domain/court-summary';
import type { CheckItem, ProposalItem } from '#store/items';
import type { ListedProposal } from '#store/court-list';
import { agencyNamesOf, answerOutcomeLabel, courtSummaryTags, defendantNameOf, displayStatus, isCheckOverdue, outcomeLabel, outcomeOf, proposalHeadingOf, suitabilityTags } from './labels.ts';
import { historyLineOf } from './case-versions.ts';
import { sortedChecks } from './proposal-sections.ts';
import { adjournmentLines, outcomeSummary } from './hearing-views.ts';

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
      /** "Second address: the first was unsuitable": the court sees the current version with its history. */
      history: historyLineOf(proposal),
      domesticAbuse: { status: summary.domesticAbuse, tag: courtSummaryTags[summary.domesticAbuse] },
      childSafeguarding: { status: summary.childSafeguarding, tag: courtSummaryTags[summary.childSafeguarding] },
      residentConsent: { status: summary.residentConsent, tag: courtSummaryTags[summary.residentConsent] },
      checksComplete: summary.checksComplete,
      overdue: [summary.domesticAbuse, summary.childSafeguarding, summary.residentConsent].includes('OVERDUE'),
      adjournmentLikely: proposal.status === 'CHECKS_IN_PROGRESS' && proposal.hearingOutcome === undefined && adjournmentLikely(checks, new Date(proposal.createdAt), now),
      suitability: suitabilityTag(proposal),
      hearingHistory: adjournmentLines(proposal).map((line) => line.text),
      outcome: outcomeSummary(proposal)?.text,
      consentWithdrawn: consentWithdrawnTag(proposal),
    };
  });
}

/**
 * A resident withdrew their consent: the court sees that it was withdrawn for this address (and,
 * after the hearing, that the curfew address no longer has consent), never who, as for a refusal.
 */
export function consentWithdrawnTag(proposal: Pick<ProposalItem, 'consentWithdrawal'>) {
  if (proposal.consentWithdrawal === undefined) return undefined;
  return proposal.consentWithdrawal.afterHearing
    ? { text: 'Consent withdrawn after the hearing', classes: 'govuk-tag--red' }
    : { text: 'Consent withdrawn for this address', classes: 'govuk-tag--red' };
}

/** How an answer reached us, in words for the court (no staff or resident names). */
function provenance(check: CheckItem): string {
  if (check.source === undefined) return check.type === 'RESIDENT_CONSENT' ? '' : 'Answered by the agency through the secure link the service sent';
  if (check.source.via === 'LINK') return check.type === 'RESIDENT_CONSENT' ? 'Given by the resident through their own secure link' : 'Answered by the agency through the secure link the service sent';
  return `Taken by the probation officer ${check.source.method === 'PHONE' ? 'by phone' : 'in person'}; the resident was ${check.source.spokenToAlone ? '' : 'not '}spoken to alone`;
}

/** One agency enquiry's card: who was asked, who answered, when, and the outcome category. */
function agencyCard(check: CheckItem, agency: string, now: Date) {
  const answered = check.status === 'RESPONDED' && check.answer !== undefined;
  return {
    type: check.type,
    title: check.type === 'DOMESTIC_ABUSE' ? 'Domestic abuse enquiry' : 'Child safeguarding enquiry',
    askedWho: agency,
    requestedAt: check.requestedAt,
    state: answered ? courtSummaryTags.COMPLETE : isCheckOverdue(check, now) ? courtSummaryTags.OVERDUE : displayStatus(check, now) === 'CANCELLED' ? cancelledTag : courtSummaryTags.OUTSTANDING,
    answeredAt: answered ? check.respondedAt : undefined,
    outcome: answered ? answerOutcomeLabel(check) : undefined,
    provenance: answered ? provenance(check) : undefined,
  };
}

const cancelledTag = { text: 'Cancelled', classes: 'govuk-tag--grey' };

/**
 * Every adult resident's consent as one answer for the address. Per-resident cards would tell the
 * court who refused: by the relationship, by the order, or by one card saying "not given" beside
 * another saying "given" or "cancelled". So a refusal shows only that consent was not given for
 * this address: no count, no time, no way it was given.
 */
function residentsCard(residentChecks: readonly CheckItem[], status: CheckSummary) {
  // A withdrawal reads like a refusal: that consent is gone for this address, not whose.
  if (residentChecks.some((check) => check.consentWithdrawal !== undefined)) {
    return {
      type: 'RESIDENT_CONSENT' as const,
      title: 'Consent of the adult residents',
      askedWho: 'Each adult resident, in private',
      requestedAt: residentChecks.map((check) => check.requestedAt).filter((at): at is string => at !== undefined).sort()[0],
      state: courtSummaryTags.COMPLETE,
      answeredAt: undefined,
      outcome: 'Consent withdrawn for this address',
      provenance: 'Not shown to the court',
    };
  }
  const refused = residentChecks.some((check) => check.status === 'RESPONDED' && outcomeOf(check) === 'REFUSE');
  const consented = !refused && status === 'COMPLETE';
  const requested = residentChecks.map((check) => check.requestedAt).filter((at): at is string => at !== undefined).sort();
  const answered = residentChecks.map((check) => check.respondedAt).filter((at): at is string => at !== undefined).sort();
  return {
    type: 'RESIDENT_CONSENT' as const,
    title: 'Consent of the adult residents',
    askedWho: 'Each adult resident, in private',
    requestedAt: requested[0],
    state: refused ? courtSummaryTags.COMPLETE : courtSummaryTags[status],
    answeredAt: consented ? answered.at(-1) : undefined,
    outcome: refused ? outcomeLabel('REFUSE') : consented ? 'Consent given by every adult resident' : undefined,
    // Sorted and without repeats, so the lines follow no resident's order.
    provenance: consented ? [...new Set(residentChecks.map(provenance))].sort().join('. ') : refused ? 'Not shown to the court' : undefined,
  };
}

/** The completeness page: per enquiry, who was asked, who answered, when, and the outcome category; the residents' consent as one answer. */
export function completenessView(proposal: ProposalItem, checks: readonly CheckItem[], now: Date) {
  const summary = summariseChecksForCourt(checks, now);
  const { police, council } = agencyNamesOf(proposal);
  const residentChecks = checks.filter((check) => check.type === 'RESIDENT_CONSENT');
  return {
    ...proposalHeadingOf(proposal),
    checksComplete: summary.checksComplete,
    suitability: suitabilityTag(proposal),
    consentWithdrawn: consentWithdrawnTag(proposal),
    noOtherAdults: proposal.noOtherAdults,
    /** The court's own history of this hearing: each adjournment (dates and cause, never the officer's note) and the sentence. */
    hearingHistory: adjournmentLines(proposal).map((line) => line.text),
    outcome: outcomeSummary(proposal),
    /** Another address (ADR 0026): what became of the earlier ones, and whether this one was replaced (the court list shows the replacement). */
    addressHistory: historyLineOf(proposal),
    replacedBy: proposal.nextProposalId === undefined ? undefined : `/court-list/${proposal.nextProposalId}`,
    checks: [
      ...sortedChecks(checks)
        .filter((check) => check.type !== 'RESIDENT_CONSENT')
        .map((check) => agencyCard(check, check.type === 'DOMESTIC_ABUSE' ? police : `${council} children's services`, now)),
      ...(residentChecks.length === 0 ? [] : [residentsCard(residentChecks, summary.residentConsent)]),
    ],
  };
}
