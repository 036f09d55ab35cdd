import { verifyAuditChain } from '#domain/audit-chain';
import { readAuditHead, readAuditTrail } from '#store/audit-store';
import { now } from '#runtime/clock';
import { httpHandler, json, pathParameter } from '#runtime/http-handler';
import { appendAudit } from '#store/proposal-store';
import { requireStaff } from '#auth/staff-identity';
import { loadProposalOfCourt } from '#proposals/proposal-actions';

/**
 * GET /api/proposals/{proposalId}/audit: exports a proposal's audit trail with the verdict of its
 * hash chain, so a removed or altered record is reported. The export is itself audited, after the
 * verification, so the verdict describes the trail as it was exported.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const { proposal } = await loadProposalOfCourt(user, pathParameter(event, 'proposalId'));
  const [records, head] = await Promise.all([readAuditTrail(proposal.proposalId), readAuditHead(proposal.proposalId)]);
  const verification = verifyAuditChain(records, head);
  await appendAudit({ proposalId: proposal.proposalId, action: 'AUDIT_TRAIL_EXPORTED', actor: user.id, at: now() });
  return json(200, { proposalId: proposal.proposalId, verification, records });
});
