/**
 * The application table's key schema, shared by the CDK stack and the local stack so both
 * create the same table. One table holds proposals, checks, events, link tokens and the outbox
 * (see docs/decisions for the item layout).
 */
export const tableKeys = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Court list: every proposal for one court on one hearing date. */
  courtHearingIndex: { indexName: 'byCourtHearing', partitionKey: 'courtHearing', sortKey: 'proposalId' },
  /** Items with this attribute (epoch seconds) are deleted by DynamoDB after that time. */
  timeToLiveAttribute: 'expiresAt',
} as const;
