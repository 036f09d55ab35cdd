import * as z from 'zod';
import type { CheckType } from '#domain/statuses';
import { now } from '#runtime/clock';
import { logger } from '#runtime/logger';
import { workflowHandler } from '#runtime/workflow-handler';
import { refusesConsent } from '#domain/check-rules';
import { checkAnsweredOutput, consentRefusedError } from '#checks-workflow/task-callbacks';
import { recipientFor } from '#links/check-recipients';
import { issueLink } from '#links/issue-link';
import { findCheck, getCheck, loadExistingProposal } from '#store/proposal-store';
import { writeAtomically } from '#store/transactions';
import { keepTaskTokenOrComplete, type StoredFailure } from './keep-task-token.ts';

export const checkRequestInputSchema = z.object({
  proposalId: z.string().min(1),
  checkId: z.string().min(1),
  waitSeconds: z.number().int().positive(),
  taskToken: z.string().min(1),
});

type CheckRequestInput = z.infer<typeof checkRequestInputSchema>;

export type CheckRequestAction = 'REQUEST_SENT' | 'TOKEN_REBOUND' | 'COMPLETED_FROM_STORED_ANSWER' | 'CONSENT_REFUSED' | 'CHECK_CANCELLED';

const actionOf = { KEPT: 'TOKEN_REBOUND', COMPLETED_FROM_STORED_STATE: 'COMPLETED_FROM_STORED_ANSWER', FAILED_FROM_STORED_STATE: 'CONSENT_REFUSED', NOTHING_TO_WAIT_FOR: 'CHECK_CANCELLED' } as const;

/**
 * What each `waitForTaskToken` check task does. It is idempotent and answer-aware, because the
 * workflow invokes it again after every timeout and after a local restart:
 * - the check already has an answer → complete the task at once with it (a refusal fails it, ConsentRefused);
 * - the check has a live link → keep the new task token, send nothing;
 * - otherwise → issue the link with its request message, and keep the token, in one transaction.
 */
export async function requestCheck(checkType: CheckType, input: CheckRequestInput): Promise<CheckRequestAction> {
  const stored = await loadExistingProposal(input.proposalId);
  const check = findCheck(stored, input.checkId);
  if (check.type !== checkType) {
    throw new Error(`Check ${check.checkId} is not a ${checkType} check`);
  }
  if (check.linkTokenHash === undefined && check.status === 'REQUESTED') {
    const at = now();
    const { items } = issueLink(stored.proposal, check, recipientFor(stored.proposal, check), { kind: 'FIRST', taskToken: input.taskToken }, at);
    if (await writeAtomically(items, { proposalId: input.proposalId, action: 'CHECK_REQUESTED', actor: 'WORKFLOW', at, checkId: input.checkId })) {
      logger.info('Check requested', { proposalId: input.proposalId, checkId: input.checkId, checkType });
      return 'REQUEST_SENT';
    }
  }
  const outcome = await keepTaskTokenOrComplete({ kind: 'CHECK', proposalId: input.proposalId, checkId: input.checkId }, input.taskToken, () => storedAnswer(input.proposalId, input.checkId));
  return actionOf[outcome];
}

/** The check is no longer open: it was answered (or cancelled) while we looked. */
async function storedAnswer(proposalId: string, checkId: string): Promise<object | StoredFailure | undefined> {
  const check = await getCheck(proposalId, checkId);
  if (check?.status === 'RESPONDED') {
    return check.answer !== undefined && refusesConsent(check.answer) ? { failWith: consentRefusedError } : checkAnsweredOutput(check);
  }
  if (check?.status === 'CANCELLED') {
    // The proposal was closed; its execution is being stopped. Nothing to wait for.
    return undefined;
  }
  throw new Error(`Check ${checkId} is in an unexpected state`);
}

/** The workflow step of one type of check (handlers/workflow-steps/request-*.ts): ids in, the action taken out. */
export function requestCheckStep(checkType: CheckType) {
  return workflowHandler(checkRequestInputSchema, async (input) => ({ checkId: input.checkId, action: await requestCheck(checkType, input) }));
}
