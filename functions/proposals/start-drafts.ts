import { randomUUID } from 'node:crypto';
import { startDraftExpiresAt, startDraftIsLive } from '#domain/start-draft-lifetime';
import { now } from '#runtime/clock';
import type { StaffUser } from '#auth/staff';
import { deleteUnsentStartDraft, getStartDraft, putStartDraft, type StartDraft } from '#store/start-drafts';
import { createProposal, type CreatedProposal } from './create-proposal.ts';

export type { StartDraft } from '#store/start-drafts';

/** The officer's draft if it has not expired (TTL deletion is lazy, so the time is checked here too). */
export async function loadStartDraft(user: StaffUser): Promise<StartDraft | undefined> {
  const draft = await getStartDraft(user.id);
  return draft !== undefined && startDraftIsLive(draft.expiresAt, now()) ? draft : undefined;
}

/**
 * Saves the form so far. Each save is a new version of the answers, so it gets a new idempotency
 * key: sending the same answers twice starts the checks once, sending changed answers is new.
 */
export async function saveStartDraft(user: StaffUser, fields: StartDraft['fields'], rows: StartDraft['rows']): Promise<void> {
  const at = now();
  await putStartDraft(user.id, { fields, rows, idempotencyKey: randomUUID(), savedAt: at.toISOString(), expiresAt: startDraftExpiresAt(at) });
}

/**
 * Throws the officer's draft away (checks started for the wrong person, or no longer needed).
 * Nothing is sent from a draft, so nothing else changes. A draft already sent (from another tab)
 * is left alone, and the proposal it became is returned: its requests have gone, and the officer
 * must be told so, not that nothing was sent.
 */
export async function discardStartDraft(user: StaffUser): Promise<{ sentProposalId?: string }> {
  return deleteUnsentStartDraft(user.id);
}

/**
 * Starts the checks from the draft (validated and stored exactly as POST /api/proposals does),
 * then keeps only a note of the proposal it became: the answers are in the proposal now, and a
 * second "Send" finds the note and goes to the same proposal.
 */
export async function startChecksFromDraft(user: StaffUser, draft: StartDraft, input: unknown): Promise<CreatedProposal> {
  const created = await createProposal(user, input, draft.idempotencyKey);
  const at = now();
  await putStartDraft(user.id, { fields: {}, rows: { residents: 1, periods: 1 }, idempotencyKey: draft.idempotencyKey, sentProposalId: created.proposalId, savedAt: at.toISOString(), expiresAt: startDraftExpiresAt(at) });
  return created;
}
