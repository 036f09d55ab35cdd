import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '#runtime/aws-clients';
import { tableName } from './table-name.ts';

/**
 * Staff sessions, one item each (`SESSION#<hash>` / `SESSION`). The item is named by the SHA-256
 * of the session id that auth/sessions.ts hashes: the id itself is the cookie and is never stored,
 * so a copy of the table cannot be replayed as one. Auth decides what a session means (time
 * limits, CSRF); the store only keeps it.
 */
export interface StoredSession {
  /**
   * The session's name in the table: the same for its whole life and no secret, so the CSRF token
   * can be bound to it. Touch and delete take it back.
   */
  ref: string;
  userId: string;
  displayName: string;
  /** A staff role as written at sign-in; auth checks it on the way out. */
  role: string;
  courts: string[];
  email: string;
  /** The staff grade as written at sign-in, when the identity provider gave one; auth checks it on the way out. */
  grade?: string;
  /** A performance lead's region, as written at sign-in. */
  region?: string;
  /** Key of the session's CSRF token (see auth/csrf.ts); never sent to the browser itself. */
  csrfSecret: string;
  createdAt: string;
  lastSeenAt: string;
  /** DynamoDB deletes the item some time after this (epoch seconds). */
  expiresAt: number;
}

export type NewSession = Omit<StoredSession, 'ref'>;

const sessionSortKey = 'SESSION';
const sessionRef = (idHash: string) => `SESSION#${idHash}`;
const sessionKey = (ref: string) => ({ pk: ref, sk: sessionSortKey });

/** Stores a new session under the hash of its id; an id already in use is refused (it never is: 32 random bytes). */
export async function putSession(idHash: string, session: NewSession): Promise<void> {
  await dynamoDb.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...sessionKey(sessionRef(idHash)), itemType: 'SESSION', ...session },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** The session stored under this id hash, whether or not it is still within its time limits. */
export async function getSession(idHash: string): Promise<StoredSession | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: tableName, Key: sessionKey(sessionRef(idHash)), ConsistentRead: true }));
  if (result.Item === undefined) {
    return undefined;
  }
  const { pk, sk: _sk, itemType: _itemType, ...session } = result.Item;
  return { ...(session as NewSession), ref: String(pk) };
}

/** Moves the session's last use (and so its expiry) on; false when it has been deleted meanwhile. */
export async function recordSessionUse(ref: string, lastSeenAt: string, expiresAt: number): Promise<boolean> {
  try {
    await dynamoDb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: sessionKey(ref),
        UpdateExpression: 'SET lastSeenAt = :at, expiresAt = :expiresAt',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': lastSeenAt, ':expiresAt': expiresAt },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      return false;
    }
    throw error;
  }
}

export async function deleteSession(ref: string): Promise<void> {
  await dynamoDb.send(new DeleteCommand({ TableName: tableName, Key: sessionKey(ref) }));
}
