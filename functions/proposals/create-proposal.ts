import { randomUUID } from 'node:crypto';
import { mayProposeAnotherAddress, nextVersion, replaceableStatuses } from '#domain/case-versions';
import { adjournmentLikely } from '#domain/court-summary';
import { computeDueAt } from '#domain/deadlines';
import { londonDate } from '#domain/london-time';
import { requestFingerprint } from '#domain/request-fingerprint';
import { validateProposal } from '#schemas/proposal';
import type { CreatedProposal } from '#schemas/api-responses';
import { checkpoint } from '#runtime/checkpoints';
import { now } from '#runtime/clock';
import { ConflictError, ForbiddenError, ValidationError } from '#runtime/errors';
import { logger } from '#runtime/logger';
import type { StaffUser } from '#auth/staff';
import { startChecksWorkflow } from '#checks-workflow/executions';
import { markReplaced } from '#store/case-versions';
import { idempotencyRecordPut, readIdempotencyRecord } from '#store/idempotency';
import type { ProposalItem } from '#store/items';
import { loadProposal } from '#store/proposal-store';
import type { AuditEntry } from '#store/audit-store';
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

/**
 * `replaces`: the proposal this one is another address for (ADR 0026). The new proposal is the
 * next version of its case, and the old one is marked as replaced in the same write, on condition
 * that it still has the status it was read with and no next version: of two concurrent requests,
 * one makes the new version and the other is told which (409 ALREADY_REPLACED).
 */
export async function createProposal(user: StaffUser, body: unknown, idempotencyKey?: string, replaces?: ProposalItem): Promise<CreatedProposal> {
  const at = now();
  const validation = validateProposal(body, londonDate(at));
  if (!validation.success) {
    throw new ValidationError(validation.fields);
  }
  const input = validation.data;
  if (!user.courts.includes(input.courtCode)) {
    throw new ForbiddenError('You can only start checks for your own court');
  }
  // Only the status is checked here: a proposal already replaced fails the write's condition, so a
  // repeated request with the same Idempotency-Key still finds the proposal it made.
  if (replaces !== undefined && !replaceableStatuses.includes(replaces.status)) {
    throw replacementRefused({ allowed: false, reason: 'NOT_ALLOWED', status: replaces.status });
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
    ...(replaces === undefined ? {} : versionAfter(replaces)),
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

  const audit: AuditEntry[] = [{ proposalId, action: 'PROPOSAL_CREATED', actor: user.id, at, courtCode: input.courtCode, hearingDate: input.hearingDate, reportType: input.reportType }];
  if (replaces !== undefined) {
    const { caseId, version } = nextVersion(replaces);
    items.push(markReplaced(replaces, { proposalId, caseId }, at));
    audit.push(
      { proposalId, action: 'ALTERNATIVE_ADDRESS_PROPOSED', actor: user.id, at, previousProposalId: replaces.proposalId, caseId, version },
      { proposalId: replaces.proposalId, action: 'REPLACED_BY_ALTERNATIVE_ADDRESS', actor: user.id, at, nextProposalId: proposalId, caseId },
    );
  }

  if (!(await writeAtomically(items, audit))) {
    if (replaces !== undefined && (idempotencyKey === undefined || (await readIdempotencyRecord(user.id, idempotencyKey)) === undefined)) {
      await refuseReplacement(replaces.proposalId);
    }
    if (idempotencyKey === undefined) {
      throw new Error('Proposal id collision');
    }
    const existingId = await proposalForRepeatedKey(user.id, idempotencyKey, fingerprint);
    await startChecksWorkflow(existingId);
    return { proposalId: existingId, status: 'CHECKS_IN_PROGRESS', adjournmentLikely: likely };
  }
  // Stored, the workflow not yet started (the pending-start marker starts it after a crash): where the crash harness may stop the process.
  if (replaces !== undefined) checkpoint('address-replaced');
  await startChecksWorkflow(proposalId);
  logger.info('Proposal created', { proposalId, checks: checks.length, adjournmentLikely: likely });
  return { proposalId, status: 'CHECKS_IN_PROGRESS', adjournmentLikely: likely };
}

/** What the next version of a case records of the one it replaces. */
function versionAfter(previous: ProposalItem): Pick<NewProposal, 'caseId' | 'version' | 'previousProposalId' | 'earlierVersions'> {
  const { caseId, version, earlierVersions } = nextVersion(previous);
  return { caseId, version, previousProposalId: previous.proposalId, earlierVersions };
}

/** The proposal to be replaced changed first (another request replaced it, or its status moved): say why, as the stored state shows it. */
async function refuseReplacement(previousProposalId: string): Promise<never> {
  const stored = await loadProposal(previousProposalId);
  const verdict = stored === undefined ? undefined : mayProposeAnotherAddress(stored.proposal);
  throw replacementRefused(verdict === undefined || verdict.allowed ? { allowed: false, reason: 'NOT_ALLOWED', status: stored?.proposal.status ?? 'WITHDRAWN' } : verdict);
}

/** 409: the proposal was already replaced (naming the version that replaced it), or its status does not allow another address. */
export function replacementRefused(refusal: Exclude<ReturnType<typeof mayProposeAnotherAddress>, { allowed: true }>): ConflictError {
  return refusal.reason === 'ALREADY_REPLACED'
    ? new ConflictError({ error: 'ALREADY_REPLACED', message: 'Another address was already proposed in place of this proposal', nextProposalId: refusal.nextProposalId })
    : new ConflictError({ error: 'NOT_ALLOWED', message: 'Another address can be proposed only once a proposal is unsuitable or withdrawn', status: refusal.status });
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
