import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all.ts';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamoDb } from '#runtime/aws-clients';
import { config } from '#runtime/config';
import { auditAppendItems, readAuditHead, type AuditEntry } from './audit-store.ts';
import type { AuditRecord } from '#domain/audit-chain';
import { keys, type CheckItem, type LinkItem, type ProposalItem } from './items.ts';

export interface StoredProposal {
  proposal: ProposalItem;
  checks: CheckItem[];
  /** The audit trail, oldest first. */
  audit: AuditRecord[];
}

/** Reads a proposal with its checks and events in one strongly consistent query. */
export async function loadProposal(proposalId: string): Promise<StoredProposal | undefined> {
  const items = await queryAll({
    TableName: config.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.proposal(proposalId).pk },
    ConsistentRead: true,
  });
  const proposal = items.find((item) => item.itemType === 'PROPOSAL') as ProposalItem | undefined;
  if (proposal === undefined) {
    return undefined;
  }
  return {
    proposal,
    checks: items.filter((item) => item.itemType === 'CHECK') as unknown as CheckItem[],
    audit: (items.filter((item) => item.itemType === 'AUDIT') as unknown as AuditRecord[]).sort((a, b) => a.seq - b.seq),
  };
}

/** Like `loadProposal`, for workflow steps, where a missing proposal is a bug. */
export async function loadExistingProposal(proposalId: string): Promise<StoredProposal> {
  const stored = await loadProposal(proposalId);
  if (stored === undefined) {
    throw new Error(`Proposal ${proposalId} does not exist`);
  }
  return stored;
}

export function findCheck(stored: StoredProposal, checkId: string): CheckItem {
  const check = stored.checks.find((candidate) => candidate.checkId === checkId);
  if (check === undefined) {
    throw new Error(`Check ${checkId} is not part of proposal ${stored.proposal.proposalId}`);
  }
  return check;
}

export async function getCheck(proposalId: string, checkId: string): Promise<CheckItem | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: config.tableName, Key: keys.check(proposalId, checkId), ConsistentRead: true }));
  return result.Item as CheckItem | undefined;
}

export async function getLink(tokenHash: string): Promise<LinkItem | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: config.tableName, Key: keys.link(tokenHash), ConsistentRead: true }));
  return result.Item as LinkItem | undefined;
}

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Writes all items, and the audit record (or records, in order) of what they do, or nothing. Returns false when one of
 * the caller's conditions failed (someone else changed the state first), so callers decide from
 * the stored state what that means. A clash on the audit chain's head, or a transaction conflict,
 * is retried: it says nothing about the caller's state.
 */
export async function writeAtomically(items: TransactItems, audit?: AuditEntry | readonly AuditEntry[]): Promise<boolean> {
  const auditEntries: readonly AuditEntry[] = audit === undefined ? [] : Array.isArray(audit) ? audit : [audit as AuditEntry];
  for (let attempt = 1; ; attempt += 1) {
    const first = auditEntries[0];
    const auditItems = first === undefined ? [] : auditAppendItems(await readAuditHead(first.proposalId), auditEntries);
    try {
      await dynamoDb.send(new TransactWriteCommand({ TransactItems: [...items, ...auditItems] }));
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

/** The statuses in which a check still waits for an answer, as an expression. */
export const openCheckCondition = '#status IN (:requested, :overdue, :needsContact)';
export const openCheckValues = { ':requested': 'REQUESTED', ':overdue': 'OVERDUE', ':needsContact': 'NEEDS_CONTACT' } as const;
