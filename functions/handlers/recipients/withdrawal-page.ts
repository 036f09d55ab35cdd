import { now } from '#runtime/clock';
import { LinkNotUsableError } from '#runtime/errors';
import { resolveWithdrawalLink } from '#links/withdrawal-link';
import { withdrawalTokenFromCookie } from '#links/withdrawal-cookie';
import { pageHandler } from '#pages/page-handler';
import { chooseLanguage } from '#pages/link/language';
import { unusableLinkPage, withdrawalPage } from '#pages/link/link-pages';
import { residentLanguage } from '#pages/link/withdrawal-language';

/**
 * GET /withdraw-consent: what withdrawing does, and the button (a POST). Opening it changes
 * nothing, so a scanner that follows the link withdraws nothing. A spent link, or consent the
 * officer already recorded as withdrawn, gets a page saying so; any other link that cannot be used
 * the same "cannot be used" page as every link.
 */
export const handler = pageHandler(async (event) => {
  const requested = event.queryStringParameters?.lang;
  const token = withdrawalTokenFromCookie(event);
  if (token === undefined) {
    return unusableLinkPage(404, chooseLanguage(requested));
  }
  try {
    const resolved = await resolveWithdrawalLink(token, now());
    const language = chooseLanguage(requested, residentLanguage(resolved.stored.proposal, resolved.check));
    const courtCode = resolved.stored.proposal.courtCode;
    switch (resolved.state) {
      case 'USABLE':
        return withdrawalPage({ state: 'USABLE' }, courtCode, language);
      case 'USED':
        return withdrawalPage({ state: 'USED', usedAt: resolved.usedAt }, courtCode, language);
      case 'ALREADY_WITHDRAWN':
        return withdrawalPage({ state: 'RECORDED' }, courtCode, language);
    }
  } catch (error) {
    if (error instanceof LinkNotUsableError) {
      return unusableLinkPage(error.statusCode, chooseLanguage(requested));
    }
    throw error;
  }
});
