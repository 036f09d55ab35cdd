import { z } from 'zod';
import { now } from '#shared/clock';
import { httpHandler, json, parseWith } from '#shared/http-handler';
import { appendAudit } from '#shared/proposal-store';
import { proposalView } from '#shared/proposal-view';
import { requireStaff } from '#shared/staff-identity';
import { loadProposalForStaff } from '#shared/staff-proposal';

const querySchema = z.object({ reason: z.string().trim().min(5, 'Say in a few words why you need to see restricted information').max(500).optional() }).strict();

/**
 * GET /api/proposals/{proposalId}: the proposal, each check's status and provenance, its audit
 * events. Restricted agency text is shown only when the viewer gives a reason (`?reason=`), and
 * every view is audited with that reason (Data Protection Act 2018 s.62).
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const { reason } = parseWith(event.queryStringParameters ?? {}, querySchema);
  const stored = await loadProposalForStaff(event, user);
  const showsRestricted = reason !== undefined;
  await appendAudit({
    proposalId: stored.proposal.proposalId,
    action: showsRestricted ? 'RESTRICTED_ANSWERS_VIEWED' : 'PROPOSAL_VIEWED',
    actor: user.id,
    at: now(),
    ...(showsRestricted ? { reason } : {}),
  });
  return json(200, proposalView(stored, { showRestricted: showsRestricted }));
});
