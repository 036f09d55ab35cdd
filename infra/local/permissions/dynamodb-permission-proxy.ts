import { Agent, createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callerOf } from './caller-identity.ts';
import { dynamoDbAccessOf } from './dynamodb-access.ts';
import { accessDeniedMessage } from './policy-evaluation.ts';
import { reportRefusal, type PermissionCheck, type Refusal } from './role-policies.ts';

/**
 * IAM in front of DynamoDB Local: the functions of a local stack talk to this proxy, which
 * checks each request against the calling function's role (caller-identity.ts) and either
 * forwards it unchanged or answers as DynamoDB answers a request its caller's role does not allow
 * (HTTP 400, `AccessDeniedException`, which the SDK does not retry). DynamoDB Local itself checks
 * nothing. Binds 127.0.0.1 only.
 *
 * One proxy per DynamoDB Local per process, kept for the life of the process: handlers run in
 * this process keep the endpoint they loaded with, so a stack restarted in the same process must
 * find the proxy where its predecessor's was. Each live stack adds its check; a request is allowed
 * when a live stack's check allows it (stacks of one process differ only in their table's name).
 */

export interface DynamoDbPermissionProxy {
  readonly endpoint: string;
  /** Stops checking with this stack's policies (the proxy itself stays for the process). */
  release(): void;
}

interface SharedProxy {
  readonly endpoint: string;
  readonly checks: Set<PermissionCheck>;
}

const proxies = new Map<string, Promise<SharedProxy>>();

/** The process's proxy in front of `upstream`, checking also with `refusalOf` until released. */
export async function dynamoDbPermissionProxy(upstream: string, refusalOf: PermissionCheck): Promise<DynamoDbPermissionProxy> {
  let proxy = proxies.get(upstream);
  if (proxy === undefined) {
    proxy = startProxy(upstream);
    proxies.set(upstream, proxy);
  }
  const { endpoint, checks } = await proxy;
  checks.add(refusalOf);
  return { endpoint, release: () => checks.delete(refusalOf) };
}

/** The refusal every live check gives, or undefined when one allows the call. */
function refusalBy(checks: ReadonlySet<PermissionCheck>, caller: string, action: string, resource: string): Refusal | undefined {
  let refusal: Refusal | undefined;
  for (const check of checks) {
    refusal = check(caller, action, resource);
    if (refusal === undefined) return undefined;
  }
  return refusal;
}

const targetPrefix = 'DynamoDB_20120810.';

function refuse(response: ServerResponse, message: string): void {
  const body = JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', Message: message });
  response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': 'local-iam' });
  response.end(body);
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parsed(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    // Not ours to judge: DynamoDB Local answers a body it cannot read as DynamoDB would.
    return {};
  }
}

async function startProxy(upstreamEndpoint: string): Promise<SharedProxy> {
  const upstream = new URL(upstreamEndpoint);
  const checks = new Set<PermissionCheck>();
  const agent = new Agent({ keepAlive: true });
  const server = createServer((request, response) => {
    void (async () => {
      const body = await bodyOf(request);
      const target = String(request.headers['x-amz-target'] ?? '');
      const caller = callerOf(request.headers);
      if (caller !== undefined && target.startsWith(targetPrefix)) {
        for (const { action, resource } of dynamoDbAccessOf(target.slice(targetPrefix.length), parsed(body))) {
          const refusal = refusalBy(checks, caller, action, resource);
          if (refusal !== undefined) {
            reportRefusal(refusal);
            return refuse(response, accessDeniedMessage(refusal.functionName, action, resource));
          }
        }
      }
      const upstreamRequest = forward(
        { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host }, agent },
        (upstreamResponse) => {
          response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
          upstreamResponse.pipe(response);
        },
      );
      upstreamRequest.on('error', () => response.destroy());
      upstreamRequest.end(body);
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // Never keeps the process alive by itself.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, checks };
}
