import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The local EventBridge: the part of its API the functions use (`PutEvents`, AWS JSON 1.1, `X-Amz-Target:
 * AWSEvents.PutEvents`), so the real @aws-sdk/client-eventbridge talks to it unchanged. It checks
 * each call against the caller's role as AWS would (`authorize`: events:PutEvents on the bus, from
 * infra/local/permissions), answers each entry as EventBridge does (an event id, or an error code
 * with FailedEntryCount), and keeps every accepted event in the shape a rule's target receives,
 * in order. There are no rules, targets, archive or schema registry locally: what differs from AWS
 * is in docs/decisions/0015-local-stack-parity.md. Binds 127.0.0.1 only.
 */

/** The bus the local stack publishes to (the deployed one is `<stack name>-domain-events`). */
export const localEventBusName = 'curfew-checks-domain-events';
const region = 'eu-west-2';
const account = '000000000000';

export function localEventBusArn(name: string = localEventBusName): string {
  return `arn:aws:events:${region}:${account}:event-bus/${name}`;
}

/** An event as a rule's target receives it. */
export interface DeliveredEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** Refuses a call (throws {@link EventBridgeServiceError} `AccessDeniedException`), as IAM would. */
export type AuthorizePutEvents = (headers: IncomingHttpHeaders, busArn: string) => void;

export class EventBridgeServiceError extends Error {
  constructor(
    readonly code: 'AccessDeniedException' | 'ValidationException' | 'UnknownOperationException' | 'SerializationException' | 'InternalException',
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export interface LocalEventBridge {
  endpoint: string;
  busName: string;
  /** Every event accepted, in the order accepted. */
  events(): DeliveredEvent[];
  /**
   * Test hooks, as the bus can behave: refuse the next `count` entries (each answered with
   * `InternalFailure`, counted in FailedEntryCount), or fail whole calls (HTTP 500) until told otherwise.
   */
  refuseNextEntries(count: number): void;
  failCalls(failing: boolean): void;
  /** Checks calls against these roles from now on: a local stack started on this bus (again, after a restart) sets its own. */
  authorizeWith(authorize: AuthorizePutEvents | undefined): void;
  close(): Promise<void>;
}

const maxEntriesPerCall = 10;
const maxBodyBytes = 1024 * 1024;

export async function startLocalEventBridge(options: { port?: number; busName?: string; authorize?: AuthorizePutEvents } = {}): Promise<LocalEventBridge> {
  const busName = options.busName ?? localEventBusName;
  const accepted: DeliveredEvent[] = [];
  let toRefuse = 0;
  let failing = false;
  let authorize = options.authorize;

  const putEvents = (request: Record<string, unknown>, headers: IncomingHttpHeaders) => {
    const entries = request['Entries'];
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > maxEntriesPerCall) {
      throw new EventBridgeServiceError('ValidationException', `Entries must hold 1 to ${maxEntriesPerCall} entries`);
    }
    // IAM is checked per bus the call names, before any entry is accepted.
    const buses = [...new Set(entries.map((entry) => busArnOf((entry as Record<string, unknown>)['EventBusName'])))];
    for (const busArn of buses) authorize?.(headers, busArn);
    const answers = entries.map((raw) => {
      const entry = raw as Record<string, unknown>;
      if (busArnOf(entry['EventBusName']) !== localEventBusArn(busName)) return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus does not exist' };
      if (typeof entry['Source'] !== 'string' || typeof entry['DetailType'] !== 'string') return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source and DetailType are required' };
      const detail = parseDetail(entry['Detail']);
      if (detail === undefined) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed' };
      if (toRefuse > 0) {
        toRefuse -= 1;
        return { ErrorCode: 'InternalFailure', ErrorMessage: 'The local bus was told to refuse this entry' };
      }
      const event: DeliveredEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry['DetailType'],
        source: entry['Source'],
        account,
        // As EventBridge writes it: whole seconds, UTC.
        time: timeOf(entry['Time']),
        region,
        resources: [],
        detail,
      };
      accepted.push(event);
      return { EventId: event.id };
    });
    return { FailedEntryCount: answers.filter((answer) => 'ErrorCode' in answer).length, Entries: answers };
  };

  const server = createServer((request, response) => {
    void handle(request, response, () => failing, putEvents);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    busName,
    events: () => [...accepted],
    refuseNextEntries: (count) => {
      toRefuse = count;
    },
    failCalls: (value) => {
      failing = value;
    },
    authorizeWith: (value) => {
      authorize = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A bus named by name or ARN (PutEvents takes either); no name is the account's default bus. */
function busArnOf(name: unknown): string {
  if (typeof name !== 'string' || name === '') return localEventBusArn('default');
  return name.startsWith('arn:') ? name : localEventBusArn(name);
}

function parseDetail(detail: unknown): Record<string, unknown> | undefined {
  if (typeof detail !== 'string') return undefined;
  try {
    const parsed = JSON.parse(detail) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The SDK sends `Time` as epoch seconds; EventBridge delivers it as an ISO instant in whole seconds. */
function timeOf(time: unknown): string {
  const date = typeof time === 'number' ? new Date(time * 1000) : new Date();
  return `${date.toISOString().slice(0, 19)}Z`;
}

async function handle(request: IncomingMessage, response: ServerResponse, failing: () => boolean, putEvents: (body: Record<string, unknown>, headers: IncomingHttpHeaders) => object): Promise<void> {
  try {
    const body = await readBody(request);
    if (failing()) throw new EventBridgeServiceError('InternalException', 'The local bus was told to fail calls', 500);
    const target = String(request.headers['x-amz-target'] ?? '');
    if (request.method !== 'POST' || target !== 'AWSEvents.PutEvents') throw new EventBridgeServiceError('UnknownOperationException', `Unknown operation ${target}`);
    let parsed: unknown;
    try {
      parsed = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      throw new EventBridgeServiceError('SerializationException', 'The request body is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new EventBridgeServiceError('SerializationException', 'The request body must be a JSON object');
    send(response, 200, putEvents(parsed as Record<string, unknown>, request.headers));
  } catch (error) {
    if (error instanceof EventBridgeServiceError) {
      send(response, error.status, { __type: error.code, message: error.message }, error.code);
    } else {
      // Name only: a message could quote request data.
      send(response, 500, { __type: 'InternalException', message: 'The local EventBridge failed' }, 'InternalException');
    }
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new EventBridgeServiceError('ValidationException', 'The request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: object, errorType?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text), ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
  response.end(text);
}
