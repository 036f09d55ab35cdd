import { setTimeout as sleep } from 'node:timers/promises';
import { isFinal } from '#domain/statuses';
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

/** A link that was used to answer its check: when (the link item's `usedAt`), and for which check. */
export interface AnsweredLink extends UsableLink {
  answeredAt: string;
}

export type ResolvedLink = ({ state: 'USABLE' } & UsableLink) | ({ state: 'ANSWERED' } & AnsweredLink);

/**
 * Finds the open check a link token answers. Unknown tokens are refused with 404 and used,
 * expired or withdrawn ones with 410, with the same body and after the same minimum time. A link
 * works only while its check waits for an answer, so cancelling a check stops its link.
 * `whenAnswered` is told of a link already used to answer, before the refusal.
 */
export async function resolveUsableLink(token: string, at: Date, whenAnswered?: (answered: AnsweredLink) => Promise<void>): Promise<UsableLink> {
  const started = Date.now();
  const resolved = await inspectLink(token, at, started);
  if (resolved.state === 'ANSWERED') {
    // Whatever is done about a used link happens inside the refusal's floor, so it takes no longer than any other.
    await whenAnswered?.(resolved);
    return refuse(410, started);
  }
  return resolved;
}

/**
 * The same, except that a link really used to answer its check is told apart (ANSWERED), so its
 * holder can be told when they answered and whom to contact. Only a link item marked used by an
 * answer qualifies: unknown, expired, replaced and withdrawn links are refused exactly as above.
 */
export async function resolveLink(token: string, at: Date): Promise<ResolvedLink> {
  return inspectLink(token, at, Date.now());
}

/**
 * A link that no longer works but still names a check waiting for its recipient: expired, or
 * replaced by a newer link (which may have been lost). Its holder may ask for a new link. Undefined
 * for an unknown token, a link used to answer, a link that still works, or a check (or proposal)
 * that no longer waits for an answer, where a new link would not help.
 */
export async function findRenewableLink(token: string, at: Date): Promise<UsableLink | undefined> {
  const tokenHash = hashLinkToken(token);
  const link = await getLink(tokenHash);
  if (link === undefined || link.usedAt !== undefined) {
    return undefined;
  }
  const stored = await loadProposal(link.proposalId);
  const check = stored?.checks.find((candidate) => candidate.checkId === link.checkId);
  if (stored === undefined || check === undefined || isFinal(stored.proposal.status) || (check.status !== 'REQUESTED' && check.status !== 'OVERDUE')) {
    return undefined;
  }
  const stillWorks = at < new Date(link.linkExpiresAt) && check.linkTokenHash === tokenHash;
  return stillWorks ? undefined : { tokenHash, link, stored, check };
}

async function inspectLink(token: string, at: Date, started: number): Promise<ResolvedLink> {
  const tokenHash = hashLinkToken(token);
  const link = await getLink(tokenHash);
  if (link === undefined) {
    return refuse(404, started);
  }
  const stored = await loadProposal(link.proposalId);
  const check = stored?.checks.find((candidate) => candidate.checkId === link.checkId);
  if (stored === undefined || check === undefined) {
    return refuse(410, started);
  }
  if (link.usedAt !== undefined) {
    return { state: 'ANSWERED', tokenHash, link, stored, check, answeredAt: link.usedAt };
  }
  const open = check.status === 'REQUESTED' || check.status === 'OVERDUE';
  if (!open || at >= new Date(link.linkExpiresAt) || check.linkTokenHash !== tokenHash) {
    return refuse(410, started);
  }
  return { state: 'USABLE', tokenHash, link, stored, check };
}

async function refuse(status: 404 | 410, started: number): Promise<never> {
  await sleep(Math.max(0, refusalFloorMilliseconds - (Date.now() - started)));
  throw new LinkNotUsableError(status);
}
