import { now } from '#runtime/clock';
import { pathParameter } from '#runtime/http-handler';
import { viewForCourt } from '#proposals/view-proposal';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage } from '#pages/staff-page';
import { completenessView } from '#pages/staff/court-views';

/** GET /court-list/{proposalId}: where each answer came from, by category only; audited as a disclosure to the court. */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['SENTENCER', 'COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const { proposal, checks } = await viewForCourt(context.user, pathParameter(event, 'proposalId'));
  return renderPage('staff/completeness.njk', { ...context, view: completenessView(proposal, checks, now()) });
});
