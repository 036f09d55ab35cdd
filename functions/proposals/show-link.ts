import { now } from '#runtime/clock';
import { answeringParty } from '#links/check-recipients';
import { resolveLink, resolveUsableLink, type ResolvedLink, type UsableLink } from '#links/link-access';
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

/**
 * For the link page: an open check (its showing audited), or a link already used to answer, whose
 * page shows no case details (only when it was answered and whom to contact), so nothing is audited.
 */
export async function showLinkPage(token: string): Promise<ResolvedLink> {
  const at = now();
  const resolved = await resolveLink(token, at);
  if (resolved.state === 'USABLE') {
    await auditLinkShown(resolved.check, at);
  }
  return resolved;
}
