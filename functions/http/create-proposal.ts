import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { computeDueAt } from '#domain/deadlines';
import { londonDate } from '#domain/london-time';
import { validateProposal } from '#schemas/proposal';
import { dynamoDb } from '#shared/aws-clients';
import { now } from '#shared/clock';
import { config } from '#shared/config';
import { ConflictError, ForbiddenError, ValidationError } from '#shared/errors';
import { startChecksWorkflow } from '#shared/executions';
import { httpHandler, json, readJsonBody, type HttpEvent } from '#shared/http-handler';
import { keys, type CheckItem, type ProposalItem } from '#shared/items';
import { logger } from '#shared/logger';
import { writeAtomically, type TransactItems } from '#shared/proposal-store';
import { requestFingerprint } from '#shared/request-fingerprint';
import { requireStaff } from '#shared/staff-identity';

const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{1,200}$/;
const idempotencyDays = 7;

/**
 * POST /api/proposals: a court officer starts the checks. The proposal, one check per agency and
 * one per adult resident, and the idempotency record are written together; then the workflow is
 * started under the proposal's id, so a retry can never start a second one.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const body = readJsonBody(event);
  const idempotencyKey = readIdempotencyKey(event);
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
    return { ...keys.check(proposalId, checkId), itemType: 'CHECK', proposalId, checkId, type, status: 'REQUESTED', courtHearing, dueAt, ...(residentId === undefined ? {} : { residentId }) };
  };
  const checks = [newCheck('DOMESTIC_ABUSE'), newCheck('CHILD_SAFEGUARDING'), ...residents.map((resident) => newCheck('RESIDENT_CONSENT', resident.residentId))];

  const items: TransactItems = [
    { Put: { TableName: config.tableName, Item: proposal, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...checks.map((check) => ({ Put: { TableName: config.tableName, Item: check } })),
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
    await startChecksWorkflow(existingId);
    return json(201, { proposalId: existingId, status: 'CHECKS_IN_PROGRESS' });
  }
  await startChecksWorkflow(proposalId);
  logger.info('Proposal created', { proposalId, checks: checks.length });
  return json(201, { proposalId, status: proposal.status });
});

function readIdempotencyKey(event: HttpEvent): string | undefined {
  const key = event.headers['idempotency-key'];
  if (key === undefined) {
    return undefined;
  }
  if (!idempotencyKeyPattern.test(key)) {
    throw new ValidationError([{ path: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 letters, digits or ._:-' }]);
  }
  return key;
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
