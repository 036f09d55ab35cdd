import { setTimeout as sleep } from 'node:timers/promises';
import { consentWithdrawalLinkExpiresAt, givesConsent } from '#domain/consent-withdrawal';
import { LinkNotUsableError } from '#runtime/errors';
import { getWithdrawalLink, issueWithdrawalLinkItem, withdrawalLinkUrl } from '#store/consent-withdrawals';
import type { CheckItem, ProposalItem, WithdrawalLinkItem } from '#store/items';
import { outboxPut } from '#store/outbox';
import { loadProposal, type StoredProposal } from '#store/proposal-store';
import type { TransactItems } from '#store/transact-item';
import { recipientFor } from './check-recipients.ts';
import { createLinkToken, hashLinkToken } from './link-tokens.ts';

/** Every refusal takes at least this long, so how long it took does not tell why it was refused (as for answer links). */
const refusalFloorMilliseconds = 250;

/** The confirmation's reference: one per resident's check, so a retried answer can never send two. */
export function consentConfirmedMessageId(checkId: string): string {
  return `CONSENT_CONFIRMED#${checkId}`;
}

/**
 * A resident's consent has just been recorded: their confirmation, carrying a new single-use link
 * that withdraws it (a 32-byte token, only its SHA-256 stored), to be written in the answer's own
 * transaction. The link works until the end of the longest curfew the law allows from the hearing
 * (domain/consent-withdrawal.ts).
 */
export function consentConfirmationItems(proposal: ProposalItem, check: CheckItem, at: Date): TransactItems {
  const { token, tokenHash } = createLinkToken();
  const expires = consentWithdrawalLinkExpiresAt(proposal.hearingDate, proposal.convictionDate);
  return [
    issueWithdrawalLinkItem(check, tokenHash, expires),
    outboxPut({
      id: consentConfirmedMessageId(check.checkId),
      kind: 'CONSENT_CONFIRMED',
      to: recipientFor(proposal, check),
      proposalId: check.proposalId,
      checkType: check.type,
      ...(check.residentId === undefined ? {} : { residentId: check.residentId }),
      url: withdrawalLinkUrl(token),
      sentAt: at.toISOString(),
    }),
  ];
}

export interface WithdrawalLinkFound {
  tokenHash: string;
  link: WithdrawalLinkItem;
  stored: StoredProposal;
  check: CheckItem;
}

/**
 * What a withdrawal link can do now: withdraw (USABLE); nothing, because it was used (USED) or the
 * consent was already withdrawn another way, through the officer (ALREADY_WITHDRAWN). Those pages
 * say so with the court team's contact and no case details. An unknown token is refused with 404,
 * an expired link, or one whose consent is gone (the answer replaced), with 410, after the same
 * minimum time.
 */
export type ResolvedWithdrawalLink = ({ state: 'USABLE' } & WithdrawalLinkFound) | ({ state: 'USED'; usedAt: string } & WithdrawalLinkFound) | ({ state: 'ALREADY_WITHDRAWN' } & WithdrawalLinkFound);

export async function resolveWithdrawalLink(token: string, at: Date): Promise<ResolvedWithdrawalLink> {
  const started = Date.now();
  const tokenHash = hashLinkToken(token);
  const link = await getWithdrawalLink(tokenHash);
  if (link === undefined) {
    return refuse(404, started);
  }
  const stored = await loadProposal(link.proposalId);
  const check = stored?.checks.find((candidate) => candidate.checkId === link.checkId);
  if (stored === undefined || check === undefined) {
    return refuse(410, started);
  }
  const found = { tokenHash, link, stored, check };
  if (link.usedAt !== undefined) {
    return { state: 'USED', usedAt: link.usedAt, ...found };
  }
  if (at >= consentWithdrawalLinkExpiresAt(stored.proposal.hearingDate, stored.proposal.convictionDate)) {
    return refuse(410, started);
  }
  if (check.consentWithdrawal !== undefined) {
    return { state: 'ALREADY_WITHDRAWN', ...found };
  }
  if (!givesConsent(check)) {
    return refuse(410, started);
  }
  return { state: 'USABLE', ...found };
}

async function refuse(status: 404 | 410, started: number): Promise<never> {
  await sleep(Math.max(0, refusalFloorMilliseconds - (Date.now() - started)));
  throw new LinkNotUsableError(status);
}
