import { httpHandler, pathParameter } from '#runtime/http-handler';
import { linkCookieHeader } from '#links/link-cookie';
import { securityHeaders } from '#runtime/security-headers';

/**
 * GET (and HEAD) /r/{token}: the link in a message. Mail scanners open links, so this changes
 * nothing, consumes nothing and looks nothing up (so it cannot tell a scanner whether a token
 * exists): it moves the token into a path-scoped cookie and redirects to the link page.
 */
export const handler = httpHandler(async (event) => ({
  statusCode: 303,
  headers: { ...securityHeaders, location: '/respond' },
  cookies: [linkCookieHeader(pathParameter(event, 'token'))],
  body: '',
}));
