import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * One item of an atomic write, as the store's functions return them ("answer this check", "issue
 * this link", "put this outbox message") for a use case to compose into one `writeAtomically`.
 * A type of its own, so the audit chain's items and the writer can both use it without importing
 * each other.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type TransactItems = TransactItem[];
