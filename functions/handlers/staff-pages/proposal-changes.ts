import { httpHandler, json, pathParameter } from '#runtime/http-handler';
import { requireStaffWithoutKeepingSessionAlive } from '#auth/staff-identity';
import { loadProposalOfCourt } from '#proposals/court-access';
import { proposalVersion } from '#pages/staff/proposal-sections';

/**
 * GET /proposals/{proposalId}/changes: the fingerprint of what the proposal page shows, and
 * nothing else (no names, no statuses, no answers), for the page's script to poll
 * (functions/pages/static/proposal-updates.js). The page itself is not polled: every view of it
 * is an audited disclosure (PROPOSAL_VIEWED), so the script fetches it again only when this
 * fingerprint changes.
 *
 * The same people as the page (court officers and senior probation officers, signed in with the
 * session cookie) and the same court isolation: another court's proposal, or none, is a 404. It
 * reads the session without recording its use: a page left open must still go idle and sign its
 * user out, which a poll every few seconds would otherwise prevent. So it writes nothing, and its
 * role may only read the table. JSON errors, `no-store` (httpHandler's headers).
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaffWithoutKeepingSessionAlive(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const stored = await loadProposalOfCourt(user, pathParameter(event, 'proposalId'));
  return json(200, { version: proposalVersion(stored) });
});
