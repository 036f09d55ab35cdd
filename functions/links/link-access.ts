import { setTimeout as sleep } from 'node:timers/promises';
import { LinkNotUsableError } from '#runtime/errors';
import type { CheckItem, LinkItem } from '#store/items';
import { hashLinkToken } from './link-tokens.ts';
import { getLink, loadProposal, type StoredProposal } from '#store/proposal-store';

/** Every refusal takes at least this long, so how long it took does not tell why it was refused. */
const refusalFloorMilliseconds = 250;

export interface UsableLink {
  tokenHash: string;
  link: LinkItem;
  stored: StoredProposal;
  check: CheckItem;
}

/**
 * Finds the open check a link token answers. Unknown tokens are refused with 404 and used,
 * expired or withdrawn ones with 410, with the same body and after the same minimum time. A link
 * works only while its check waits for an answer, so cancelling a check stops its link.
 */
export async function resolveUsableLink(token: string, at: Date): Promise<UsableLink> {
  const started = Date.now();
  const refuse = async (status: 404 | 410): Promise<never> => {
    await sleep(Math.max(0, refusalFloorMilliseconds - (Date.now() - started)));
    throw new LinkNotUsableError(status);
  };
  const tokenHash = hashLinkToken(token);
  const link = await getLink(tokenHash);
  if (link === undefined) {
    return refuse(404);
  }
  const stored = await loadProposal(link.proposalId);
  const check = stored?.checks.find((candidate) => candidate.checkId === link.checkId);
  const open = check !== undefined && (check.status === 'REQUESTED' || check.status === 'OVERDUE');
  if (stored === undefined || check === undefined || !open || link.usedAt !== undefined || at >= new Date(link.linkExpiresAt) || check.linkTokenHash !== tokenHash) {
    return refuse(410);
  }
  return { tokenHash, link, stored, check };
}
