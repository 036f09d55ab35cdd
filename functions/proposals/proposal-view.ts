import { caseIdOf, versionOf } from '#domain/case-versions';
import type { StoredProposal } from '#store/proposal-store';
import type { CheckItem } from '#store/items';
import type { ProposalView } from '#schemas/api-responses';

/**
 * The staff view of a proposal. Task tokens and link hashes never appear. Restricted agency text
 * ("not for disclosure to the defendant") is included only when the viewer gave a reason, which the
 * caller audits; otherwise the view says that it is withheld. Sentencers never get this view.
 * Its type is the API's documented answer (schemas/api-responses.ts), so the two cannot drift.
 */
export function proposalView({ proposal, checks, audit }: StoredProposal, options: { showRestricted: boolean } = { showRestricted: false }): ProposalView {
  return {
    proposalId: proposal.proposalId,
    status: proposal.status,
    concerns: proposal.concerns,
    courtCode: proposal.courtCode,
    hearingDate: proposal.hearingDate,
    reportType: proposal.reportType,
    defendant: proposal.defendant,
    curfew: proposal.curfew,
    residents: proposal.residents,
    noOtherAdults: proposal.noOtherAdults,
    childrenDeclaredByDefendant: proposal.childrenDeclaredByDefendant,
    policeForce: proposal.policeForce,
    localAuthority: proposal.localAuthority,
    ...(proposal.unsuitableReason === undefined ? {} : { unsuitableReason: proposal.unsuitableReason }),
    ...(proposal.consentWithdrawal === undefined ? {} : { consentWithdrawal: proposal.consentWithdrawal }),
    ...(proposal.needsAttention === undefined ? {} : { needsAttention: proposal.needsAttention }),
    checks: [...checks].sort(byCheckOrder).map((check) => checkView(check, options.showRestricted)),
    ...(proposal.decision === undefined ? {} : { decision: proposal.decision }),
    ...(proposal.countersignature === undefined ? {} : { countersignature: proposal.countersignature }),
    ...(proposal.withdrawal === undefined ? {} : { withdrawal: proposal.withdrawal }),
    adjournments: (proposal.adjournments ?? []).map(({ previousHearingDate, hearingDate, cause, by, at, note }) => ({ previousHearingDate, hearingDate, cause, by, at, ...(note === undefined ? {} : { note }) })),
    ...(proposal.hearingOutcome === undefined ? {} : { hearingOutcome: proposal.hearingOutcome }),
    caseId: caseIdOf(proposal),
    version: versionOf(proposal),
    ...(proposal.previousProposalId === undefined ? {} : { previousProposalId: proposal.previousProposalId }),
    ...(proposal.nextProposalId === undefined ? {} : { nextProposalId: proposal.nextProposalId }),
    events: audit.map(({ action, at, actor, checkId }) => ({ type: action, at, actor, ...(checkId === undefined ? {} : { checkId }) })),
  };
}

const checkOrder = { DOMESTIC_ABUSE: 0, CHILD_SAFEGUARDING: 1, RESIDENT_CONSENT: 2 } as const;

function byCheckOrder(a: CheckItem, b: CheckItem): number {
  return checkOrder[a.type] - checkOrder[b.type] || a.checkId.localeCompare(b.checkId);
}

function checkView(check: CheckItem, showRestricted: boolean) {
  const answer = check.answer;
  return {
    checkId: check.checkId,
    type: check.type,
    ...(check.residentId === undefined ? {} : { residentId: check.residentId }),
    status: check.status,
    ...(answer === undefined ? {} : { outcome: 'outcome' in answer ? answer.outcome : answer.decision }),
    requestedAt: check.requestedAt ?? null,
    ...(check.respondedAt === undefined ? {} : { respondedAt: check.respondedAt }),
    dueAt: check.dueAt,
    ...(check.overdueAt === undefined ? {} : { overdueAt: check.overdueAt }),
    // How many times an officer sent the link again; a resend may name it to avoid sending twice.
    resendCount: check.resendCount ?? 0,
    // The link's holder asked for a new link (it expired or was lost); gone once one is sent.
    ...(check.newLinkRequestedAt === undefined ? {} : { newLinkRequestedAt: check.newLinkRequestedAt }),
    ...(answer !== undefined && 'responder' in answer
      ? {
          responder: answer.responder,
          restricted: answer.restricted,
          ...(answer.summary === undefined ? {} : answer.restricted && !showRestricted ? { summaryWithheld: true as const } : { summary: answer.summary }),
        }
      : {}),
    ...(check.source === undefined ? {} : { source: check.source }),
    // A message about this check did not reach its reader (set by GOV.UK Notify delivery; no address in it).
    ...(check.deliveryProblem === undefined ? {} : { deliveryProblem: check.deliveryProblem }),
    ...(check.consentWithdrawal === undefined ? {} : { consentWithdrawal: check.consentWithdrawal }),
  };
}
