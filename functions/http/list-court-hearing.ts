import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { summariseChecksForCourt, suitabilityForCourt } from '#domain/court-summary';
import { tableKeys } from '#infra/table-definition';
import { dynamoDb } from '#shared/aws-clients';
import { now } from '#shared/clock';
import { config } from '#shared/config';
import { NotFoundError } from '#shared/errors';
import { httpHandler, json, parseWith } from '#shared/http-handler';
import type { CheckItem, ProposalItem } from '#shared/items';
import { appendAudit } from '#shared/proposal-store';
import { requireStaff, worksAtCourt } from '#shared/staff-identity';

const pathSchema = z.object({
  courtCode: z.string().regex(/^[A-Z]\d{2}[A-Z]{2}\d{2}$/, 'Court code must look like B01LY00'),
  date: z.iso.date('Date must be a real date in the form YYYY-MM-DD'),
});

/**
 * GET /api/courts/{courtCode}/hearings/{date}: for the sentencer, each proposal's check
 * completeness and decision. Categories only: no free text, no restricted information, no
 * resident's reasons.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['SENTENCER', 'COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const { courtCode, date } = parseWith(event.pathParameters ?? {}, pathSchema);
  if (!worksAtCourt(user, courtCode)) {
    throw new NotFoundError('No such court list');
  }
  const items = await queryCourtHearing(`${courtCode}#${date}`);
  const at = now();
  const proposals = items
    .filter((item): item is ProposalItem => item.itemType === 'PROPOSAL')
    .sort((a, b) => a.defendant.familyName.localeCompare(b.defendant.familyName) || a.proposalId.localeCompare(b.proposalId))
    .map((proposal) => {
      const checks = items.filter((item): item is CheckItem => item.itemType === 'CHECK' && item.proposalId === proposal.proposalId);
      const { checksComplete, ...summaries } = summariseChecksForCourt(checks, at);
      return {
        proposalId: proposal.proposalId,
        defendant: { givenName: proposal.defendant.givenName, familyName: proposal.defendant.familyName },
        status: proposal.status,
        checks: summaries,
        checksComplete,
        suitability: suitabilityForCourt(proposal.status),
      };
    });
  // Each listing is a disclosure to the court: audit it on every proposal shown.
  await Promise.all(proposals.map((proposal) => appendAudit({ proposalId: proposal.proposalId, action: 'DISCLOSED_TO_COURT_LIST', actor: user.id, at })));
  return json(200, { courtCode, date, proposals });
});

/** Proposals and their checks share the court-hearing index key, so one query reads the whole list. */
async function queryCourtHearing(courtHearing: string): Promise<(ProposalItem | CheckItem)[]> {
  const items: (ProposalItem | CheckItem)[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDb.send(
      new QueryCommand({
        TableName: config.tableName,
        IndexName: tableKeys.courtHearingIndex.indexName,
        KeyConditionExpression: '#key = :key',
        ExpressionAttributeNames: { '#key': tableKeys.courtHearingIndex.partitionKey },
        ExpressionAttributeValues: { ':key': courtHearing },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as (ProposalItem | CheckItem)[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}
