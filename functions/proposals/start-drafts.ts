import { randomUUID } from 'node:crypto';
import { startDraftExpiresAt, startDraftIsLive } from '#domain/start-draft-lifetime';
import { now } from '#runtime/clock';
import type { StaffUser } from '#auth/staff';
import { deleteUnsentStartDraft, getStartDraft, putStartDraft, type StartDraft } from '#store/start-drafts';
import { carriedOver, versionOf, type CarriedOver } from '#domain/case-versions';
import { loadProposalOfCourt } from './court-access.ts';
import { createProposal, type CreatedProposal } from './create-proposal.ts';
import { replaceableProposal } from './propose-alternative-address.ts';

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
export async function saveStartDraft(user: StaffUser, fields: StartDraft['fields'], rows: StartDraft['rows'], replaces?: StartDraft['replaces']): Promise<void> {
  const at = now();
  await putStartDraft(user.id, { fields, rows, idempotencyKey: randomUUID(), ...(replaces === undefined ? {} : { replaces }), savedAt: at.toISOString(), expiresAt: startDraftExpiresAt(at) });
}

/**
 * Begins the form for another address (ADR 0026): the officer's draft becomes the carried-over
 * answers of a proposal they may replace (unsuitable or withdrawn, not yet replaced: 409
 * otherwise), which the form's pages show pre-filled and "Send" turns into its next version.
 * `carriedOverFields` puts the carried-over answers in the form's fields (the pages know their names).
 */
export async function startAnotherAddressDraft(user: StaffUser, proposalId: string, carriedOverFields: (kept: CarriedOver) => { fields: StartDraft['fields']; rows: StartDraft['rows'] }): Promise<void> {
  const proposal = await replaceableProposal(user, proposalId);
  const { fields, rows } = carriedOverFields(carriedOver(proposal));
  await saveStartDraft(user, fields, rows, { proposalId: proposal.proposalId, version: versionOf(proposal), status: proposal.status });
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
  const replaces = draft.replaces === undefined ? undefined : (await loadProposalOfCourt(user, draft.replaces.proposalId)).proposal;
  const created = await createProposal(user, input, draft.idempotencyKey, replaces);
  const at = now();
  await putStartDraft(user.id, { fields: {}, rows: { residents: 1, periods: 1 }, idempotencyKey: draft.idempotencyKey, sentProposalId: created.proposalId, savedAt: at.toISOString(), expiresAt: startDraftExpiresAt(at) });
  return created;
}
