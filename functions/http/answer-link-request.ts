import { answerByLink } from '#shared/answer-by-link';
import { LinkNotUsableError } from '#shared/errors';
import { httpHandler, json, readJsonBody } from '#shared/http-handler';
import { clearedLinkCookieHeader, linkTokenFromCookie } from '#shared/link-cookie';

/**
 * POST /respond: the answer from the link page. The token comes from the link cookie, which a
 * cross-site form cannot send (SameSite=Lax), so the cookie is also the form's CSRF protection.
 */
export const handler = httpHandler(async (event) => {
  const token = linkTokenFromCookie(event);
  if (token === undefined) {
    throw new LinkNotUsableError(404);
  }
  const result = await answerByLink(token, readJsonBody(event));
  return { ...json(200, result), cookies: [clearedLinkCookieHeader()] };
});
