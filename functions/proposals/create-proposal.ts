import { randomUUID } from 'node:crypto';
import { adjournmentLikely } from '#domain/court-summary';
import { computeDueAt } from '#domain/deadlines';
import { londonDate } from '#domain/london-time';
import { requestFingerprint } from '#domain/request-fingerprint';
import { validateProposal } from '#schemas/proposal';
import type { CreatedProposal } from '#schemas/api-responses';
import { now } from '#runtime/clock';
import { ConflictError, ForbiddenError, ValidationError } from '#runtime/errors';
import { logger } from '#runtime/logger';
import type { StaffUser } from '#auth/staff';
import { startChecksWorkflow } from '#checks-workflow/executions';
import { idempotencyRecordPut, readIdempotencyRecord } from '#store/idempotency';
import { newProposalItems, type NewCheck, type NewProposal } from '#store/new-proposal';
import type { TransactItems } from '#store/transact-item';
import { writeAtomically } from '#store/transactions';

const idempotencyDays = 7;

/**
 * Starts the checks: the proposal, one check per agency and one per adult resident, and the
 * idempotency record are written together; then the workflow is started under the proposal's id,
 * so a retry can never start a second one. The same key with the same body returns the same proposal.
 */
export type { CreatedProposal } from '#schemas/api-responses';

export async function createProposal(user: StaffUser, body: unknown, idempotencyKey?: string): Promise<CreatedProposal> {
  const at = now();
  const validation = validateProposal(body, londonDate(at));
  if (!validation.success) {
    throw new ValidationError(validation.fields);
  }
  const input = validation.data;
  if (!user.courts.includes(input.courtCode)) {
    throw new ForbiddenError('You can only start checks for your own court');
  }

  const proposalId = randomUUID();
  const dueAt = computeDueAt(input.hearingDate, input.reportType).toISOString();
  const residents = input.residents.map((resident) => ({ ...resident, residentId: randomUUID() }));
  const proposal: NewProposal = {
    proposalId,
    status: 'CHECKS_IN_PROGRESS',
    concerns: false,
    courtCode: input.courtCode,
    hearingDate: input.hearingDate,
    reportType: input.reportType,
    convictionDate: input.convictionDate,
    defendant: input.defendant,
    curfew: input.curfew,
    residents,
    noOtherAdults: input.noOtherAdults,
    childrenDeclaredByDefendant: input.childrenDeclaredByDefendant,
    policeForce: input.policeForce,
    localAuthority: input.localAuthority,
    createdBy: user.id,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  };
  const newCheck = (type: NewCheck['type'], residentId?: string): NewCheck => ({ checkId: randomUUID(), type, status: 'REQUESTED', dueAt, ...(residentId === undefined ? {} : { residentId }) });
  const checks = [newCheck('DOMESTIC_ABUSE'), newCheck('CHILD_SAFEGUARDING'), ...residents.map((resident) => newCheck('RESIDENT_CONSENT', resident.residentId))];
  const likely = adjournmentLikely(checks, at, at);

  const items: TransactItems = newProposalItems(proposal, checks, at);
  const fingerprint = requestFingerprint(body);
  if (idempotencyKey !== undefined) {
    items.push(idempotencyRecordPut(user.id, idempotencyKey, { fingerprint, proposalId }, new Date(at.getTime() + idempotencyDays * 24 * 3600 * 1000)));
  }

  if (!(await writeAtomically(items, { proposalId, action: 'PROPOSAL_CREATED', actor: user.id, at }))) {
    if (idempotencyKey === undefined) {
      throw new Error('Proposal id collision');
    }
    const existingId = await proposalForRepeatedKey(user.id, idempotencyKey, fingerprint);
    await startChecksWorkflow(existingId);
    return { proposalId: existingId, status: 'CHECKS_IN_PROGRESS', adjournmentLikely: likely };
  }
  await startChecksWorkflow(proposalId);
  logger.info('Proposal created', { proposalId, checks: checks.length, adjournmentLikely: likely });
  return { proposalId, status: 'CHECKS_IN_PROGRESS', adjournmentLikely: likely };
}

/** The same key again: the same body gets the same proposal; a different body is a conflict. */
async function proposalForRepeatedKey(staffId: string, key: string, fingerprint: string): Promise<string> {
  const record = await readIdempotencyRecord(staffId, key);
  if (record === undefined) {
    throw new Error('Idempotency record vanished');
  }
  if (record.fingerprint !== fingerprint) {
    throw new ConflictError({ error: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was already used with a different request body' });
  }
  return record.proposalId;
}
