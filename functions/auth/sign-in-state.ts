import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as client from 'openid-client';
import { authConfig } from './auth-config.ts';
import { dynamoDb } from '#runtime/aws-clients';
import { config } from '#runtime/config';
import { clearedCookie, cookieName, serializeCookie } from '#runtime/cookies';

/**
 * What the callback needs to check the provider's answer (PKCE verifier, state, nonce), kept
 * server-side for the few minutes a sign-in takes and used once. The browser holds only a random
 * id in a cookie; the table only its SHA-256.
 */
export interface SignInStateItem {
  pk: string;
  sk: 'SIGN_IN';
  itemType: 'SIGN_IN';
  codeVerifier: string;
  state: string;
  nonce: string;
  /** Checked on use, and DynamoDB deletes the item some time after it (epoch seconds). */
  expiresAt: number;
}

export type PendingSignIn = Pick<SignInStateItem, 'codeVerifier' | 'state' | 'nonce'>;

/** Ten minutes to type a username and password. */
export const signInStateSeconds = 10 * 60;
export const signInCookieName = cookieName('sign-in', authConfig.sessionCookieSecure);

function signInKey(id: string) {
  return { pk: `SIGN_IN#${createHash('sha256').update(id, 'utf8').digest('hex')}`, sk: 'SIGN_IN' as const };
}

export async function startSignIn(at: Date): Promise<{ id: string; pending: PendingSignIn }> {
  const id = randomBytes(32).toString('base64url');
  const pending = { codeVerifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
  const item: SignInStateItem = { ...signInKey(id), itemType: 'SIGN_IN', ...pending, expiresAt: Math.floor(at.getTime() / 1000) + signInStateSeconds };
  await dynamoDb.send(new PutCommand({ TableName: config.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  return { id, pending };
}

/** Deletes and returns the pending sign-in, so a callback can be used once; undefined if unknown, used or expired. */
export async function takeSignIn(id: string, at: Date): Promise<PendingSignIn | undefined> {
  const result = await dynamoDb.send(new DeleteCommand({ TableName: config.tableName, Key: signInKey(id), ReturnValues: 'ALL_OLD' }));
  const item = result.Attributes as SignInStateItem | undefined;
  if (item === undefined || item.expiresAt <= Math.floor(at.getTime() / 1000)) {
    return undefined;
  }
  return { codeVerifier: item.codeVerifier, state: item.state, nonce: item.nonce };
}

export function signInCookie(id: string): string {
  return serializeCookie(signInCookieName, id, { secure: authConfig.sessionCookieSecure, maxAgeSeconds: signInStateSeconds });
}

export function clearedSignInCookie(): string {
  return clearedCookie(signInCookieName, authConfig.sessionCookieSecure);
}
