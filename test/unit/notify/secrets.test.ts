import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSecretIntoEnvironment, notifyApiKeySecret, notifyCallbackTokenSecret } from '#notify/secrets';
import { startFakeSecretsManager, type FakeSecretsManager } from '../../support/fake-secrets-manager.ts';

const apiKeyArn = 'arn:aws:secretsmanager:eu-west-2:111111111111:secret:notify-api-key-AbCdEf';
const apiKey = 'live_key-11111111-1111-4111-8111-111111111111-22222222-2222-4222-8222-222222222222';

describe('reading the Notify secrets at cold start', () => {
  let fake: FakeSecretsManager;
  let client: SecretsManagerClient;
  const variables = [notifyApiKeySecret.variable, notifyApiKeySecret.arnVariable, notifyCallbackTokenSecret.variable, notifyCallbackTokenSecret.arnVariable];
  const saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));

  beforeAll(async () => {
    fake = await startFakeSecretsManager({ [apiKeyArn]: apiKey });
    client = new SecretsManagerClient({ region: 'eu-west-2', endpoint: fake.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });
  afterAll(async () => {
    client.destroy();
    await fake.close();
  });
  afterEach(() => {
    fake.requests.length = 0;
    for (const name of variables) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('fills the variable from the secret its ARN names, with a signed GetSecretValue request', async () => {
    delete process.env.NOTIFY_API_KEY;
    process.env.NOTIFY_API_KEY_SECRET_ARN = apiKeyArn;
    await loadSecretIntoEnvironment(notifyApiKeySecret, client);
    expect(process.env.NOTIFY_API_KEY).toBe(apiKey);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.body).toEqual({ SecretId: apiKeyArn });
    expect(fake.requests[0]?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test\//);
  });

  it('fetches nothing when the variable is already set (the local stack sets it directly)', async () => {
    process.env.NOTIFY_API_KEY = 'set-directly';
    process.env.NOTIFY_API_KEY_SECRET_ARN = apiKeyArn;
    await loadSecretIntoEnvironment(notifyApiKeySecret, client);
    expect(process.env.NOTIFY_API_KEY).toBe('set-directly');
    expect(fake.requests).toHaveLength(0);
  });

  it('fetches nothing and sets nothing without an ARN, so the settings report the missing variable by name', async () => {
    delete process.env.NOTIFY_CALLBACK_BEARER_TOKEN;
    delete process.env.NOTIFY_CALLBACK_TOKEN_SECRET_ARN;
    await loadSecretIntoEnvironment(notifyCallbackTokenSecret, client);
    expect(process.env.NOTIFY_CALLBACK_BEARER_TOKEN).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses to start when the secret cannot be read, naming the variable and not the ARN', async () => {
    delete process.env.NOTIFY_CALLBACK_BEARER_TOKEN;
    process.env.NOTIFY_CALLBACK_TOKEN_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-2:111111111111:secret:missing-XyZ';
    const failure = loadSecretIntoEnvironment(notifyCallbackTokenSecret, client);
    await expect(failure).rejects.toThrow('Could not read the secret named by NOTIFY_CALLBACK_TOKEN_SECRET_ARN');
    await expect(failure).rejects.toMatchObject({ cause: { name: 'ResourceNotFoundException' } });
    expect(process.env.NOTIFY_CALLBACK_BEARER_TOKEN).toBeUndefined();
  });
});
