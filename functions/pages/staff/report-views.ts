import { checkConcerns } from '#domain/check-rules';
import type { CheckItem, ProposalItem } from '#store/items';
import { concernInWords, riskOfSeriousHarmLabels } from './concern-labels.ts';
import { noErrors, type FormErrors } from './form-errors.ts';
import { addressLineOf, agencyNamesOf, answerOutcomeLabel, checkStatusTags, checkTitle, displayStatus, howObtained, proposalHeadingOf, proposalStatusTags, reportTypeLabels, residentOf } from './labels.ts';
import { countersignReasons } from './proposal-lists.ts';
import { sortedChecks } from './proposal-sections.ts';

/**
 * The check summary for the pre-sentence report, which is disclosed to the defendant: who was
 * asked, when, who answered and the outcome category. Never anything anyone wrote, restricted or not.
 */
export function checkSummaryView(proposal: ProposalItem, checks: readonly CheckItem[], now: Date, staffName: (id: string) => string) {
  const { police, council } = agencyNamesOf(proposal);
  return {
    ...proposalHeadingOf(proposal),
    reportType: reportTypeLabels[proposal.reportType],
    address: addressLineOf(proposal),
    statusTag: proposalStatusTags[proposal.status],
    noOtherAdults: proposal.noOtherAdults,
    checks: sortedChecks(checks).map((check) => {
      const answer = check.answer;
      const answered = check.status === 'RESPONDED' && answer !== undefined;
      const resident = residentOf(proposal.residents, check.residentId);
      const status = displayStatus(check, now);
      return {
        type: check.type,
        title: checkTitle(check, proposal.residents),
        askedWho: check.type === 'DOMESTIC_ABUSE' ? `${police} (domestic abuse enquiry)` : check.type === 'CHILD_SAFEGUARDING' ? `${council} children's services (child safeguarding enquiry)` : (resident?.fullName ?? 'An adult resident'),
        requestedAt: check.requestedAt,
        tag: checkStatusTags[status],
        answeredAt: answered ? check.respondedAt : undefined,
        answeredBy: answered && 'responder' in answer ? `${answer.responder.name}, ${answer.responder.role}, ${answer.responder.organisation}` : undefined,
        outcome: answered ? answerOutcomeLabel(check) : undefined,
        how: answered && check.type === 'RESIDENT_CONSENT' ? howObtained(check.source, staffName) : undefined,
      };
    }),
  };
}

/**
 * The countersigning page: the decision, its reasons, and each concern by category. Text an
 * agency marked as not for disclosure is withheld here; the proposal page shows it with a reason.
 */
export function countersignView(proposal: ProposalItem, checks: readonly CheckItem[], options: { viewerId: string; staffName: (id: string) => string; errors?: FormErrors; values?: Record<string, string> }) {
  const concerns = sortedChecks(checks)
    .filter((check) => checkConcerns(check).length > 0)
    .map((check) => {
      const answer = check.answer;
      const agency = answer !== undefined && 'responder' in answer ? answer : undefined;
      return {
        title: checkTitle(check, proposal.residents),
        reasons: checkConcerns(check).map((concern) => concernInWords(concern, check, proposal.residents)),
        how: check.type === 'RESIDENT_CONSENT' ? howObtained(check.source, options.staffName) : undefined,
        outcome: answerOutcomeLabel(check),
        answeredBy: agency === undefined ? undefined : `${agency.responder.name}, ${agency.responder.role}, ${agency.responder.organisation}`,
        restricted: agency?.restricted ?? false,
        summary: agency !== undefined && !agency.restricted ? agency.summary : undefined,
        /** A resident's consent has no information to show: only why it is a concern and how it was taken. */
        agency: agency !== undefined,
      };
    });
  const values = options.values ?? {};
  const waiting = proposal.status === 'AWAITING_COUNTERSIGN';
  const ownDecision = proposal.decision?.by === options.viewerId;
  return {
    ...proposalHeadingOf(proposal),
    statusTag: proposalStatusTags[proposal.status],
    decision:
      proposal.decision === undefined
        ? undefined
        : {
            ...proposal.decision,
            byName: options.staffName(proposal.decision.by),
            outcomeText: proposal.decision.outcome === 'SUITABLE' ? 'Suitable' : 'Unsuitable',
            riskOfSeriousHarm: proposal.decision.riskOfSeriousHarm === undefined ? undefined : riskOfSeriousHarmLabels[proposal.decision.riskOfSeriousHarm],
          },
    /** Why the decision waits for a countersignature, as the queue says it: from the conditions stored with it. */
    why: waiting ? countersignReasons({ proposal, checks: [...checks] }) : [],
    concerns,
    /** Earlier rounds this senior (or another) sent back, oldest first: what was asked before. */
    earlierReturns: (proposal.returns ?? []).map((round) => ({ comment: round.countersignature.comment, byName: options.staffName(round.countersignature.by), at: round.countersignature.at })),
    canCountersign: waiting && !ownDecision,
    notWaiting: waiting ? undefined : 'This proposal is not waiting for a countersignature.',
    ownDecision: waiting && ownDecision ? 'You made this decision, so someone else must countersign it.' : undefined,
    agreeItems: [
      { value: 'yes', text: 'Yes, I agree the address is suitable', checked: values['countersign-agree'] === 'yes' },
      { value: 'no', text: 'No, I do not agree: send it back to the officer with my comment', checked: values['countersign-agree'] === 'no' },
    ],
    errors: options.errors ?? noErrors,
    values,
  };
}
