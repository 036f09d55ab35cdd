import { now } from '#runtime/clock';
import { answeringParty } from '#links/check-recipients';
import { resolveUsableLink, type UsableLink } from '#links/link-access';
import type { CheckItem } from '#store/items';
import { appendAudit } from '#store/transactions';

/** Audits that a link's page showed its check: showing case details to an agency is a disclosure. */
export async function auditLinkShown(check: CheckItem, at: Date): Promise<void> {
  await appendAudit({ proposalId: check.proposalId, action: check.type === 'RESIDENT_CONSENT' ? 'SHOWN_TO_RESIDENT' : 'DISCLOSED_TO_AGENCY', actor: answeringParty[check.type], at, checkId: check.checkId });
}

/** Finds the link's open check and audits the showing. */
export async function showLink(token: string): Promise<UsableLink> {
  const at = now();
  const usable = await resolveUsableLink(token, at);
  await auditLinkShown(usable.check, at);
  return usable;
}
