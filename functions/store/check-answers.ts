import type { CheckAnswer } from '#schemas/answers';
import { keys, type AnswerSource, type CheckItem } from './items.ts';
import { openCheckCondition, openCheckValues } from './open-checks.ts';
import type { TransactItem, TransactItems } from './transact-item.ts';
import { tableName } from './table-name.ts';

/**
 * What an answer does to its check: answered (RESPONDED, with the answer and how it came), or a
 * resident asking to speak to someone (NEEDS_CONTACT), which is not an answer.
 */
export type CheckOutcome = { status: 'RESPONDED'; answer: CheckAnswer; source: AnswerSource } | { status: 'NEEDS_CONTACT' };

/**
 * The transaction items that answer an open check and, through a link, consume that link: the
 * check changes only while it is open, and the link is used at most once.
 */
export function answerCheckItems(check: CheckItem, outcome: CheckOutcome, at: Date, linkTokenHash?: string): TransactItems {
  const answered = outcome.status === 'RESPONDED';
  const items: TransactItems = [
    {
      Update: {
        TableName: tableName,
        Key: keys.check(check.proposalId, check.checkId),
        UpdateExpression: answered ? 'SET #status = :status, answer = :answer, #source = :source, respondedAt = :at' : 'SET #status = :status, needsContactAt = :at',
        // Through a link, only while it is still the check's link: a resend replaces it, and an
        // answer that read the check before the resend committed must not get in after it.
        ConditionExpression: linkTokenHash === undefined ? openCheckCondition : `${openCheckCondition} AND linkTokenHash = :linkTokenHash`,
        ExpressionAttributeNames: { '#status': 'status', ...(answered ? { '#source': 'source' } : {}) },
        ExpressionAttributeValues: { ':status': outcome.status, ':at': at.toISOString(), ...(answered ? { ':answer': outcome.answer, ':source': outcome.source } : {}), ...openCheckValues, ...(linkTokenHash === undefined ? {} : { ':linkTokenHash': linkTokenHash }) },
      },
    },
  ];
  if (linkTokenHash !== undefined) {
    items.push({
      Update: {
        TableName: tableName,
        Key: keys.link(linkTokenHash),
        UpdateExpression: 'SET usedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      },
    });
  }
  return items;
}

/**
 * The transaction item that replaces a resident's recorded consent with a new one the officer
 * took (ADR 0016), keeping the earlier answer on the check, only while the check still holds the
 * answer that was read. The caller guards the proposal's status in the same transaction.
 */
export function answerAgainItem(check: CheckItem, outcome: { answer: CheckAnswer; source: AnswerSource }, at: Date): TransactItem {
  const earlier = check.answer === undefined ? [] : [{ answer: check.answer, ...(check.source === undefined ? {} : { source: check.source }), ...(check.respondedAt === undefined ? {} : { respondedAt: check.respondedAt }) }];
  return {
    Update: {
      TableName: tableName,
      Key: keys.check(check.proposalId, check.checkId),
      UpdateExpression: 'SET answer = :answer, #source = :source, respondedAt = :at, earlierAnswers = list_append(if_not_exists(earlierAnswers, :none), :earlier)',
      ConditionExpression: '#status = :responded AND respondedAt = :answeredAt',
      ExpressionAttributeNames: { '#status': 'status', '#source': 'source' },
      ExpressionAttributeValues: { ':answer': outcome.answer, ':source': outcome.source, ':at': at.toISOString(), ':none': [], ':earlier': earlier, ':responded': 'RESPONDED', ':answeredAt': check.respondedAt ?? '' },
    },
  };
}
