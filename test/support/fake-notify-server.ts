import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, jwtVerify } from 'jose';

/**
 * A local GOV.UK Notify, speaking its API as `notifications-node-client` uses it, for tests:
 * - POST /v2/notifications/email and /v2/notifications/sms, GET /v2/notifications?reference=…
 * - `Authorization: Bearer <JWT>`, HS256 with the API key's secret, `iss` = the service id and an
 *   `iat` within 30 seconds of now; otherwise 403 AuthError, in Notify's error shape;
 * - body validation (template_id, email_address / phone_number, personalisation, reference),
 *   400 BadRequestError; addresses set with `rejectAddress` are refused like an invalid one;
 * - scripted failures: the next sends (optionally only to one address) answer 429 or 500.
 * It records every request it received. Binds to 127.0.0.1 only.
 */
export interface FakeNotifyKey {
  apiKey: string;
  serviceId: string;
  secret: string;
}

/** A key shaped like Notify's: `{key_name}-{service_id}-{secret}`. */
export function fakeNotifyKey(keyName = 'local_test'): FakeNotifyKey {
  const serviceId = randomUUID();
  const secret = randomUUID();
  return { apiKey: `${keyName}-${serviceId}-${secret}`, serviceId, secret };
}

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Whether the bearer JWT was valid (signature, iss, iat). */
  validJwt: boolean;
  body: Record<string, unknown> | undefined;
  /** What the fake answered. */
  status: number;
}

export interface FakeNotification {
  id: string;
  reference: string | null;
  type: 'email' | 'sms';
  template: { id: string; version: number; uri: string };
  email_address?: string;
  phone_number?: string;
  personalisation: Record<string, unknown>;
  status: string;
  created_at: string;
}

export interface FakeNotifyServer {
  url: string;
  key: FakeNotifyKey;
  received: ReceivedRequest[];
  /** Notifications the fake created (accepted sends, and seeded ones). */
  notifications: FakeNotification[];
  /** The next sends (to `to`, if given) answer these statuses in turn: 429 RateLimitError, 500 Exception. */
  failNextSends(statuses: (429 | 500)[], match?: { to: string }): void;
  /** Sends to this address answer 400 BadRequestError, as Notify does for an invalid address. */
  rejectAddress(to: string): void;
  /** A notification Notify already has (e.g. sent before a crash), found by reference. */
  seed(notification: { reference: string; type?: 'email' | 'sms'; to?: string }): FakeNotification;
  sendsWithReference(reference: string): ReceivedRequest[];
  stop(): Promise<void>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^(?:\+?44|0)7\d{9}$/;

type NotifyError = { status: number; error: string; message: string };

function notifyError(response: ServerResponse, { status, error, message }: NotifyError): number {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ status_code: status, errors: [{ error, message }] }));
  return status;
}

function sendJson(response: ServerResponse, status: number, body: unknown): number {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
  return status;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return 'NOT_JSON';
  }
}

export async function startFakeNotifyServer(key: FakeNotifyKey = fakeNotifyKey()): Promise<FakeNotifyServer> {
  const received: ReceivedRequest[] = [];
  const notifications: FakeNotification[] = [];
  const scripted: { status: 429 | 500; to?: string }[] = [];
  const rejected = new Set<string>();
  const secret = new TextEncoder().encode(key.secret);

  async function jwtIsValid(authorization: string | undefined): Promise<NotifyError | undefined> {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (token === undefined) {
      return { status: 403, error: 'AuthError', message: 'Unauthorized: authentication token must be provided' };
    }
    try {
      const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: key.serviceId });
      if (typeof payload.iat !== 'number' || Math.abs(Date.now() / 1000 - payload.iat) > 30) {
        return { status: 403, error: 'AuthError', message: 'Error: Your system clock must be accurate to within 30 seconds' };
      }
      return undefined;
    } catch {
      const issuer = (() => {
        try {
          return decodeJwt(token).iss;
        } catch {
          return undefined;
        }
      })();
      return { status: 403, error: 'AuthError', message: issuer === key.serviceId ? 'Invalid token: API key not found' : 'Invalid token: service not found' };
    }
  }

  function validate(type: 'email' | 'sms', body: unknown): { problem: string } | { to: string; body: Record<string, unknown> } {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { problem: 'Invalid JSON supplied in POST data' };
    }
    const record = body as Record<string, unknown>;
    if (typeof record.template_id !== 'string' || !uuidPattern.test(record.template_id)) {
      return { problem: 'template_id is not a valid UUID' };
    }
    const field = type === 'email' ? 'email_address' : 'phone_number';
    const to = record[field];
    if (typeof to !== 'string' || to === '') {
      return { problem: `${field} is a required property` };
    }
    if (type === 'email' ? !emailPattern.test(to) || rejected.has(to) : !phonePattern.test(to.replace(/\s+/g, '')) || rejected.has(to)) {
      return { problem: type === 'email' ? 'email_address Not a valid email address' : 'phone_number Not a UK mobile number' };
    }
    if (record.personalisation !== undefined && (typeof record.personalisation !== 'object' || record.personalisation === null || Array.isArray(record.personalisation))) {
      return { problem: 'personalisation is not of type object' };
    }
    if (record.reference !== undefined && typeof record.reference !== 'string') {
      return { problem: 'reference is not of type string' };
    }
    return { to, body: record };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake-notify');
    const method = request.method ?? 'GET';
    const body = method === 'POST' ? await readJson(request) : undefined;
    const entry: ReceivedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      validJwt: false,
      body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined,
      status: 0,
    };
    received.push(entry);
    const authProblem = await jwtIsValid(request.headers.authorization);
    entry.validJwt = authProblem === undefined;
    if (authProblem !== undefined) {
      entry.status = notifyError(response, authProblem);
      return;
    }
    const sendType = method === 'POST' && url.pathname === '/v2/notifications/email' ? 'email' : method === 'POST' && url.pathname === '/v2/notifications/sms' ? 'sms' : undefined;
    if (sendType !== undefined) {
      const to = entry.body?.[sendType === 'email' ? 'email_address' : 'phone_number'];
      const failureIndex = scripted.findIndex((failure) => failure.to === undefined || failure.to === to);
      if (failureIndex >= 0) {
        const [failure] = scripted.splice(failureIndex, 1);
        entry.status = notifyError(
          response,
          failure?.status === 429
            ? { status: 429, error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds' }
            : { status: 500, error: 'Exception', message: 'Internal server error' },
        );
        return;
      }
      const valid = validate(sendType, body);
      if ('problem' in valid) {
        entry.status = notifyError(response, { status: 400, error: 'BadRequestError', message: valid.problem });
        return;
      }
      const notification = create(sendType, valid.to, valid.body);
      entry.status = sendJson(response, 201, {
        id: notification.id,
        reference: notification.reference,
        content: sendType === 'email' ? { body: 'Fake body', subject: 'Fake subject', from_email: 'fake@notifications.service.gov.uk' } : { body: 'Fake body', from_number: 'GOVUK' },
        uri: `${fakeUrl}/v2/notifications/${notification.id}`,
        template: notification.template,
      });
      return;
    }
    if (method === 'GET' && url.pathname === '/v2/notifications') {
      const reference = url.searchParams.get('reference');
      const found = notifications.filter((notification) => reference === null || notification.reference === reference);
      entry.status = sendJson(response, 200, {
        notifications: found.map((notification) => ({ ...notification, body: 'Fake body', is_cost_data_ready: false })),
        links: { current: `${fakeUrl}/v2/notifications${url.search}` },
      });
      return;
    }
    entry.status = notifyError(response, { status: 404, error: 'NotFoundError', message: 'Not found' });
  }

  function create(type: 'email' | 'sms', to: string, body: Record<string, unknown>): FakeNotification {
    const templateId = String(body.template_id ?? randomUUID());
    const notification: FakeNotification = {
      id: randomUUID(),
      reference: typeof body.reference === 'string' ? body.reference : null,
      type,
      template: { id: templateId, version: 1, uri: `${fakeUrl}/v2/template/${templateId}` },
      ...(type === 'email' ? { email_address: to } : { phone_number: to }),
      personalisation: (body.personalisation as Record<string, unknown> | undefined) ?? {},
      status: 'created',
      created_at: new Date().toISOString(),
    };
    notifications.push(notification);
    return notification;
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) notifyError(response, { status: 500, error: 'Exception', message: 'Internal server error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const fakeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: fakeUrl,
    key,
    received,
    notifications,
    failNextSends(statuses, match) {
      scripted.push(...statuses.map((status) => ({ status, ...(match === undefined ? {} : { to: match.to }) })));
    },
    rejectAddress(to) {
      rejected.add(to);
    },
    seed({ reference, type = 'email', to = 'seeded@example.org' }) {
      return create(type, to, { template_id: randomUUID(), reference, ...(type === 'email' ? { email_address: to } : { phone_number: to }) });
    },
    sendsWithReference(reference) {
      return received.filter((request) => request.method === 'POST' && request.body?.reference === reference);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
