import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { environment, secretBackedVariable, secretBackedVariables, setSecretBackedVariable, type SecretBackedVariable } from './environment.ts';

/**
 * Deployed, a secret (the Notify API key, Notify's callback token, the origin header CloudFront
 * sends) lives in Secrets Manager and a function gets only the secret's ARN (ADR 0007): a secret's
 * value in an environment variable would be readable by anyone who may read the function's
 * configuration. This reads the value once, at cold start, into the variable its settings read, so
 * the rest of the code has one way to get it. Locally the variable is set directly and nothing is
 * fetched.
 *
 * Fills `variable` from the secret named by its ARN variable when the first is unset and the
 * second is set; otherwise leaves everything as it is (a missing value is then reported by the
 * settings, with the variable's name). A failed read throws: the function must not start without
 * its credentials, and the error names the variable, never the value.
 */
export async function loadSecretBackedVariable(variable: SecretBackedVariable, client?: Pick<SecretsManagerClient, 'send'>): Promise<void> {
  const arnVariable = secretBackedVariables[variable];
  const { value: current, secretArn } = secretBackedVariable(variable);
  if (current !== undefined || secretArn === undefined) {
    return;
  }
  let value: string | undefined;
  try {
    // The client only now: a process with nothing to fetch (locally, or a function without routes) never builds one.
    value = (await (client ?? lazyClient()).send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString;
  } catch (error) {
    throw new Error(`Could not read the secret named by ${arnVariable}`, { cause: error });
  }
  if (value === undefined || value === '') {
    throw new Error(`The secret named by ${arnVariable} has no text value`);
  }
  setSecretBackedVariable(variable, value);
}

let client: SecretsManagerClient | undefined;
function lazyClient(): SecretsManagerClient {
  client ??= new SecretsManagerClient({ region: environment('core').AWS_REGION });
  return client;
}
