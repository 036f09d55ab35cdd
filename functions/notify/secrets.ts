import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretBackedVariables, type SecretBackedVariable } from '#runtime/environment';
import { loadSecretBackedVariable } from '#runtime/secret-variables';

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

/** Fills `source.variable` from its secret at cold start (see runtime/secret-variables.ts). */
export async function loadSecretIntoEnvironment(source: SecretSource, client?: Pick<SecretsManagerClient, 'send'>): Promise<void> {
  await loadSecretBackedVariable(source.variable, client);
}
