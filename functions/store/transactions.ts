import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamoDb } from '#runtime/aws-clients';
import { chainAppendItems, courtListAuditChain, proposalAuditChain, readChainHead, type AuditChainKeys, type AuditEntry, type CourtListViewEntry } from './audit-store.ts';
import type { AuditedChange } from '#domain/domain-events';
import { domainEventPuts } from './domain-events.ts';
import type { TransactItems } from './transact-item.ts';

/**
 * Writes all items, the audit record (or records, in order) of what they do, and the domain event
 * each record is, if any (domain-events.ts: the events' outbox, ADR 0027), or nothing. Returns false when one of
 * the caller's conditions failed (someone else changed the state first), so callers decide from
 * the stored state what that means. A clash on the audit chain's head, or a transaction conflict,
 * is retried: it says nothing about the caller's state. Records of more than one proposal (another
 * address: the new version's and the old one's) go on each proposal's own chain, in the same write.
 */
export async function writeAtomically(items: TransactItems, audit?: AuditEntry | readonly AuditEntry[]): Promise<boolean> {
  const auditEntries: readonly AuditEntry[] = audit === undefined ? [] : Array.isArray(audit) ? audit : [audit as AuditEntry];
  const byProposal = new Map<string, object[]>();
  for (const entry of auditEntries) {
    byProposal.set(entry.proposalId, [...(byProposal.get(entry.proposalId) ?? []), { ...entry, at: entry.at.toISOString() }]);
  }
  return writeWithChains(items, [...byProposal].map(([proposalId, contents]) => ({ chain: proposalAuditChain(proposalId), contents, withEvents: true })));
}

/**
 * A court list shown: one record on that list's own chain, naming every proposal shown (not one on
 * each proposal's chain: a list of 30 would be 30 transactions, clashing with the workflow's own
 * records on every one). Each proposal's export reads it back (`exportAuditTrail`).
 */
export async function appendCourtListView(entry: CourtListViewEntry): Promise<void> {
  await writeWithChains([], [{ chain: courtListAuditChain(entry.courtCode, entry.hearingDate), contents: [{ ...entry, at: entry.at.toISOString() }] }]);
}

/**
 * Writes the items and each chain's records; a chain `withEvents` (a proposal's) also gets the
 * domain event each of its records is, numbered by the record's place on that chain (ADR 0027).
 * The events' conditions never fail (new ids), so a failure is still the caller's or a chain's.
 */
async function writeWithChains(items: TransactItems, chains: readonly { chain: AuditChainKeys; contents: readonly object[]; withEvents?: boolean }[]): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    const heads = await Promise.all(chains.map(({ chain }) => readChainHead(chain)));
    const auditItems = chains.flatMap(({ chain, contents }, index) => chainAppendItems(chain, heads[index], contents));
    const eventItems = chains.flatMap(({ contents, withEvents }, index) => (withEvents === true ? domainEventPuts(contents as AuditedChange[], (heads[index]?.seq ?? 0) + 1) : []));
    try {
      await dynamoDb.send(new TransactWriteCommand({ TransactItems: [...items, ...auditItems, ...eventItems] }));
      return true;
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((reason) => reason.Code) : [];
      if (reasons.slice(0, items.length).includes('ConditionalCheckFailed')) {
        return false;
      }
      const retryable = reasons.includes('TransactionConflict') || reasons.slice(items.length).includes('ConditionalCheckFailed') || isStoreFailure(error);
      if (retryable && attempt < maxConflictAttempts) {
        await new Promise((resolve) => setTimeout(resolve, conflictBackoffMilliseconds(attempt)));
        continue;
      }
      throw new Error('Transaction failed', { cause: error });
    }
  }
}

/**
 * A failure of the store itself that outlasted the SDK's own three quick attempts: a 5xx,
 * throttling, or a dropped connection. Retrying it here, with the longer backoff, is as safe as
 * the SDK's own retry: the caller's conditions are checked again, so a change that did land the
 * first time is refused (false) rather than applied twice; an audit-only write (a view) that did
 * land is recorded twice, which overstates a disclosure and never hides one. Added after one
 * audited link page view answered 500 among 390,000 bad input requests on 2 busy cores, with
 * nothing in the request to explain it (the runs now log such errors by name).
 */
function isStoreFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { $fault, $retryable, code } = error as Error & { $fault?: string; $retryable?: unknown; code?: unknown };
  return $fault === 'server' || $retryable !== undefined || error.name === 'TimeoutError' || ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(String(code));
}

/** An audit record on its own: views and disclosures, which change nothing else. */
export async function appendAudit(entry: AuditEntry): Promise<void> {
  await writeAtomically([], entry);
}

/**
 * Every audited action on a proposal moves its one audit head, so its writers (the parallel check
 * requests, answers, and every view or court list that shows it) clash and try again. Under load a
 * short linear backoff let the same writers clash until they gave up, and an audited read answered
 * 500 (the load bench found it with 25 proposals on a court list): back off exponentially with full
 * jitter instead, 40 ms doubling to at most 500 ms, about 3 s in all at worst, well inside a
 * handler's 10 s timeout.
 */
const maxConflictAttempts = 10;

function conflictBackoffMilliseconds(attempt: number): number {
  return Math.random() * Math.min(500, 20 * 2 ** attempt);
}
