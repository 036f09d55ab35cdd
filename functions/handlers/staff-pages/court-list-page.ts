import { isCalendarDate } from '#domain/calendar-date';
import { londonDate } from '#domain/london-time';
import { now } from '#runtime/clock';
import { courtListFor } from '#proposals/court-lists';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage } from '#pages/staff-page';
import { courtListView } from '#pages/staff/court-views';
import { courtListQuery } from '#pages/staff/court-list-query';

/**
 * GET /court-list?court=B01LY00&date=YYYY-MM-DD: for a court and hearing date, each proposal's
 * check completeness and suitability. Each listing is audited on every proposal shown, as the API's is.
 */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['SENTENCER', 'COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const at = now();
  const query = courtListQuery(event.queryStringParameters ?? {}, context.user.courts, londonDate(at), isCalendarDate);
  if (query.errors.summary.length > 0) {
    return renderPage('staff/court-list.njk', { ...context, query, rows: [] }, { statusCode: 400 });
  }
  const listed = await courtListFor(context.user, query.court, query.date);
  return renderPage('staff/court-list.njk', { ...context, query, rows: courtListView(listed, at) });
});
