import { now } from '#runtime/clock';
import { pathParameter } from '#runtime/http-handler';
import { viewProposal } from '#proposals/view-proposal';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage } from '#pages/staff-page';
import { checkSummaryView } from '#pages/staff/report-views';
import { staffNamesFor } from '#pages/staff/staff-names';

/** GET /proposals/{proposalId}/summary: the printable check summary for the report; no free text, nothing restricted. */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const { proposal, checks } = await viewProposal(context.user, pathParameter(event, 'proposalId'));
  const staffName = await staffNamesFor({ proposal, checks });
  return renderPage('staff/check-summary.njk', { ...context, view: checkSummaryView(proposal, checks, now(), staffName) });
});
