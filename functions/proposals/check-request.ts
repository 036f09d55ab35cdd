import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import type { CheckType } from '#domain/statuses';
import { linkExpiresAt } from '#domain/link-expiry';
import { dynamoDb } from '#runtime/aws-clients';
import { recipientFor } from '#links/check-recipients';
import { now } from '#runtime/clock';
import { config } from '#runtime/config';
import { keys, type CheckItem } from '#store/items';
import { createLinkToken } from '#links/link-tokens';
import { logger } from '#runtime/logger';
import { linkUrl, outboxPut } from '#store/outbox';
import { findCheck, getCheck, loadExistingProposal, openCheckCondition, openCheckValues, writeAtomically } from '#store/proposal-store';
import { checkAnsweredOutput, completeTask } from '#checks-workflow/task-callbacks';
import { workflowHandler } from '#runtime/workflow-handler';
import { linkLifetimes } from '#links/link-lifetimes';

export const checkRequestInputSchema = z.object({
  proposalId: z.string().min(1),
  checkId: z.string().min(1),
  waitSeconds: z.number().int().positive(),
  taskToken: z.string().min(1),
});

type CheckRequestInput = z.infer<typeof checkRequestInputSchema>;

/** The first request's message; a link sent again has its own (link-actions.ts), named on the check as `linkMessageId`. */
export function requestMessageId(checkId: string): string {
  return `REQUEST#${checkId}`;
}

/** The message that carries a check's live link: the newest one sent. */
export function liveLinkMessageId(check: Pick<CheckItem, 'checkId' | 'linkMessageId'>): string {
  return check.linkMessageId ?? requestMessageId(check.checkId);
}
export type CheckRequestAction = 'REQUEST_SENT' | 'TOKEN_REBOUND' | 'COMPLETED_FROM_STORED_ANSWER' | 'CHECK_CANCELLED';

/**
 * The handler behind each `waitForTaskToken` check task. It is idempotent and answer-aware,
 * because the workflow invokes it again after every timeout and after a local restart:
 * - the check already has an answer → complete the task at once with it;
 * - the check has a live link → keep the new task token, send nothing;
 * - otherwise → create the link and the request message, and keep the token, in one transaction.
 */
export function createCheckRequestHandler(checkType: CheckType) {
  return workflowHandler(checkRequestInputSchema, async (input) => ({ checkId: input.checkId, action: await requestCheck(checkType, input) }));
}

async function requestCheck(checkType: CheckType, input: CheckRequestInput): Promise<CheckRequestAction> {
  const stored = await loadExistingProposal(input.proposalId);
  const check = findCheck(stored, input.checkId);
  if (check.type !== checkType) {
    throw new Error(`Check ${check.checkId} is not a ${checkType} check`);
  }
  if (check.linkTokenHash === undefined && check.status === 'REQUESTED') {
    const at = now();
    const { token, tokenHash } = createLinkToken();
    const expires = linkExpiresAt(checkType, stored.proposal.hearingDate, at, linkLifetimes);
    const sent = await writeAtomically([
      {
        Update: {
          TableName: config.tableName,
          Key: keys.check(input.proposalId, input.checkId),
          UpdateExpression: 'SET linkTokenHash = :hash, linkExpiresAt = :expires, linkMessageId = :message, requestedAt = :at, taskToken = :token',
          ConditionExpression: 'attribute_not_exists(linkTokenHash) AND #status = :requested',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':hash': tokenHash, ':expires': expires.toISOString(), ':message': requestMessageId(input.checkId), ':at': at.toISOString(), ':token': input.taskToken, ':requested': 'REQUESTED' },
        },
      },
      {
        Put: {
          TableName: config.tableName,
          Item: { ...keys.link(tokenHash), itemType: 'LINK', proposalId: input.proposalId, checkId: input.checkId, checkType, linkExpiresAt: expires.toISOString(), expiresAt: Math.floor(expires.getTime() / 1000) + 30 * 24 * 3600 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      outboxPut({
        id: requestMessageId(input.checkId),
        kind: 'REQUEST',
        to: recipientFor(stored.proposal, check),
        proposalId: input.proposalId,
        checkType,
        ...(check.residentId === undefined ? {} : { residentId: check.residentId }),
        url: linkUrl(token),
        sentAt: at.toISOString(),
      }),
    ], { proposalId: input.proposalId, action: 'CHECK_REQUESTED', actor: 'WORKFLOW', at, checkId: input.checkId });
    if (sent) {
      logger.info('Check requested', { proposalId: input.proposalId, checkId: input.checkId, checkType });
      return 'REQUEST_SENT';
    }
  }
  return rebindOrComplete(input);
}

async function rebindOrComplete(input: CheckRequestInput): Promise<CheckRequestAction> {
  try {
    await dynamoDb.send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.check(input.proposalId, input.checkId),
        UpdateExpression: 'SET taskToken = :token',
        ConditionExpression: `attribute_exists(linkTokenHash) AND ${openCheckCondition}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':token': input.taskToken, ...openCheckValues },
      }),
    );
    return 'TOKEN_REBOUND';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) {
      throw new Error('Could not keep the task token', { cause: error });
    }
  }
  // The check is no longer open: it was answered (or cancelled) while we looked.
  const check = await getCheck(input.proposalId, input.checkId);
  if (check?.status === 'RESPONDED') {
    await completeTask(input.taskToken, checkAnsweredOutput(check));
    return 'COMPLETED_FROM_STORED_ANSWER';
  }
  if (check?.status === 'CANCELLED') {
    // The proposal was closed; its execution is being stopped. Nothing to wait for.
    return 'CHECK_CANCELLED';
  }
  throw new Error(`Check ${input.checkId} is in an unexpected state`);
}
