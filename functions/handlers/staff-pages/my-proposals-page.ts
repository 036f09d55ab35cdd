import { now } from '#runtime/clock';
import { londonDate } from '#domain/london-time';
import { myProposalsWindow, proposalsOfCourts } from '#proposals/court-lists';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage } from '#pages/staff-page';
import { myProposalsQuery, myProposalsView } from '#pages/staff/proposal-lists';

/**
 * GET /proposals?show=open|waiting|decided&search=…: the officer's courts' proposals, open and
 * decided, newest first, with what each waits for. A GET: the filters and search change nothing.
 */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const { query, errors } = myProposalsQuery(event.queryStringParameters ?? {});
  if (errors.summary.length > 0) {
    return renderPage('staff/my-proposals.njk', { ...context, query, errors, proposals: [] }, { statusCode: 400 });
  }
  const at = now();
  const listed = await proposalsOfCourts(context.user.courts, londonDate(at), myProposalsWindow);
  // The one thing that comes back here: a start-checks draft the officer deleted.
  const done = event.queryStringParameters?.done === 'draft-deleted' ? 'Your draft was deleted. No requests were sent.' : undefined;
  return renderPage('staff/my-proposals.njk', { ...context, query, errors, proposals: myProposalsView(listed, at, query), done });
});
