import type { StoredProposal } from './proposal-store.ts';
import type { CheckItem } from './items.ts';

/**
 * The staff view of a proposal. Task tokens and link hashes never appear; restricted agency
 * text is shown to staff with its marking (staff need it; sentencers never get it).
 */
export function proposalView({ proposal, checks, events }: StoredProposal) {
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
    ...(proposal.needsAttention === undefined ? {} : { needsAttention: proposal.needsAttention }),
    checks: [...checks].sort(byCheckOrder).map(checkView),
    ...(proposal.decision === undefined ? {} : { decision: proposal.decision }),
    ...(proposal.countersignature === undefined ? {} : { countersignature: proposal.countersignature }),
    ...(proposal.withdrawal === undefined ? {} : { withdrawal: proposal.withdrawal }),
    events: [...events].sort((a, b) => a.sk.localeCompare(b.sk)).map(({ type, at, actor, checkId }) => ({ type, at, actor, ...(checkId === undefined ? {} : { checkId }) })),
  };
}

const checkOrder = { DOMESTIC_ABUSE: 0, CHILD_SAFEGUARDING: 1, RESIDENT_CONSENT: 2 } as const;

function byCheckOrder(a: CheckItem, b: CheckItem): number {
  return checkOrder[a.type] - checkOrder[b.type] || a.checkId.localeCompare(b.checkId);
}

function checkView(check: CheckItem) {
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
    ...(answer !== undefined && 'responder' in answer ? { responder: answer.responder, restricted: answer.restricted, ...(answer.summary === undefined ? {} : { summary: answer.summary }) } : {}),
    ...(check.source === undefined ? {} : { source: check.source }),
  };
}
