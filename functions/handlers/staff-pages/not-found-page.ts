import { json } from '#runtime/http-handler';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { unusableLinkPage } from '#pages/link/link-pages';

/** A link from a message cut short (`/r`, `/r/`, `/r/…/more`): the holder needs to know the link is the problem. */
const truncatedLinkPath = /^\/r(\/|$)/;

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
  return renderPage('error.njk', { statusCode: 404, notFound: true }, { statusCode: 404 });
});
