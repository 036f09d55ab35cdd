import { verifyAuditChain } from '#domain/audit-chain';
import { now } from '#runtime/clock';
import type { StaffUser } from '#auth/staff';
import { readAuditHead, readAuditTrail } from '#store/audit-store';
import { appendAudit } from '#store/transactions';
import { loadProposalOfCourt } from './court-access.ts';

/**
 * A proposal's audit trail with the verdict of its hash chain, so a removed or altered record is
 * reported. The export is itself audited, after the verification, so the verdict describes the
 * trail as it was exported.
 */
export async function exportAuditTrail(user: StaffUser, proposalId: string) {
  const { proposal } = await loadProposalOfCourt(user, proposalId);
  const [records, head] = await Promise.all([readAuditTrail(proposal.proposalId), readAuditHead(proposal.proposalId)]);
  const verification = verifyAuditChain(records, head);
  await appendAudit({ proposalId: proposal.proposalId, action: 'AUDIT_TRAIL_EXPORTED', actor: user.id, at: now() });
  return { proposalId: proposal.proposalId, verification, records };
}
