import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { debugLog } from './debug-log.ts';
import { StepFunctionsServiceError } from './service-error.ts';

/** One API operation: the parsed JSON request body in, the JSON response body out. */
export type Operation = (request: Record<string, unknown>) => Promise<object>;

/**
 * Checks a request before its operation runs (IAM, locally: infra/local/permissions); throws a
 * StepFunctionsServiceError (`AccessDeniedException`) to refuse it.
 */
export type Authorize = (operationName: string, request: Record<string, unknown>, headers: IncomingHttpHeaders) => void;

export interface AwsJsonServer {
  endpoint: string;
  close(): Promise<void>;
}

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The AWS JSON 1.0 protocol, so the app's real @aws-sdk/client-sfn talks to us unchanged: POST /
 * with `X-Amz-Target: <service>.<Operation>`; errors as HTTP 400 `{"__type", "message"}`, from which
 * the SDK names its exception (`TaskTimedOut`, `InvalidToken`…). Binds 127.0.0.1 only.
 */
export async function serveAwsJson(options: { port: number; service: string; operations: Record<string, Operation>; authorize?: Authorize }): Promise<AwsJsonServer> {
  const server = createServer((request, response) => {
    void handle(request, response, options);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  { service, operations, authorize }: { service: string; operations: Record<string, Operation>; authorize?: Authorize },
): Promise<void> {
  try {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operationName = target.startsWith(`${service}.`) ? target.slice(service.length + 1) : '';
    const operation = request.method === 'POST' && Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
    const body = await readBody(request);
    if (!operation) throw new StepFunctionsServiceError('UnknownOperationException', `Unknown operation ${target}`);
    let parsed: unknown;
    try {
      parsed = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      throw new StepFunctionsServiceError('SerializationException', 'The request body is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new StepFunctionsServiceError('SerializationException', 'The request body must be a JSON object');
    }
    authorize?.(operationName, parsed as Record<string, unknown>, request.headers);
    debugLog(`${operationName}`);
    send(response, 200, await operation(parsed as Record<string, unknown>));
  } catch (error) {
    if (error instanceof StepFunctionsServiceError) {
      debugLog(`answered ${error.code}`);
      send(response, 400, { __type: error.code, message: error.message }, error.code);
    } else {
      // Name only: a message could quote request data.
      debugLog(`internal error ${error instanceof Error ? error.name : 'unknown'}`);
      send(response, 500, { __type: 'InternalFailure', message: 'The local Step Functions endpoint failed' }, 'InternalFailure');
    }
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new StepFunctionsServiceError('ValidationException', 'The request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: object, errorType?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(text);
}
