import { verifyAuditChain } from '#domain/audit-chain';
import { now } from '#runtime/clock';
import type { StaffUser } from '#auth/staff';
import { readAuditHead, readAuditTrail, readCourtListViews } from '#store/audit-store';
import { appendAudit } from '#store/transactions';
import type { AuditTrailExport } from '#schemas/api-responses';
import { loadProposalOfCourt } from './court-access.ts';

/**
 * A proposal's audit trail with the verdict of its hash chain, so a removed or altered record is
 * reported; and the views of its hearing's court list that showed it, with the verdict of that
 * list's own chain, and likewise of each earlier date's list when the hearing moved. The export is itself audited, after the verification, so the verdict describes
 * the trail as it was exported.
 */
export async function exportAuditTrail(user: StaffUser, proposalId: string): Promise<AuditTrailExport> {
  const { proposal } = await loadProposalOfCourt(user, proposalId);
  // The lists of the dates the hearing was on before it moved showed it too (ADR 0024).
  const earlierDates = [...new Set((proposal.adjournments ?? []).map((adjournment) => adjournment.previousHearingDate))];
  const [records, head, courtList, ...earlierLists] = await Promise.all([
    readAuditTrail(proposal.proposalId),
    readAuditHead(proposal.proposalId),
    readCourtListViews(proposal.courtCode, proposal.hearingDate),
    ...earlierDates.map((date) => readCourtListViews(proposal.courtCode, date)),
  ]);
  const verification = verifyAuditChain(records, head);
  await appendAudit({ proposalId: proposal.proposalId, action: 'AUDIT_TRAIL_EXPORTED', actor: user.id, at: now() });
  // Only the views that showed this proposal (each naming, by id, every proposal it showed: all of
  // the exporter's own court); the verdict is of the list's whole chain.
  const viewsOf = (hearingDate: string, list: typeof courtList) => ({
    courtCode: proposal.courtCode,
    hearingDate,
    verification: verifyAuditChain(list.records, list.head),
    records: list.records.filter((record) => record.shown.includes(proposal.proposalId)),
  });
  return {
    proposalId: proposal.proposalId,
    verification,
    records,
    courtListViews: viewsOf(proposal.hearingDate, courtList),
    earlierCourtListViews: earlierDates.map((date, index) => viewsOf(date, earlierLists[index] ?? { records: [], head: undefined })),
  };
}
