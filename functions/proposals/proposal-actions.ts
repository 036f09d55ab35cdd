import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '#store/query-all';
import { countersign, decide, mayWithdraw } from '#domain/check-rules';
import { addDays } from '#domain/calendar-date';
import { adjournmentLikely } from '#domain/court-summary';
import { computeDueAt } from '#domain/deadlines';
import { londonDate } from '#domain/london-time';
import { tableKeys } from '#store/table-definition';
import { validateProposal } from '#schemas/proposal';
import { countersignSchema, decisionSchema, officerConsentSchema, withdrawSchema } from '#schemas/staff-actions';
import { parseWith } from '#runtime/validation';
import { dynamoDb } from '#runtime/aws-clients';
import { now } from '#runtime/clock';
import { config } from '#runtime/config';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#runtime/errors';
import { stopChecksWorkflow } from '#checks-workflow/executions';
import { keys, type CheckItem, type ProposalItem } from '#store/items';
import type { StaffUser } from '#auth/staff';
import { logger } from '#runtime/logger';
import { pendingStartItem, startWorkflowOfStoredProposal } from './pending-starts.ts';
import { appendAudit, loadExistingProposal, loadProposal, writeAtomically, type StoredProposal, type TransactItems } from '#store/proposal-store';
import { cancelOpenChecks, moveProposal } from '#store/proposal-transitions';
import { recordAnswer } from './record-answer.ts';
import { requestFingerprint } from '#domain/request-fingerprint';
import { worksAtCourt } from '#auth/staff-identity';
import { completeTaskAfterCommit } from '#checks-workflow/task-callbacks';

/**
 * What staff can do to a proposal, used by both the JSON API and the staff pages so the two can
 * never disagree. Each action takes the caller (already authenticated with the right role), the
 * proposal id and the request body as received, and either returns the stored proposal after the
 * change or throws a ClientError: 404 for another court's (or no) proposal, 400 with the fields at
 * fault, 409 when the rules or a concurrent change refuse it, 403 for someone who may not.
 */

const idempotencyDays = 7;


/** The proposal, if this person's court owns it; otherwise 404 (never 403, which would confirm it exists). */
export async function loadProposalOfCourt(user: StaffUser, proposalId: string): Promise<StoredProposal> {
  const stored = await loadProposal(proposalId);
  if (stored === undefined || !worksAtCourt(user, stored.proposal.courtCode)) {
    throw new NotFoundError('No such proposal');
  }
  return stored;
}

/**
 * Starts the checks: the proposal, one check per agency and one per adult resident, and the
 * idempotency record are written together; then the workflow is started under the proposal's id,
 * so a retry can never start a second one. The same key with the same body returns the same proposal.
 */
export interface CreatedProposal {
  proposalId: string;
  status: 'CHECKS_IN_PROGRESS';
  /** Started too late for any realistic answer: the officer is told at once to warn the court. */
  adjournmentLikely: boolean;
}

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
  const courtHearing = `${input.courtCode}#${input.hearingDate}`;
  const dueAt = computeDueAt(input.hearingDate, input.reportType).toISOString();
  const residents = input.residents.map((resident) => ({ ...resident, residentId: randomUUID() }));
  const proposal: ProposalItem = {
    ...keys.proposal(proposalId),
    itemType: 'PROPOSAL',
    proposalId,
    status: 'CHECKS_IN_PROGRESS',
    concerns: false,
    courtCode: input.courtCode,
    hearingDate: input.hearingDate,
    courtHearing,
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
  const newCheck = (type: CheckItem['type'], residentId?: string): CheckItem => {
    const checkId = randomUUID();
    return { ...keys.check(proposalId, checkId), itemType: 'CHECK', proposalId, checkId, type, status: 'REQUESTED', courtCode: input.courtCode, courtHearing, dueAt, ...(residentId === undefined ? {} : { residentId }) };
  };
  const checks = [newCheck('DOMESTIC_ABUSE'), newCheck('CHILD_SAFEGUARDING'), ...residents.map((resident) => newCheck('RESIDENT_CONSENT', resident.residentId))];
  const likely = adjournmentLikely(checks, at, at);

  const items: TransactItems = [
    { Put: { TableName: config.tableName, Item: proposal, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...checks.map((check) => ({ Put: { TableName: config.tableName, Item: check } })),
    { Put: { TableName: config.tableName, Item: pendingStartItem(proposalId, at) } },
  ];
  const fingerprint = requestFingerprint(body);
  if (idempotencyKey !== undefined) {
    items.push({
      Put: {
        TableName: config.tableName,
        Item: { ...keys.idempotency(user.id, idempotencyKey), itemType: 'IDEMPOTENCY', fingerprint, proposalId, expiresAt: Math.floor(at.getTime() / 1000) + idempotencyDays * 24 * 3600 },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }

  if (!(await writeAtomically(items, { proposalId, action: 'PROPOSAL_CREATED', actor: user.id, at }))) {
    if (idempotencyKey === undefined) {
      throw new Error('Proposal id collision');
    }
    const existingId = await proposalForRepeatedKey(user.id, idempotencyKey, fingerprint);
    await startWorkflowOfStoredProposal(existingId);
    return { proposalId: existingId, status: 'CHECKS_IN_PROGRESS', adjournmentLikely: likely };
  }
  await startWorkflowOfStoredProposal(proposalId);
  logger.info('Proposal created', { proposalId, checks: checks.length, adjournmentLikely: likely });
  return { proposalId, status: 'CHECKS_IN_PROGRESS', adjournmentLikely: likely };
}

/** The same key again: the same body gets the same proposal; a different body is a conflict. */
async function proposalForRepeatedKey(staffId: string, key: string, fingerprint: string): Promise<string> {
  const existing = await dynamoDb.send(new GetCommand({ TableName: config.tableName, Key: keys.idempotency(staffId, key), ConsistentRead: true }));
  const item = existing.Item as { fingerprint: string; proposalId: string } | undefined;
  if (item === undefined) {
    throw new Error('Idempotency record vanished');
  }
  if (item.fingerprint !== fingerprint) {
    throw new ConflictError({ error: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was already used with a different request body' });
  }
  return item.proposalId;
}

/**
 * The officer's decision. SUITABLE only when the workflow has found every check answered (the
 * proposal is AWAITING_DECISION); with concerns it then waits for a countersignature. UNSUITABLE
 * at any time before a final decision. There is no other way to either outcome.
 */
export async function recordDecision(user: StaffUser, proposalId: string, body: unknown): Promise<StoredProposal> {
  const { proposal, checks } = await loadProposalOfCourt(user, proposalId);
  const decision = parseWith(body, decisionSchema);
  const result = decide(proposal.status, decision.outcome, checks);
  if (!result.ok) {
    throw result.error === 'CHECKS_INCOMPLETE'
      ? new ConflictError({ error: 'CHECKS_INCOMPLETE', message: 'Every check must be answered before the proposal can be marked suitable', outstanding: result.outstanding })
      : new ConflictError({ error: 'NOT_ALLOWED', message: result.reason, status: proposal.status });
  }
  const at = now();
  const duringChecks = proposal.status === 'CHECKS_IN_PROGRESS';
  const written = await writeAtomically([
    moveProposal(proposal.proposalId, proposal.status, result.nextStatus, at, { decision: { outcome: decision.outcome, rationale: decision.rationale, by: user.id, at: at.toISOString() } }),
    ...(duringChecks ? cancelOpenChecks(checks, at) : []),
  ], { proposalId: proposal.proposalId, action: `DECISION_${decision.outcome}`, actor: user.id, at });
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were deciding: reload it and try again' });
  }
  if (duringChecks) {
    // The workflow is still waiting for checks that no longer matter: stop it.
    await stopChecksWorkflow(proposal.proposalId, 'Decided unsuitable before every check was answered');
    return loadExistingProposal(proposal.proposalId);
  }
  // Read the token after the commit: the workflow may have started waiting after we loaded the
  // proposal, and it cannot start waiting again now that the status has moved on.
  const committed = await loadExistingProposal(proposal.proposalId);
  await completeTaskAfterCommit(committed.proposal.stageTaskToken, { proposalId: proposal.proposalId, status: result.nextStatus });
  return committed;
}

/** A senior probation officer, who is not the person who decided, agrees (SUITABLE) or disagrees (UNSUITABLE). */
export async function countersignDecision(user: StaffUser, proposalId: string, body: unknown): Promise<StoredProposal> {
  const { proposal } = await loadProposalOfCourt(user, proposalId);
  const input = parseWith(body, countersignSchema);
  const result = countersign(proposal.status, input.agree, proposal.decision?.by ?? '', user.id);
  if (!result.ok) {
    throw result.error === 'SAME_PERSON'
      ? new ForbiddenError('The person who made the decision cannot countersign it')
      : new ConflictError({ error: 'NOT_ALLOWED', message: result.reason, status: proposal.status });
  }
  const at = now();
  const written = await writeAtomically([
    moveProposal(proposal.proposalId, 'AWAITING_COUNTERSIGN', result.nextStatus, at, { countersignature: { agree: input.agree, comment: input.comment, by: user.id, at: at.toISOString() } }),
  ], { proposalId: proposal.proposalId, action: input.agree ? 'COUNTERSIGNED' : 'COUNTERSIGNATURE_REFUSED', actor: user.id, at });
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were countersigning: reload it and try again' });
  }
  const committed = await loadExistingProposal(proposal.proposalId);
  await completeTaskAfterCommit(committed.proposal.stageTaskToken, { proposalId: proposal.proposalId, status: result.nextStatus });
  return committed;
}

/** Open checks are cancelled (their links stop working) and the workflow stops. */
export async function withdrawProposal(user: StaffUser, proposalId: string, body: unknown): Promise<StoredProposal> {
  const { proposal, checks } = await loadProposalOfCourt(user, proposalId);
  const input = parseWith(body, withdrawSchema);
  if (!mayWithdraw(proposal.status)) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'A proposal with a final decision cannot be withdrawn', status: proposal.status });
  }
  const at = now();
  const written = await writeAtomically([
    moveProposal(proposal.proposalId, proposal.status, 'WITHDRAWN', at, { withdrawal: { reason: input.reason, by: user.id, at: at.toISOString() } }),
    ...cancelOpenChecks(checks, at),
  ], { proposalId: proposal.proposalId, action: 'PROPOSAL_WITHDRAWN', actor: user.id, at });
  if (!written) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were withdrawing it: reload it and try again' });
  }
  await stopChecksWorkflow(proposal.proposalId, 'Proposal withdrawn');
  return loadExistingProposal(proposal.proposalId);
}

/**
 * Consent taken by the officer by phone or in person, with whether the resident was spoken to
 * alone. It answers that resident's check.
 */
export async function recordResidentConsent(user: StaffUser, proposalId: string, residentId: string, body: unknown): Promise<StoredProposal> {
  const stored = await loadProposalOfCourt(user, proposalId);
  const check = stored.checks.find((candidate) => candidate.type === 'RESIDENT_CONSENT' && candidate.residentId === residentId);
  if (check === undefined) {
    throw new NotFoundError('No such resident on this proposal');
  }
  const input = parseWith(body, officerConsentSchema);
  const result = await recordAnswer({
    check,
    answer: { decision: input.decision, ...(input.decision === 'CONSENT' ? { understood: true } : {}) },
    source: { via: 'OFFICER', recordedBy: user.id, method: input.method, spokenToAlone: input.spokenToAlone },
    actor: user.id,
    officerId: stored.proposal.createdBy,
    at: now(),
  });
  if (!result.recorded) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: "This resident's check is no longer waiting for an answer", status: check.status });
  }
  return loadExistingProposal(stored.proposal.proposalId);
}

/** A proposal with its checks, as read from the court list index. */
export interface ListedProposal {
  proposal: ProposalItem;
  checks: CheckItem[];
}

/** Days before today still listed (hearings adjourned or just past) and days ahead. */
export const listWindow = { daysBefore: 14, daysAfter: 60 } as const;

/** Proposals and checks of one court with hearings from `firstDate` to `lastDate`: one query on the court list index. */
async function courtListItems(courtCode: string, firstDate: string, lastDate: string): Promise<ListedProposal[]> {
  const index = tableKeys.courtListIndex;
  const items = (await queryAll({
    TableName: config.tableName,
    IndexName: index.indexName,
    KeyConditionExpression: '#court = :court AND #hearing BETWEEN :first AND :last',
    ExpressionAttributeNames: { '#court': index.partitionKey, '#hearing': index.sortKey },
    ExpressionAttributeValues: { ':court': courtCode, ':first': `${courtCode}#${firstDate}`, ':last': `${courtCode}#${lastDate}` },
  })) as unknown as (ProposalItem | CheckItem)[];
  const checksOf = new Map<string, CheckItem[]>();
  for (const item of items) {
    if (item.itemType === 'CHECK') {
      const checks = checksOf.get(item.proposalId) ?? [];
      checks.push(item);
      checksOf.set(item.proposalId, checks);
    }
  }
  return items.filter((item): item is ProposalItem => item.itemType === 'PROPOSAL').map((proposal) => ({ proposal, checks: checksOf.get(proposal.proposalId) ?? [] }));
}

/** One court's list for one hearing date. */
export function proposalsAtHearing(courtCode: string, date: string): Promise<ListedProposal[]> {
  return courtListItems(courtCode, date, date);
}

/** Every proposal of the given courts with a hearing from `daysBefore` days ago to `daysAfter` days ahead, by hearing date. */
export async function proposalsOfCourts(courts: readonly string[], today: string, window: { daysBefore: number; daysAfter: number } = listWindow): Promise<ListedProposal[]> {
  const perCourt = await Promise.all(courts.map((court) => courtListItems(court, addDays(today, -window.daysBefore), addDays(today, window.daysAfter))));
  return perCourt
    .flat()
    .sort((a, b) => a.proposal.hearingDate.localeCompare(b.proposal.hearingDate) || a.proposal.defendant.familyName.localeCompare(b.proposal.defendant.familyName));
}

/** A court list for one court and day, audited on every proposal shown: each listing is a disclosure to the court. */
export async function courtListFor(user: StaffUser, courtCode: string, date: string): Promise<ListedProposal[]> {
  if (!worksAtCourt(user, courtCode)) {
    throw new NotFoundError('No such court list');
  }
  const listed = (await proposalsAtHearing(courtCode, date)).sort(
    (a, b) => a.proposal.defendant.familyName.localeCompare(b.proposal.defendant.familyName) || a.proposal.proposalId.localeCompare(b.proposal.proposalId),
  );
  const at = now();
  await Promise.all(listed.map(({ proposal }) => appendAudit({ proposalId: proposal.proposalId, action: 'DISCLOSED_TO_COURT_LIST', actor: user.id, at })));
  return listed;
}

/** A staff view of one proposal, audited; with a reason, restricted answers are shown and the reason kept. */
export async function viewProposal(user: StaffUser, proposalId: string, reason?: string): Promise<StoredProposal> {
  const stored = await loadProposalOfCourt(user, proposalId);
  await appendAudit({
    proposalId,
    action: reason === undefined ? 'PROPOSAL_VIEWED' : 'RESTRICTED_ANSWERS_VIEWED',
    actor: user.id,
    at: now(),
    ...(reason === undefined ? {} : { reason }),
  });
  return stored;
}

/** One proposal's provenance for the court, audited as a court-list disclosure. */
export async function viewForCourt(user: StaffUser, proposalId: string): Promise<StoredProposal> {
  const stored = await loadProposalOfCourt(user, proposalId);
  await appendAudit({ proposalId, action: 'DISCLOSED_TO_COURT_LIST', actor: user.id, at: now() });
  return stored;
}
