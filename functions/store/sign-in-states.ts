import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '#runtime/aws-clients';
import { tableName } from './table-name.ts';

/**
 * Sign-ins in progress, one item each (`SIGN_IN#<hash>` / `SIGN_IN`), named by the SHA-256 of the
 * id in the browser's sign-in cookie (auth/sign-in-state.ts hashes it; the id is never stored).
 */
export interface StoredSignInState {
  codeVerifier: string;
  state: string;
  nonce: string;
  /** Checked on use, and DynamoDB deletes the item some time after it (epoch seconds). */
  expiresAt: number;
}

const signInKey = (idHash: string) => ({ pk: `SIGN_IN#${idHash}`, sk: 'SIGN_IN' });

export async function putSignInState(idHash: string, signIn: StoredSignInState): Promise<void> {
  await dynamoDb.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...signInKey(idHash), itemType: 'SIGN_IN', codeVerifier: signIn.codeVerifier, state: signIn.state, nonce: signIn.nonce, expiresAt: signIn.expiresAt },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** Deletes the sign-in and returns what it held, so it can be used once; undefined if there was none. */
export async function takeSignInState(idHash: string): Promise<StoredSignInState | undefined> {
  const result = await dynamoDb.send(new DeleteCommand({ TableName: tableName, Key: signInKey(idHash), ReturnValues: 'ALL_OLD' }));
  const item = result.Attributes as StoredSignInState | undefined;
  return item === undefined ? undefined : { codeVerifier: item.codeVerifier, state: item.state, nonce: item.nonce, expiresAt: item.expiresAt };
}
