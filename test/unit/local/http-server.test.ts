import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalHttpServer } from '../../../infra/local/http-server.ts';

/**
 * The local stand-in for API Gateway, on its own with one route whose handler echoes the body's
 * size: what a client's connection sees around a refused body.
 */

let server: Server;
let port: number;

beforeAll(async () => {
  const registry = [{ name: 'echo', entry: 'unused.ts', description: 'echo', access: { table: 'read' }, routes: [{ method: 'POST', path: '/echo' }] }] as const;
  const runner = {
    invoke: async (_name: string, event: unknown) => ({ statusCode: 200, body: JSON.stringify({ bytes: (event as APIGatewayProxyEventV2).body?.length ?? 0 }) }),
  };
  server = createLocalHttpServer(registry, runner, { linkRequestsPerMinute: 1000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
  /** Whether the request went on a connection an earlier request had used. */
  reusedConnection: boolean;
}

/** POSTs a body through the agent, as a client with a connection pool would. */
function post(agent: Agent, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ agent, host: '127.0.0.1', port, method: 'POST', path: '/echo', headers: { 'content-type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), reusedConnection: outgoing.reusedSocket }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('the local HTTP server, after refusing a body over 64 KiB', () => {
  it('answers 413 and keeps the connection: the next request on it is answered', async () => {
    // Prepare: one connection, kept alive between requests.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // Act: a body well past the limit, so that much of it is still unsent when the server has seen enough.
      const refused = await post(agent, JSON.stringify({ padding: 'x'.repeat(500 * 1024) }));
      const next = await post(agent, '{"small":true}');

      // Assess
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body)).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
      expect(refused.headers['connection']).toBe('keep-alive');
      expect(next).toMatchObject({ status: 200, body: '{"bytes":14}', reusedConnection: true });
    } finally {
      agent.destroy();
    }
  });

  it('answers 413 with Connection: close to a body too large to read to its end, and the next request gets a new connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const refused = await post(agent, 'x'.repeat(2 * 1024 * 1024));
      const next = await post(agent, '{"small":true}');

      expect(refused.status).toBe(413);
      expect(refused.headers['connection']).toBe('close');
      expect(next).toMatchObject({ status: 200, reusedConnection: false });
    } finally {
      agent.destroy();
    }
  });
});
