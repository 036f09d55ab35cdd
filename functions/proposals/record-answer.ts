import type { CheckAnswer } from '#schemas/answers';
import { refusesConsent } from '#domain/check-rules';
import { checkpoint } from '#runtime/checkpoints';
import { answeringParty } from '#links/check-recipients';
import { checkAnsweredOutput, completeTaskAfterCommit, consentRefusedError } from '#checks-workflow/task-callbacks';
import { answerCheckItems } from '#store/check-answers';
import { consentConfirmationItems } from '#links/withdrawal-link';
import type { AnswerSource, CheckItem, ProposalItem } from '#store/items';
import { outboxPut } from '#store/outbox';
import { getCheck } from '#store/proposal-store';
import { officerAddress } from '#store/staff-directory';
import { writeAtomically } from '#store/transactions';

export interface AnswerToRecord {
  /** The check's proposal, as read: a resident's consent is confirmed to them with the link that withdraws it. */
  proposal: ProposalItem;
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
 * officer is told, and the workflow keeps waiting for the officer to record consent. A refusal
 * fails the resident's task (ConsentRefused), which ends the checks at once. A resident's consent,
 * however it came, is confirmed to them in the same transaction, with a link that withdraws it.
 */
export async function recordAnswer(request: AnswerToRecord): Promise<{ recorded: false } | { recorded: true; status: 'RESPONDED' | 'NEEDS_CONTACT' }> {
  const { check, answer, source, at } = request;
  const needsContact = 'decision' in answer && answer.decision === 'SPEAK_TO_OFFICER';
  const status = needsContact ? 'NEEDS_CONTACT' : 'RESPONDED';
  const items = answerCheckItems(check, needsContact ? { status: 'NEEDS_CONTACT' } : { status: 'RESPONDED', answer, source }, at, request.linkTokenHash);
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
  if (!needsContact && 'decision' in answer && answer.decision === 'CONSENT') {
    items.push(...consentConfirmationItems(request.proposal, check, at));
  }
  const audit = { proposalId: check.proposalId, action: needsContact ? 'RESIDENT_ASKED_TO_SPEAK' : 'CHECK_ANSWERED', actor: request.actor ?? answeringParty[check.type], at, checkId: check.checkId, checkType: check.type };
  if (!(await writeAtomically(items, audit))) {
    return { recorded: false };
  }
  checkpoint('answer-stored'); // Stored, the workflow task not yet completed: where the crash harness may stop the process.
  if (!needsContact) {
    // Read the token after the commit: a request handler that re-bound it before our write is seen here,
    // and one that tries after our write finds the check answered and completes the task itself.
    const committed = await getCheck(check.proposalId, check.checkId);
    await completeTaskAfterCommit(committed?.taskToken, refusesConsent(answer) ? { failWith: consentRefusedError } : checkAnsweredOutput(check));
  }
  return { recorded: true, status };
}
