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
  /**
   * Outbox messages still to deliver, oldest first: a sparse index. Only an undelivered message
   * (PENDING or SENDING) has `awaitingDelivery`; the write that makes it SENT or final removes it,
   * so the delivery sweep's read grows with what is waiting, not with every message ever sent.
   * Keys only: the sweep reads each item itself, consistently (the index lags the table), and no
   * address or link is copied into the index.
   */
  undeliveredIndex: { indexName: 'byUndelivered', partitionKey: 'awaitingDelivery', sortKey: 'sentAt', projection: 'KEYS_ONLY' },
  /** Items with this attribute (epoch seconds) are deleted by DynamoDB after that time. */
  timeToLiveAttribute: 'expiresAt',
} as const;
