import { httpHandler, json, pathParameter } from '#runtime/http-handler';
import { requireStaff } from '#auth/staff-identity';
import { exportAuditTrail } from '#proposals/export-audit-trail';

/**
 * GET /api/proposals/{proposalId}/audit: exports a proposal's audit trail with the verdict of its
 * hash chain (proposals/export-audit-trail.ts); the export is itself audited.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  return json(200, await exportAuditTrail(user, pathParameter(event, 'proposalId')));
});
