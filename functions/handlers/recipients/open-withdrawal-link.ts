import { httpHandler, pathParameter } from '#runtime/http-handler';
import { securityHeaders } from '#runtime/security-headers';
import { withdrawalCookieHeader } from '#links/withdrawal-cookie';

/**
 * GET (and HEAD) /w/{token}: the withdrawal link in a resident's confirmation of consent. Scanners
 * open links, so, as for an answer link (/r/), this changes nothing and looks nothing up: it moves
 * the token into a path-scoped cookie and redirects to the withdrawal page.
 */
export const handler = httpHandler(async (event) => ({
  statusCode: 303,
  headers: { ...securityHeaders, location: '/withdraw-consent' },
  cookies: [withdrawalCookieHeader(pathParameter(event, 'token'))],
  body: '',
}));
