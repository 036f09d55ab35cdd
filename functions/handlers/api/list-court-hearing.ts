import { versionHistoryText, versionOf } from '#domain/case-versions';
import { adjournmentLikely, summariseChecksForCourt, suitabilityForCourt } from '#domain/court-summary';
import { now } from '#runtime/clock';
import { httpHandler, json } from '#runtime/http-handler';
import { parseWith } from '#runtime/validation';
import { courtListFor } from '#proposals/court-lists';
import { requireStaff } from '#auth/staff-identity';
import { courtHearingPathSchema } from '#schemas/staff-actions';
import type { CourtHearingList } from '#schemas/api-responses';

/**
 * GET /api/courts/{courtCode}/hearings/{date}: for the sentencer, each proposal's check
 * completeness, whether an adjournment is likely, the decision, the hearing's adjournments and sentence. Categories only: no free
 * text, no restricted information, no resident's reasons. Each listing is audited as a disclosure.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['SENTENCER', 'COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const { courtCode, date } = parseWith(event.pathParameters ?? {}, courtHearingPathSchema);
  const listed = await courtListFor(user, courtCode, date);
  const at = now();
  const proposals = listed.map(({ proposal, checks }) => {
    const { checksComplete, ...summaries } = summariseChecksForCourt(checks, at);
    const history = versionHistoryText(versionOf(proposal), proposal.earlierVersions ?? []);
    return {
      proposalId: proposal.proposalId,
      defendant: { givenName: proposal.defendant.givenName, familyName: proposal.defendant.familyName },
      status: proposal.status,
      checks: summaries,
      checksComplete,
      adjournmentLikely: proposal.status === 'CHECKS_IN_PROGRESS' && proposal.hearingOutcome === undefined && adjournmentLikely(checks, new Date(proposal.createdAt), at),
      suitability: suitabilityForCourt(proposal.status),
      adjournments: (proposal.adjournments ?? []).map(({ previousHearingDate, hearingDate, cause }) => ({ previousHearingDate, hearingDate, cause })),
      ...(proposal.hearingOutcome === undefined ? {} : { hearingOutcome: proposal.hearingOutcome.outcome }),
      version: versionOf(proposal),
      ...(history === undefined ? {} : { history }),
      ...(proposal.consentWithdrawal === undefined ? {} : { consentWithdrawn: proposal.consentWithdrawal.afterHearing ? ('AFTER_HEARING' as const) : ('BEFORE_HEARING' as const) }),
    };
  });
  return json(200, { courtCode, date, proposals } satisfies CourtHearingList);
});
