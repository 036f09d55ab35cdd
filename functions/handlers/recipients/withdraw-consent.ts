import { withdrawConsentThroughLink } from '#proposals/withdraw-consent';
import { now } from '#runtime/clock';
import { LinkNotUsableError } from '#runtime/errors';
import { resolveWithdrawalLink } from '#links/withdrawal-link';
import { withdrawalCookieHeader, withdrawalTokenFromCookie } from '#links/withdrawal-cookie';
import { field, readFormBody } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { chooseLanguage } from '#pages/link/language';
import { unusableLinkPage, withdrawalPage } from '#pages/link/link-pages';
import { residentLanguage } from '#pages/link/withdrawal-language';

/**
 * POST /withdraw-consent: the button. The token comes from the withdrawal cookie, which a
 * cross-site form cannot send (SameSite=Lax) and which is sent only to this page, so the cookie is
 * the form's CSRF protection. Withdraws once; the link is then spent, and sending the form again
 * (a refresh, another tab) shows that consent was already withdrawn, changing nothing.
 */
export const handler = pageHandler(async (event) => {
  const requested = field(readFormBody(event), 'lang');
  const token = withdrawalTokenFromCookie(event);
  if (token === undefined) {
    return unusableLinkPage(404, chooseLanguage(requested));
  }
  const at = now();
  try {
    const resolved = await resolveWithdrawalLink(token, at);
    const language = chooseLanguage(requested, residentLanguage(resolved.stored.proposal, resolved.check));
    const courtCode = resolved.stored.proposal.courtCode;
    if (resolved.state === 'USED') {
      return withdrawalPage({ state: 'USED', usedAt: resolved.usedAt }, courtCode, language);
    }
    if (resolved.state === 'ALREADY_WITHDRAWN' || !(await withdrawConsentThroughLink(resolved, at))) {
      // The officer recorded it, or another tab withdrew a moment ago: either way it is done, once.
      const after = await resolveWithdrawalLink(token, at);
      switch (after.state) {
        case 'USED':
          return withdrawalPage({ state: 'USED', usedAt: after.usedAt }, courtCode, language);
        case 'ALREADY_WITHDRAWN':
          return withdrawalPage({ state: 'RECORDED' }, courtCode, language);
        case 'USABLE':
          // The proposal kept changing under the write: nothing was withdrawn, so the button again.
          return withdrawalPage({ state: 'USABLE' }, courtCode, language);
      }
    }
    // The cookie stays (an hour from now), so a refresh finds the link spent.
    return withdrawalPage({ state: 'WITHDRAWN' }, courtCode, language, { cookies: [withdrawalCookieHeader(token)] });
  } catch (error) {
    if (error instanceof LinkNotUsableError) {
      return unusableLinkPage(error.statusCode, chooseLanguage(requested));
    }
    throw error;
  }
});
