import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FunctionDefinition, HttpMethod } from '../function-registry.ts';
import type { LambdaRunner } from './lambda-runner.ts';
import { originVerifyHeader } from '#runtime/origin-header';
import { maxBodyBytes } from '#runtime/request-limits';
import { securityHeaders } from '#runtime/security-headers';
import { createRateLimiter, isLinkPath } from './rate-limiter.ts';
import { contentTypes, staticFileFor } from '../static-assets.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

// Bodies over maxBodyBytes are refused here with 413 (their rest read and thrown away, up to a bound), as AWS WAF refuses them deployed.

export interface CompiledRoute {
  method: HttpMethod;
  routeKey: string;
  pattern: RegExp;
  parameterNames: string[];
  functionName: string;
  /** Ends in a greedy `{name+}`: as on API Gateway, chosen only when no other route matches. */
  greedy: boolean;
}

export function compileRoutes(registry: readonly FunctionDefinition[]): CompiledRoute[] {
  return registry.flatMap((definition) =>
    (definition.routes ?? []).map((route) => {
      const parameterNames: string[] = [];
      const source = route.path.replace(/\{(\w+)(\+?)\}/g, (_match, name: string, greedy: string) => {
        parameterNames.push(name);
        return greedy === '+' ? '(.+)' : '([^/]+)';
      });
      return { method: route.method, routeKey: `${route.method} ${route.path}`, pattern: new RegExp(`^${source}$`), parameterNames, functionName: definition.name, greedy: /\{\w+\+\}/.test(route.path) };
    }),
  );
}

function sendJson(response: ServerResponse, statusCode: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(statusCode, { ...securityHeaders, 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Serves GOV.UK Frontend's assets and our stylesheet, as CloudFront does from S3 when deployed. */
async function serveStaticFile(pathname: string, method: string, response: ServerResponse): Promise<boolean> {
  const file = staticFileFor(pathname);
  if (file === undefined) {
    return false;
  }
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    return false;
  }
  response.writeHead(200, { ...securityHeaders, 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=3600' });
  response.end(method === 'HEAD' ? undefined : content);
  return true;
}

/**
 * How much of a too-large body is read and thrown away so that the client's keep-alive connection
 * can carry its next request (stopping in the middle of a body would leave the connection unusable).
 * A client still sending after that is not waited for: its 413 closes the connection.
 */
const maxDiscardedBytes = 1024 * 1024;

type Body = { text: string } | 'TOO_LARGE' | 'TOO_LARGE_TO_DRAIN';

/**
 * The body, or why it is refused. Read by events rather than `for await`: leaving that loop early
 * destroys the request, and with it the socket the 413 was to be written on.
 */
function readBody(request: IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (body: Body): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      resolve(body);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBodyBytes) {
        chunks.push(chunk);
      } else if (size > maxBodyBytes + maxDiscardedBytes) {
        request.pause();
        settle('TOO_LARGE_TO_DRAIN');
      }
    };
    const onEnd = (): void => settle(size > maxBodyBytes ? 'TOO_LARGE' : { text: Buffer.concat(chunks).toString('utf8') });
    request.on('data', onData);
    request.on('end', onEnd);
    request.once('error', reject);
    request.once('close', () => reject(new Error('The request closed before its body ended')));
  });
}

function decodeParameter(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** What the event is built from: the parts of an HTTP request the local server has read. */
export interface LocalRequestParts {
  method: string;
  url: URL;
  /** As Node gives them: lower-case names. */
  headers: IncomingHttpHeaders;
  remoteAddress: string | undefined;
  body: string;
}

/**
 * The registry route for a method and path (the first match wins; a greedy route only when no other
 * route has this path and method, as API Gateway picks the most specific), and every other route
 * of that path whatever its method.
 */
export function matchRoute(routes: readonly CompiledRoute[], method: string, pathname: string): { route: CompiledRoute | undefined; candidates: CompiledRoute[] } {
  const candidates = routes.filter((route) => !route.greedy && route.pattern.test(pathname));
  const route = candidates.find((candidate) => candidate.method === method) ?? routes.find((candidate) => candidate.greedy && candidate.method === method && candidate.pattern.test(pathname));
  return { route, candidates };
}

/**
 * The API Gateway payload-format 2.0 event for a request on a matched route, as the local server
 * hands it to the handler; or the name of a path parameter that does not decode (the server answers 400).
 */
export function apiGatewayEvent(route: CompiledRoute, request: LocalRequestParts): { event: APIGatewayProxyEventV2 } | { invalidPathParameter: string } {
  const { method, url, body } = request;
  const match = route.pattern.exec(url.pathname) ?? [];
  const pathParameters: Record<string, string> = {};
  for (const [index, name] of route.parameterNames.entries()) {
    const value = decodeParameter(match[index + 1] ?? '');
    if (value === undefined) {
      return { invalidPathParameter: name };
    }
    pathParameters[name] = value;
  }
  const requestHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) {
      requestHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
    }
  }
  // API Gateway moves the Cookie header into `cookies`; so do we.
  const { cookie, ...headers } = requestHeaders;
  const cookies = cookie === undefined ? [] : cookie.split(';').map((pair) => pair.trim()).filter((pair) => pair !== '');
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(cookies.length === 0 ? {} : { cookies }),
    ...(url.search === '' ? {} : { queryStringParameters: Object.fromEntries(url.searchParams) }),
    ...(route.parameterNames.length === 0 ? {} : { pathParameters }),
    ...(body === '' ? {} : { body }),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: request.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
  };
  return { event };
}

export interface LocalHttpServerOptions {
  linkRequestsPerMinute: number;
  /**
   * Played as CloudFront plays it deployed: the value of the x-origin-verify header added to every
   * request, replacing any the client sent, without which the handlers refuse it.
   */
  originVerifyToken?: string;
}

/**
 * The local stand-in for CloudFront and API Gateway's HTTP API: matches the registry's routes,
 * turns each request into a payload-format 2.0 event for the same handler the cloud runs, and
 * writes its result back.
 */
export function createLocalHttpServer(registry: readonly FunctionDefinition[], runner: Pick<LambdaRunner, 'invoke'>, options: LocalHttpServerOptions): Server {
  const routes = compileRoutes(registry);
  const linkLimiter = createRateLimiter(options.linkRequestsPerMinute, 60_000);
  return createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) {
        sendJson(response, 500, { error: 'INTERNAL_ERROR', message: 'Something went wrong. Try again later.' });
      } else {
        response.end();
      }
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://local');
    const method = request.method ?? 'GET';
    if (isLinkPath(url.pathname) && !linkLimiter.allow(request.socket.remoteAddress ?? 'unknown')) {
      sendJson(response, 429, { error: 'TOO_MANY_REQUESTS', message: 'Too many requests. Wait a minute and try again.' }, { 'retry-after': '60' });
      return;
    }
    if ((method === 'GET' || method === 'HEAD') && (await serveStaticFile(url.pathname, method, response))) {
      return;
    }
    const { route, candidates } = matchRoute(routes, method, url.pathname);
    if (method === 'OPTIONS' && candidates.length > 0) {
      // Answered here, as API Gateway would without CORS: it never reaches a handler, so it changes nothing.
      response.writeHead(204, { ...securityHeaders, allow: [...new Set(candidates.map((candidate) => candidate.method))].join(', ') });
      response.end();
      return;
    }
    if (route === undefined) {
      sendJson(response, candidates.length > 0 ? 405 : 404, candidates.length > 0 ? { error: 'METHOD_NOT_ALLOWED', message: 'Method not allowed' } : { error: 'NOT_FOUND', message: 'Not found' });
      return;
    }
    const body = await readBody(request);
    if (body === 'TOO_LARGE' || body === 'TOO_LARGE_TO_DRAIN') {
      // Read to its end, the connection stays open for the next request; otherwise the 413 says it closes.
      sendJson(response, 413, { error: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 64 KiB' }, body === 'TOO_LARGE' ? {} : { connection: 'close' });
      return;
    }
    const built = apiGatewayEvent(route, { method, url, headers: request.headers, remoteAddress: request.socket.remoteAddress, body: body.text });
    if ('invalidPathParameter' in built) {
      sendJson(response, 400, { error: 'VALIDATION_FAILED', message: 'The address is not valid', fields: [{ path: built.invalidPathParameter, message: 'Not a valid path segment' }] });
      return;
    }
    const { event } = built;
    if (options.originVerifyToken !== undefined) {
      event.headers[originVerifyHeader] = options.originVerifyToken;
    }
    const result = (await runner.invoke(route.functionName, event)) as APIGatewayProxyStructuredResultV2;
    const responseHeaders: Record<string, string | string[]> = { ...((result.headers ?? {}) as Record<string, string>) };
    if (result.cookies !== undefined && result.cookies.length > 0) {
      responseHeaders['set-cookie'] = result.cookies;
    }
    response.writeHead(result.statusCode ?? 200, responseHeaders);
    response.end(method === 'HEAD' ? undefined : (result.body ?? ''));
  }
}
