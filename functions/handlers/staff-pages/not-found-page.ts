import { json } from '#runtime/http-handler';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { unusableLinkPage } from '#pages/link/link-pages';
import { staffNavigation } from '#pages/staff/navigation';

/** A link from a message cut short (`/r`, `/r/`, `/r/…/more`): the holder needs to know the link is the problem. */
const truncatedLinkPath = /^\/r(\/|$)/;

/**
 * Where each member of staff starts: the first page of each role's navigation (My proposals,
 * countersigning and overdue checks, the court list). This page cannot tell who is signed in (it
 * has no access to the table, so no session), so it offers each; the start page itself sends a
 * signed-in user to their own.
 */
const staffStarts = (['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER', 'SENTENCER'] as const).map((role) => {
  const [start] = staffNavigation(role, '');
  return { href: start?.href ?? '/', text: start?.text ?? '' };
});

/**
 * Every request no other route takes (API Gateway's catch-all routes; the local server's too). A
 * person gets GOV.UK's "Page not found" with the service's header and a way back, or, for a link
 * from a message that lost its end, "This link cannot be used"; a program under /api/ gets JSON,
 * as the API answers. It reads nothing and changes nothing, so it needs no access to the table.
 */
export const handler = pageHandler(async (event) => {
  const path = event.rawPath;
  if (path.startsWith('/api/')) {
    return json(404, { error: 'NOT_FOUND', message: 'Not found' });
  }
  if (truncatedLinkPath.test(path)) {
    return unusableLinkPage(404, 'en');
  }
  return renderPage('error.njk', { statusCode: 404, notFound: true, staffStarts }, { statusCode: 404 });
});
