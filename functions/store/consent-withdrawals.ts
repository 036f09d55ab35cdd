import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '#runtime/aws-clients';
import { config } from '#runtime/config';
import { keys, type CheckItem, type ConsentWithdrawalRecord, type WithdrawalLinkItem } from './items.ts';
import type { TransactItem } from './transact-item.ts';
import { tableName } from './table-name.ts';

/**
 * DynamoDB deletes a withdrawal link item this long after the link's expiry when it was issued. The
 * expiry is worked out again from the proposal's current hearing date when the link is used
 * (domain/consent-withdrawal.ts), so a hearing moved later keeps the item long enough.
 */
const withdrawalLinkKeptSeconds = 365 * 24 * 3600;

/** The address in a resident's confirmation: the token goes into a cookie, as every link's does (`/w/` opens it). */
export function withdrawalLinkUrl(token: string): string {
  return `${config.publicBaseUrl}/w/${token}`;
}

/** The transaction item that stores a new withdrawal link (its hash only); the token must be new. */
export function issueWithdrawalLinkItem(check: CheckItem, tokenHash: string, expires: Date): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.withdrawalLink(tokenHash),
        itemType: 'WITHDRAWAL_LINK',
        proposalId: check.proposalId,
        checkId: check.checkId,
        expiresAt: Math.floor(expires.getTime() / 1000) + withdrawalLinkKeptSeconds,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getWithdrawalLink(tokenHash: string): Promise<WithdrawalLinkItem | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: tableName, Key: keys.withdrawalLink(tokenHash), ConsistentRead: true }));
  return result.Item as WithdrawalLinkItem | undefined;
}

/**
 * Records the withdrawal on the resident's check, once: the check must hold an answer (consent, read
 * by the caller) and no withdrawal yet, so two withdrawals at once (the link and the officer, two
 * tabs) record one.
 */
export function withdrawConsentItem(check: CheckItem, withdrawal: ConsentWithdrawalRecord): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.check(check.proposalId, check.checkId),
      UpdateExpression: 'SET consentWithdrawal = :withdrawal',
      ConditionExpression: '#status = :responded AND attribute_not_exists(consentWithdrawal)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':withdrawal': withdrawal, ':responded': 'RESPONDED' },
    },
  };
}

/** Spends a withdrawal link in the same transaction as the withdrawal: a used link changes nothing again. */
export function spendWithdrawalLinkItem(tokenHash: string, at: Date): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.withdrawalLink(tokenHash),
      UpdateExpression: 'SET usedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    },
  };
}
