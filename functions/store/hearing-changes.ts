import type { CheckAfterAdjournment } from '#domain/adjournment';
import { courtHearingKey, keys, type Adjournment, type CheckItem, type ProposalItem, type RecordedHearingOutcome } from './items.ts';
import type { TransactItem, TransactItems } from './transact-item.ts';
import { tableName } from './table-name.ts';

/** A check's change when the hearing moves: its new due time and status, and its live link's new expiry when that follows the hearing. */
export interface CheckMove {
  check: CheckItem;
  due?: CheckAfterAdjournment;
  /** The live link's new expiry (an agency's link lasts until the hearing day's end); undefined: the link does not change. */
  linkExpiresAt?: Date;
}

/** DynamoDB deletes a link item this long after the link expires (as link-items.ts). */
const linkItemKeptSeconds = 30 * 24 * 3600;

/**
 * The transaction items of an adjournment (ADR 0024): the proposal's hearing date and court list
 * key, only from the date and status read (two officers at once cannot both move it, nor move it
 * past a sentence or a withdrawal); every check's court list key (the court list index reads checks
 * with their proposal), each only from the status read; an open check's due time, round and status;
 * and a live agency link's expiry, on the check and its link item.
 */
export function adjournmentItems(proposal: ProposalItem, adjournment: Adjournment, moves: readonly CheckMove[], at: Date): TransactItems {
  const courtHearing = courtHearingKey(proposal.courtCode, adjournment.hearingDate);
  const proposalItem: TransactItem = {
    Update: {
      TableName: tableName,
      Key: keys.proposal(proposal.proposalId),
      UpdateExpression: 'SET hearingDate = :date, courtHearing = :courtHearing, adjournments = list_append(if_not_exists(adjournments, :none), :adjournment), updatedAt = :at',
      ConditionExpression: '#status = :status AND hearingDate = :previous AND attribute_not_exists(hearingOutcome)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':date': adjournment.hearingDate,
        ':courtHearing': courtHearing,
        ':none': [],
        ':adjournment': [adjournment],
        ':at': at.toISOString(),
        ':status': proposal.status,
        ':previous': adjournment.previousHearingDate,
      },
    },
  };
  return [proposalItem, ...moves.flatMap((move) => checkMoveItems(move, courtHearing, at))];
}

function checkMoveItems(move: CheckMove, courtHearing: string, at: Date): TransactItems {
  const { check, due, linkExpiresAt } = move;
  const set = ['courtHearing = :courtHearing'];
  const remove: string[] = [];
  const values: Record<string, unknown> = { ':courtHearing': courtHearing, ':read': check.status };
  if (due !== undefined) {
    set.push('dueAt = :dueAt', '#status = :next', 'dueRound = if_not_exists(dueRound, :zero) + :one', 'dueMovedAt = :at');
    Object.assign(values, { ':dueAt': due.dueAt, ':next': due.status, ':zero': 0, ':one': 1, ':at': at.toISOString() });
    if (due.dueAgain) remove.push('overdueAt');
  }
  const linkChange = linkExpiresAt !== undefined && check.linkTokenHash !== undefined;
  if (linkChange) {
    set.push('linkExpiresAt = :linkExpires');
    Object.assign(values, { ':linkExpires': linkExpiresAt.toISOString(), ':hash': check.linkTokenHash });
  }
  const items: TransactItems = [
    {
      Update: {
        TableName: tableName,
        Key: keys.check(check.proposalId, check.checkId),
        UpdateExpression: `SET ${set.join(', ')}${remove.length === 0 ? '' : ` REMOVE ${remove.join(', ')}`}`,
        // The check as read: an answer, a reminder's new link or an overdue mark landing meanwhile
        // fails the transaction, and the use case reads again and tries again.
        ConditionExpression: linkChange ? '#status = :read AND linkTokenHash = :hash' : '#status = :read',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      },
    },
  ];
  if (linkChange && check.linkTokenHash !== undefined) {
    items.push({
      Update: {
        TableName: tableName,
        Key: keys.link(check.linkTokenHash),
        UpdateExpression: 'SET linkExpiresAt = :linkExpires, expiresAt = :deleteAfter',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':linkExpires': linkExpiresAt.toISOString(), ':deleteAfter': Math.floor(linkExpiresAt.getTime() / 1000) + linkItemKeptSeconds },
      },
    });
  }
  return items;
}

/** The court's sentence, recorded once, only from the status and hearing date read. */
export function hearingOutcomeItem(proposal: ProposalItem, outcome: RecordedHearingOutcome, at: Date): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.proposal(proposal.proposalId),
      UpdateExpression: 'SET hearingOutcome = :outcome, updatedAt = :at',
      ConditionExpression: '#status = :status AND hearingDate = :hearingDate AND attribute_not_exists(hearingOutcome)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':outcome': outcome, ':at': at.toISOString(), ':status': proposal.status, ':hearingDate': proposal.hearingDate },
    },
  };
}
