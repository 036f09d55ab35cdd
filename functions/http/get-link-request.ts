import { answeringParty } from '#shared/check-recipients';
import { now } from '#shared/clock';
import { LinkNotUsableError } from '#shared/errors';
import { httpHandler, json } from '#shared/http-handler';
import { resolveUsableLink } from '#shared/link-access';
import { linkTokenFromCookie } from '#shared/link-cookie';
import { appendAudit } from '#shared/proposal-store';
import { recipientView } from '#shared/recipient-view';

/**
 * GET /respond: what the link's holder is asked, with only what they need to answer it. Reading it
 * changes nothing but the audit trail: showing case details to an agency is a disclosure.
 */
export const handler = httpHandler(async (event) => {
  const token = linkTokenFromCookie(event);
  if (token === undefined) {
    throw new LinkNotUsableError(404);
  }
  const at = now();
  const { stored, check } = await resolveUsableLink(token, at);
  await appendAudit({ proposalId: check.proposalId, action: check.type === 'RESIDENT_CONSENT' ? 'SHOWN_TO_RESIDENT' : 'DISCLOSED_TO_AGENCY', actor: answeringParty[check.type], at, checkId: check.checkId });
  return json(200, recipientView(stored.proposal, check));
});
