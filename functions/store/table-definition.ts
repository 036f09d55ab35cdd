/**
 * The application table's key schema, shared by the CDK stack and the local stack so both
 * create the same table. One table holds proposals, checks, events, link tokens and the outbox
 * (see docs/decisions for the item layout).
 */
export const tableKeys = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * Court lists: a court's proposals and their checks, sorted by `${courtCode}#${hearingDate}`.
   * One query reads a day's list (sort key equal) or every hearing in a window of days (sort key
   * between two dates), rather than one query per day.
   */
  courtListIndex: { indexName: 'byCourtList', partitionKey: 'courtCode', sortKey: 'courtHearing' },
  /** Items with this attribute (epoch seconds) are deleted by DynamoDB after that time. */
  timeToLiveAttribute: 'expiresAt',
} as const;
