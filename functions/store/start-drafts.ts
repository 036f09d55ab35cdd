import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProposalStatus } from '#domain/statuses';
import { dynamoDb } from '#runtime/aws-clients';
import { tableName } from './table-name.ts';

/**
 * A court officer's start-checks form between its pages: one item per officer
 * (`START_DRAFT#<staff id>` / `START_DRAFT`), so it is theirs alone and outlives their session.
 * What the fields mean is the pages' business; the store only keeps them until `expiresAt`.
 */
export interface StartDraft {
  /** The form's fields as typed, by input name (checkboxes as lists). */
  fields: Record<string, string | string[]>;
  /** How many rows the officer has opened for adults and for curfew periods ("add another"). */
  rows: { residents: number; periods: number };
  /** Sent with the proposal, so sending the same answers twice starts the checks once. */
  idempotencyKey: string;
  /**
   * Another address (ADR 0026): the proposal the draft's checks will replace, as it was when the
   * officer began (its version and how it ended, for the pages to say so). Absent for new checks.
   */
  replaces?: { proposalId: string; version: number; status: ProposalStatus };
  /** Set once the checks were started from this draft: a repeated "Send" goes to that proposal. */
  sentProposalId?: string;
  savedAt: string;
  /** DynamoDB deletes the item some time after this (epoch seconds). */
  expiresAt: number;
}

const draftKey = (staffId: string) => ({ pk: `START_DRAFT#${staffId}`, sk: 'START_DRAFT' });

export async function getStartDraft(staffId: string): Promise<StartDraft | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: tableName, Key: draftKey(staffId), ConsistentRead: true }));
  if (result.Item === undefined) return undefined;
  const { pk: _pk, sk: _sk, itemType: _itemType, ...draft } = result.Item;
  return draft as StartDraft;
}

/** Replaces the officer's draft (the last page saved wins: one officer, one form at a time). */
export async function putStartDraft(staffId: string, draft: StartDraft): Promise<void> {
  await dynamoDb.send(new PutCommand({ TableName: tableName, Item: { ...draftKey(staffId), itemType: 'START_DRAFT', ...draft } }));
}

/**
 * Deletes the officer's draft unless it was sent: the note a sent draft leaves is kept, so that a
 * second "Send" from an old tab still finds the proposal it became (the condition makes that hold
 * even when the other tab sends at the same moment), and that proposal's id is returned. A draft
 * already gone is not an error.
 */
export async function deleteUnsentStartDraft(staffId: string): Promise<{ sentProposalId?: string }> {
  try {
    await dynamoDb.send(new DeleteCommand({ TableName: tableName, Key: draftKey(staffId), ConditionExpression: 'attribute_not_exists(sentProposalId)' }));
    return {};
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const sent = await getStartDraft(staffId);
    return sent?.sentProposalId === undefined ? {} : { sentProposalId: sent.sentProposalId };
  }
}
