import { now } from '#runtime/clock';
import { londonDate } from '#domain/london-time';
import { proposalsOfCourts } from '#proposals/court-lists';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage } from '#pages/staff-page';
import { myProposalsView } from '#pages/staff/proposal-lists';

/** GET /proposals: the officer's courts' open proposals by hearing date, with what each waits for. */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const at = now();
  const listed = await proposalsOfCourts(context.user.courts, londonDate(at));
  return renderPage('staff/my-proposals.njk', { ...context, proposals: myProposalsView(listed, at) });
});
