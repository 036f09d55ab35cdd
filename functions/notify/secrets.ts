import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { environment, secretBackedVariable, secretBackedVariables, setSecretBackedVariable, type SecretBackedVariable } from '#runtime/environment';

/**
 * Deployed, the Notify API key and the callback token live in Secrets Manager and a function gets
 * only its secret's ARN (ADR 0007): a secret's value in an environment variable would be readable
 * by anyone who may read the function's configuration. This reads each value once, at cold start,
 * into the variable the Notify settings read (notify-config.ts), so the rest of the code has one
 * way to get them. Locally the variables are set directly and nothing is fetched.
 */
export interface SecretSource {
  /** The variable the settings read, e.g. NOTIFY_API_KEY. */
  readonly variable: SecretBackedVariable;
  /** The variable holding the secret's ARN, e.g. NOTIFY_API_KEY_SECRET_ARN. */
  readonly arnVariable: string;
}

export const notifyApiKeySecret: SecretSource = { variable: 'NOTIFY_API_KEY', arnVariable: secretBackedVariables.NOTIFY_API_KEY };
export const notifyCallbackTokenSecret: SecretSource = {
  variable: 'NOTIFY_CALLBACK_BEARER_TOKEN',
  arnVariable: secretBackedVariables.NOTIFY_CALLBACK_BEARER_TOKEN,
};

/**
 * Fills `source.variable` from the secret named by `source.arnVariable` when the first is unset
 * and the second is set; otherwise leaves everything as it is (a missing value is then reported
 * by the settings, with the variable's name). A failed read throws: the function must not start
 * without its credentials, and the error names the variable, never the value.
 */
export async function loadSecretIntoEnvironment(source: SecretSource, client: Pick<SecretsManagerClient, 'send'> = lazyClient()): Promise<void> {
  const { value: current, secretArn } = secretBackedVariable(source.variable);
  if (current !== undefined || secretArn === undefined) {
    return;
  }
  let value: string | undefined;
  try {
    value = (await client.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString;
  } catch (error) {
    throw new Error(`Could not read the secret named by ${source.arnVariable}`, { cause: error });
  }
  if (value === undefined || value === '') {
    throw new Error(`The secret named by ${source.arnVariable} has no text value`);
  }
  setSecretBackedVariable(source.variable, value);
}

let client: SecretsManagerClient | undefined;
function lazyClient(): SecretsManagerClient {
  client ??= new SecretsManagerClient({ region: environment('core').AWS_REGION });
  return client;
}
