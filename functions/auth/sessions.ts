import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { sessionExpiresAt, sessionState } from '#domain/session-timeouts';
import { authConfig } from './auth-config.ts';
import { dynamoDb } from '#runtime/aws-clients';
import { config } from '#runtime/config';
import { clearedCookie, cookieName, readCookie, serializeCookie } from '#runtime/cookies';
import type { HttpEvent } from '#runtime/http-handler';
import type { StaffUser } from './staff.ts';

/**
 * Server-side staff sessions. The browser holds a random 32-byte id; the table holds only its
 * SHA-256, so a copy of the table cannot be replayed as a cookie.
 */
export interface SessionItem {
  pk: string;
  sk: 'SESSION';
  itemType: 'SESSION';
  userId: string;
  displayName: string;
  role: StaffUser['role'];
  courts: string[];
  email: string;
  /** Key of the session's CSRF token (see `csrf.ts`); never sent to the browser itself. */
  csrfSecret: string;
  createdAt: string;
  lastSeenAt: string;
  /** DynamoDB deletes the item some time after this (epoch seconds). */
  expiresAt: number;
}

export const sessionCookieName = cookieName('session', authConfig.sessionCookieSecure);

/** Writing lastSeenAt on every request would double the writes; a minute's slack in a 30-minute idle limit is harmless. */
const touchIntervalMs = 60 * 1000;

function sessionKey(sessionId: string) {
  return { pk: `SESSION#${createHash('sha256').update(sessionId, 'utf8').digest('hex')}`, sk: 'SESSION' as const };
}

/** Starts a session for a user who has just signed in; returns the id for the cookie. */
export async function createSession(user: StaffUser, at: Date): Promise<string> {
  const sessionId = randomBytes(32).toString('base64url');
  const item: SessionItem = {
    ...sessionKey(sessionId),
    itemType: 'SESSION',
    userId: user.id,
    displayName: user.displayName,
    role: user.role,
    courts: [...user.courts],
    email: user.email,
    csrfSecret: randomBytes(32).toString('base64url'),
    createdAt: at.toISOString(),
    lastSeenAt: at.toISOString(),
    expiresAt: sessionExpiresAt({ createdAt: at, lastSeenAt: at }),
  };
  await dynamoDb.send(new PutCommand({ TableName: config.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  return sessionId;
}

/** The request's session, if its cookie names one that is still within both time limits. */
export async function sessionFromRequest(event: HttpEvent, at: Date): Promise<SessionItem | undefined> {
  const sessionId = readCookie(event, sessionCookieName);
  if (sessionId === undefined) {
    return undefined;
  }
  const result = await dynamoDb.send(new GetCommand({ TableName: config.tableName, Key: sessionKey(sessionId), ConsistentRead: true }));
  const session = result.Item as SessionItem | undefined;
  if (session === undefined || sessionState({ createdAt: new Date(session.createdAt), lastSeenAt: new Date(session.lastSeenAt) }, at) !== 'ACTIVE') {
    return undefined;
  }
  return session;
}

/** Records use of the session (the idle limit counts from here), at most once a minute. */
export async function touchSession(session: SessionItem, at: Date): Promise<void> {
  if (at.getTime() - Date.parse(session.lastSeenAt) < touchIntervalMs) {
    return;
  }
  const expiresAt = sessionExpiresAt({ createdAt: new Date(session.createdAt), lastSeenAt: at });
  try {
    await dynamoDb.send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: { pk: session.pk, sk: session.sk },
        UpdateExpression: 'SET lastSeenAt = :at, expiresAt = :expiresAt',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':expiresAt': expiresAt },
      }),
    );
  } catch (error) {
    // Signed out by another request meanwhile: this request was already authorised, the next is not.
    if (!(error instanceof ConditionalCheckFailedException)) {
      throw error;
    }
  }
}

export async function deleteSession(session: SessionItem): Promise<void> {
  await dynamoDb.send(new DeleteCommand({ TableName: config.tableName, Key: { pk: session.pk, sk: session.sk } }));
}

export function staffUserOf(session: SessionItem): StaffUser {
  return { id: session.userId, displayName: session.displayName, role: session.role, courts: session.courts, email: session.email };
}

export function sessionCookie(sessionId: string): string {
  return serializeCookie(sessionCookieName, sessionId, { secure: authConfig.sessionCookieSecure });
}

export function clearedSessionCookie(): string {
  return clearedCookie(sessionCookieName, authConfig.sessionCookieSecure);
}
