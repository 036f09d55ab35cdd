import type { CheckAnswer } from '#schemas/answers';
import { answeringParty } from '#links/check-recipients';
import { config } from '#runtime/config';
import { checkpoint } from '#runtime/checkpoints';
import { keys, type AnswerSource, type CheckItem } from '#store/items';
import { outboxPut } from '#store/outbox';
import { officerAddress } from '#store/staff-directory';
import { getCheck, openCheckCondition, openCheckValues, writeAtomically, type TransactItems } from '#store/proposal-store';
import { checkAnsweredOutput, completeTaskAfterCommit } from '#checks-workflow/task-callbacks';

export interface AnswerToRecord {
  check: CheckItem;
  answer: CheckAnswer;
  source: AnswerSource;
  /** Staff id, or undefined when the recipient answered through their link. */
  actor: string | undefined;
  /** Consumed in the same transaction, so a link answers exactly once. */
  linkTokenHash?: string;
  /** The officer to tell when a resident asks to speak to someone. */
  officerId: string;
  at: Date;
}

/**
 * Stores an answer on an open check, atomically with consuming the link and the audit event, then
 * wakes the workflow. Returns false when the check was no longer open (answered, cancelled) or
 * the link already used: nothing was changed.
 *
 * A resident asking to speak to someone is not an answer: the check becomes NEEDS_CONTACT, the
 * officer is told, and the workflow keeps waiting for the officer to record consent.
 */
export async function recordAnswer(request: AnswerToRecord): Promise<{ recorded: false } | { recorded: true; status: 'RESPONDED' | 'NEEDS_CONTACT' }> {
  const { check, answer, source, at } = request;
  const needsContact = 'decision' in answer && answer.decision === 'SPEAK_TO_OFFICER';
  const status = needsContact ? 'NEEDS_CONTACT' : 'RESPONDED';
  const items: TransactItems = [
    {
      Update: {
        TableName: config.tableName,
        Key: keys.check(check.proposalId, check.checkId),
        UpdateExpression: needsContact ? 'SET #status = :status, needsContactAt = :at' : 'SET #status = :status, answer = :answer, #source = :source, respondedAt = :at',
        // Through a link, only while it is still the check's link: a resend replaces it, and an
        // answer that read the check before the resend committed must not get in after it.
        ConditionExpression: request.linkTokenHash === undefined ? openCheckCondition : `${openCheckCondition} AND linkTokenHash = :linkTokenHash`,
        ExpressionAttributeNames: { '#status': 'status', ...(needsContact ? {} : { '#source': 'source' }) },
        ExpressionAttributeValues: { ':status': status, ':at': at.toISOString(), ...(needsContact ? {} : { ':answer': answer, ':source': source }), ...openCheckValues, ...(request.linkTokenHash === undefined ? {} : { ':linkTokenHash': request.linkTokenHash }) },
      },
    },
  ];
  if (request.linkTokenHash !== undefined) {
    items.push({
      Update: {
        TableName: config.tableName,
        Key: keys.link(request.linkTokenHash),
        UpdateExpression: 'SET usedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      },
    });
  }
  const officer = needsContact ? await officerAddress(request.officerId) : undefined;
  // Without an address the officer still sees the request at once on their task list.
  if (needsContact && officer !== undefined) {
    items.push(
      outboxPut({
        id: `NEEDS_CONTACT#${check.checkId}`,
        kind: 'NEEDS_CONTACT',
        to: officer,
        proposalId: check.proposalId,
        checkType: check.type,
        ...(check.residentId === undefined ? {} : { residentId: check.residentId }),
        sentAt: at.toISOString(),
      }),
    );
  }
  const audit = { proposalId: check.proposalId, action: needsContact ? 'RESIDENT_ASKED_TO_SPEAK' : 'CHECK_ANSWERED', actor: request.actor ?? answeringParty[check.type], at, checkId: check.checkId };
  if (!(await writeAtomically(items, audit))) {
    return { recorded: false };
  }
  checkpoint('answer-stored'); // Stored, the workflow task not yet completed: where the crash harness may stop the process.
  if (!needsContact) {
    // Read the token after the commit: a request handler that re-bound it before our write is seen here,
    // and one that tries after our write finds the check answered and completes the task itself.
    const committed = await getCheck(check.proposalId, check.checkId);
    await completeTaskAfterCommit(committed?.taskToken, checkAnsweredOutput(check));
  }
  return { recorded: true, status };
}
