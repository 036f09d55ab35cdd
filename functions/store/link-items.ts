import { keys, type CheckItem } from './items.ts';
import type { TransactItems } from './transact-item.ts';
import { tableName } from './table-name.ts';

/** A new link of a check: only the token's hash is stored; the token itself is only in the message. */
export interface NewLink {
  tokenHash: string;
  expires: Date;
  /** The outbox message that carries it, named on the check as `linkMessageId`. */
  messageId: string;
}

/**
 * Which link this is. The first, sent by the workflow's request step, keeps the step's task token
 * with it. A replacement (the officer sends it again) leaves the task token alone, counts the
 * resend and, when the last problem was delivering to the recipient, clears it. A reminder's link
 * (the workflow, while the check still waits) replaces the live one and changes nothing else.
 * Either answers the recipient's request for a new link, if they made one.
 */
export type LinkIssue = { kind: 'FIRST'; taskToken: string } | { kind: 'REPLACEMENT'; resendNumber: number; clearDeliveryProblem: boolean } | { kind: 'REMINDER' };

/** DynamoDB deletes a link item this long after the link expires. */
const linkItemKeptSeconds = 30 * 24 * 3600;

/**
 * The transaction items that make `link` the check's live link: the check's hash, expiry and
 * message, and the link item, which must be new. The first link needs a check still REQUESTED
 * with no link; a replacement needs the check still waiting for its recipient (REQUESTED or
 * OVERDUE) with the link and resend count read, so two officers clicking at once send one link,
 * not two, and the old link stops working at once. A reminder's needs the check still REQUESTED
 * with the link read: not after an answer, nor over a link the officer has just sent again.
 */
export function issueLinkItems(check: CheckItem, link: NewLink, issue: LinkIssue, at: Date): TransactItems {
  const checkUpdate = checkUpdateFor(check, issue, at);
  return [
    {
      Update: {
        TableName: tableName,
        Key: keys.check(check.proposalId, check.checkId),
        UpdateExpression: checkUpdate.UpdateExpression,
        ConditionExpression: checkUpdate.ConditionExpression,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':hash': link.tokenHash, ':expires': link.expires.toISOString(), ':message': link.messageId, ...checkUpdate.ExpressionAttributeValues },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { ...keys.link(link.tokenHash), itemType: 'LINK', proposalId: check.proposalId, checkId: check.checkId, checkType: check.type, linkExpiresAt: link.expires.toISOString(), expiresAt: Math.floor(link.expires.getTime() / 1000) + linkItemKeptSeconds },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/** How the check changes for each kind of link, and what it must still be for the change to apply. */
function checkUpdateFor(check: CheckItem, issue: LinkIssue, at: Date): { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> } {
  switch (issue.kind) {
    case 'FIRST':
      return {
        UpdateExpression: 'SET linkTokenHash = :hash, linkExpiresAt = :expires, linkMessageId = :message, requestedAt = :at, taskToken = :token',
        ConditionExpression: 'attribute_not_exists(linkTokenHash) AND #status = :requested',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':token': issue.taskToken, ':requested': 'REQUESTED' },
      };
    case 'REMINDER':
      return {
        // A new link answers any request for one.
        UpdateExpression: 'SET linkTokenHash = :hash, linkExpiresAt = :expires, linkMessageId = :message REMOVE newLinkRequestedAt',
        // And the due time read: a reminder point belongs to one due date, and an adjournment gives a new one (ADR 0024).
        ConditionExpression: '#status = :requested AND linkTokenHash = :previousHash AND dueAt = :dueAt',
        ExpressionAttributeValues: { ':requested': 'REQUESTED', ':previousHash': check.linkTokenHash, ':dueAt': check.dueAt },
      };
    case 'REPLACEMENT': {
      const previousCount = check.resendCount ?? 0;
      return {
        UpdateExpression: `SET linkTokenHash = :hash, linkExpiresAt = :expires, linkMessageId = :message, linkSentAt = :at, resendCount = :count REMOVE newLinkRequestedAt${issue.clearDeliveryProblem ? ', deliveryProblem' : ''}`,
        ConditionExpression: `#status IN (:requested, :overdue) AND linkTokenHash = :previousHash AND ${previousCount === 0 ? 'attribute_not_exists(resendCount)' : 'resendCount = :previousCount'}`,
        ExpressionAttributeValues: {
          ':at': at.toISOString(),
          ':count': issue.resendNumber,
          ':requested': 'REQUESTED',
          ':overdue': 'OVERDUE',
          ':previousHash': check.linkTokenHash,
          ...(previousCount === 0 ? {} : { ':previousCount': previousCount }),
        },
      };
    }
  }
}
