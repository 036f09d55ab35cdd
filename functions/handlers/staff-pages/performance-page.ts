import { londonDate } from '#domain/london-time';
import { now } from '#runtime/clock';
import { securityHeaders } from '#runtime/security-headers';
import { performanceCourtsOf, performanceFigures, performanceScopeOf } from '#proposals/performance-report';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage } from '#pages/staff-page';
import { performanceCsv, performanceQuery, performanceView } from '#pages/staff/performance';

/**
 * GET /performance and GET /performance.csv?period=2026-Q4&court=all: the performance and quality
 * figures of the viewer's courts (an SPO's own; a performance lead's region), from the counters
 * kept as things happen, never a read of a proposal. Not audited: it shows no case and no person.
 * A query that names no period or another court is answered with the page and its error (400).
 */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['SENIOR_PROBATION_OFFICER', 'PERFORMANCE_LEAD']);
  const courts = performanceCourtsOf(context.user);
  const query = performanceQuery(event.queryStringParameters ?? {}, courts, londonDate(now()));
  const csv = event.rawPath.endsWith('.csv');
  if (query.errors.summary.length > 0) {
    return renderPage('staff/performance.njk', { ...context, query }, { statusCode: 400 });
  }
  const view = performanceView(await performanceFigures(performanceScopeOf(context.user, query.courts, query.court), query.period), query);
  if (csv) {
    return {
      statusCode: 200,
      headers: {
        ...securityHeaders,
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="performance-${query.period.value}-${query.court.toLowerCase()}.csv"`,
      },
      body: performanceCsv(view),
    };
  }
  return renderPage('staff/performance.njk', { ...context, query, view });
});
