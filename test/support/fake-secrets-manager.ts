import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server that speaks the part of Secrets Manager's API the functions use (AWS JSON 1.1,
 * `X-Amz-Target: secretsmanager.GetSecretValue`), so the real SDK client is tested against the
 * protocol rather than a mock object. Binds 127.0.0.1 only.
 */
export interface FakeSecretsManager {
  endpoint: string;
  /** Every request, as the SDK sent it. */
  requests: { target: string; authorization: string | undefined; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startFakeSecretsManager(secrets: Readonly<Record<string, string>>): Promise<FakeSecretsManager> {
  const requests: FakeSecretsManager['requests'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const target = String(request.headers['x-amz-target'] ?? '');
      requests.push({ target, authorization: request.headers.authorization, body });
      const reply = (status: number, payload: object) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(payload));
      };
      const secretId = typeof body.SecretId === 'string' ? body.SecretId : '';
      if (target !== 'secretsmanager.GetSecretValue') {
        reply(400, { __type: 'UnknownOperationException', message: `Unknown operation ${target}` });
      } else if (!Object.hasOwn(secrets, secretId)) {
        reply(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
      } else {
        reply(200, { ARN: secretId, Name: secretId.split(':').pop(), SecretString: secrets[secretId], VersionId: '00000000-0000-4000-8000-000000000001' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
