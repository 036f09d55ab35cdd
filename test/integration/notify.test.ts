import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { localTemplateIds } from '#notify/templates';
import { eventually, type OutboxMessage } from '../support/api-client.ts';
import { startFakeNotifyServer, type FakeNotifyServer } from '../support/fake-notify-server.ts';
import { requestsFor, startChecks, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { proposalBody } from '../support/proposals.ts';

/**
 * GOV.UK Notify delivery end to end: the local stack with a fake Notify server, the real handlers,
 * the real `notifications-node-client`, and the dispatcher timer that stands in for the stream.
 */
type Delivered = OutboxMessage & { deliveryStatus: string; attempts?: number; notificationId?: string; lastFailure?: string };
type CheckWithProblem = { checkId: string; type: string; residentId?: string; deliveryProblem?: { messageId: string; status: string; at: string } };

const callbackBearerToken = `callback-${randomUUID()}`;
let fake: FakeNotifyServer;

// Before the stack starts, and stopped after it stops (hooks run as a stack).
beforeAll(async () => {
  fake = await startFakeNotifyServer();
  // Retries after 100–200 ms instead of 5–10 s, so backoff can be seen in a test.
  process.env.NOTIFY_RETRY_BASE_MS = '200';
});

afterAll(async () => {
  await fake?.stop();
  delete process.env.NOTIFY_RETRY_BASE_MS;
});

const { stack, api, table } = useLocalStack(() => ({ notify: { baseUrl: fake.url, apiKey: fake.key.apiKey, callbackBearerToken } }));

async function outboxEntry(id: string): Promise<Delivered | undefined> {
  return ((await api.outbox()) as Delivered[]).find((message) => message.id === id);
}

/** Waits until a message reaches a delivery status. */
function deliveryStatusBecomes(id: string, status: string): Promise<Delivered> {
  return eventually(async () => {
    const entry = await outboxEntry(id);
    return entry?.deliveryStatus === status ? entry : undefined;
  }, `message ${id} to become ${status}`);
}

/** The outbox item as it is stored, as an operator reading the table would see it. */
async function storedItem(id: string): Promise<Record<string, unknown>> {
  const { Item } = await table().send(new GetCommand({ TableName: stack.tableName, Key: { pk: 'OUTBOX', sk: `MSG#${id}` } }));
  if (Item === undefined) throw new Error(`No outbox item ${id}`);
  return Item;
}

/** Outbox items expire (DynamoDB TTL) 90 days after the message was written. */
const keptSeconds = 90 * 24 * 3600;

function callback(body: object, token = callbackBearerToken) {
  return api.call<{ result?: string; error?: string }>('POST', '/notify/callback', { body, headers: { authorization: `Bearer ${token}` } });
}

function receipt(message: Delivered, status: string) {
  const at = new Date().toISOString();
  return { id: message.notificationId, reference: message.id, to: message.to, status, created_at: at, completed_at: at, sent_at: at, notification_type: 'email' };
}

describe('sending the requests', () => {
  it('emails each agency once and messages each resident once, with the right template, a signed token, the message id as reference and the full link', async () => {
    // Prepare
    const residents = [
      { fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' },
      { fullName: 'Jo Lodger', relationship: 'FRIEND', mobile: '07700 900123', language: 'en' },
    ];

    // Act
    const proposalId = await startChecks(api, proposalBody({ residents }));
    const requests = await requestsFor(api, proposalId, 4);
    const delivered = await Promise.all(requests.all.map((message) => deliveryStatusBecomes(message.id, 'SENT')));

    // Assess: exactly one accepted send per message, each as the template for its reader expects.
    const expected = [
      { message: requests.police, path: '/v2/notifications/email', field: 'email_address', templateId: localTemplateIds.REQUEST.AGENCY_EMAIL, to: requests.police.to },
      { message: requests.childrensServices, path: '/v2/notifications/email', field: 'email_address', templateId: localTemplateIds.REQUEST.AGENCY_EMAIL, to: requests.childrensServices.to },
      ...requests.residents.map((message) =>
        message.to.includes('@')
          ? { message, path: '/v2/notifications/email', field: 'email_address', templateId: localTemplateIds.REQUEST.RESIDENT_EMAIL, to: 'alex@example.org' }
          : { message, path: '/v2/notifications/sms', field: 'phone_number', templateId: localTemplateIds.REQUEST.RESIDENT_SMS, to: '07700900123' },
      ),
    ];
    expect(expected).toHaveLength(4);
    for (const { message, path, field, templateId, to } of expected) {
      const sends = fake.sendsWithReference(message.id);
      expect(sends, message.id).toHaveLength(1);
      const [send] = sends;
      expect(send).toMatchObject({ path, status: 201, validJwt: true, body: { template_id: templateId, [field]: to, reference: message.id } });
      expect((send?.body?.personalisation as Record<string, string>).link).toBe(message.url);
      expect(message.url).toMatch(new RegExp(`^${stack.url}/r/[A-Za-z0-9_-]{43}$`));
      const notification = fake.notifications.find((candidate) => candidate.reference === message.id);
      expect(delivered.find((entry) => entry.id === message.id)?.notificationId).toBe(notification?.id);
    }
    for (const message of requests.residents) {
      const personalisation = JSON.stringify(fake.sendsWithReference(message.id)[0]?.body?.personalisation);
      expect(personalisation).not.toMatch(/Sam|Example|B01LY00/);
      expect(Object.keys(JSON.parse(personalisation) as object).sort()).toEqual(['due_date', 'link']);
    }
    expect(fake.sendsWithReference(requests.police.id)[0]?.body?.personalisation).toMatchObject({ court_code: 'B01LY00', enquiry: 'domestic abuse enquiry' });
    expect(fake.received.every((request) => request.validJwt)).toBe(true);
  });

  it('the fake refuses a token not signed with the key, in Notify\'s error shape', async () => {
    const response = await fetch(`${fake.url}/v2/notifications/email`, { method: 'POST', headers: { authorization: 'Bearer not.a.jwt', 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ status_code: 403, errors: [{ error: 'AuthError', message: expect.any(String) }] });
  });
});

describe('when Notify fails', () => {
  it('retries after a 429 and a 500 with backoff, looks the reference up before resending, and delivers once', async () => {
    fake.failNextSends([429, 500], { to: 'retry@example.org' });
    const proposalId = await startChecks(api, proposalBody({ residents: [{ fullName: 'Riley Retry', relationship: 'PARENT', email: 'retry@example.org', language: 'en' }] }));
    const [request] = (await requestsFor(api, proposalId, 3)).residents;
    if (request === undefined) throw new Error('no resident request');

    const sent = await deliveryStatusBecomes(request.id, 'SENT');

    expect(sent.attempts).toBe(2);
    expect(fake.sendsWithReference(request.id).map((send) => send.status)).toEqual([429, 500, 201]);
    expect(fake.notifications.filter((notification) => notification.reference === request.id)).toHaveLength(1);
    expect(fake.received.filter((call) => call.method === 'GET' && call.query.reference === request.id)).toHaveLength(1);
  });

  it('fails a message Notify rejects (400) permanently at once, and shows the problem on the check', async () => {
    fake.rejectAddress('bounce@example.org');
    const proposalId = await startChecks(api, proposalBody({ residents: [{ fullName: 'Bo Bounce', relationship: 'PARENT', email: 'bounce@example.org', language: 'en' }] }));
    const [request] = (await requestsFor(api, proposalId, 3)).residents;
    if (request === undefined) throw new Error('no resident request');

    const failed = await deliveryStatusBecomes(request.id, 'PERMANENT_FAILURE');

    expect(failed).toMatchObject({ attempts: 1, lastFailure: 'REJECTED' });
    expect(fake.sendsWithReference(request.id).map((send) => send.status)).toEqual([400]);
    const view = await viewOf(api, proposalId);
    const check = (view.checks as CheckWithProblem[]).find((candidate) => candidate.type === 'RESIDENT_CONSENT');
    expect(check?.deliveryProblem).toEqual({ messageId: request.id, status: 'PERMANENT_FAILURE', at: expect.any(String) });
    expect(JSON.stringify(check?.deliveryProblem)).not.toContain('bounce@example.org');
    // Final: the address and the link are no longer kept.
    const stored = JSON.stringify(await storedItem(request.id));
    expect(stored).not.toContain('bounce@example.org');
    expect(stored).not.toContain(request.url ?? 'no link');
  });
});

describe('delivery receipts', () => {
  it('records a permanent failure on the message, shows it on the check and in the audit trail, and a later receipt does not overwrite it', async () => {
    // Prepare
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const sent = await deliveryStatusBecomes(requests.police.id, 'SENT');

    // Act
    const response = await callback(receipt(sent, 'permanent-failure'));

    // Assess
    expect(response).toEqual({ status: 200, body: { result: 'APPLIED' } });
    expect((await outboxEntry(sent.id))?.deliveryStatus).toBe('PERMANENT_FAILURE');
    const view = await viewOf(api, proposalId);
    const police = (view.checks as CheckWithProblem[]).find((check) => check.type === 'DOMESTIC_ABUSE');
    expect(police?.deliveryProblem).toEqual({ messageId: sent.id, status: 'PERMANENT_FAILURE', at: expect.any(String) });
    const trail = await api.get<{ records: { action: string; actor: string; checkId?: string }[] }>(`/api/proposals/${proposalId}/audit`, 'court.officer');
    expect(trail.body.records.filter((record) => record.action === 'MESSAGE_NOT_DELIVERED')).toEqual([expect.objectContaining({ actor: 'NOTIFY', checkId: police?.checkId })]);

    const late = await callback(receipt(sent, 'delivered'));
    expect(late.body).toEqual({ result: 'ALREADY_FINAL' });
    expect((await outboxEntry(sent.id))?.deliveryStatus).toBe('PERMANENT_FAILURE');
  });

  it('records a delivered receipt', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const sent = await deliveryStatusBecomes(requests.childrensServices.id, 'SENT');
    expect((await callback(receipt(sent, 'delivered'))).status).toBe(200);
    expect(await outboxEntry(sent.id)).toMatchObject({ deliveryStatus: 'DELIVERED', notificationId: sent.notificationId });
    expect((await viewOf(api, proposalId)).checks.some((check) => 'deliveryProblem' in check)).toBe(false);
  });

  it('keeps no link, token or address once a message is delivered, only what audit needs, and expires every message after 90 days', async () => {
    // Prepare
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const token = new URL(requests.police.url ?? '').pathname.split('/').at(-1) ?? 'no token';
    const sent = await deliveryStatusBecomes(requests.police.id, 'SENT');
    const expiresAt = Math.floor(Date.parse(sent.sentAt) / 1000) + keptSeconds;
    expect(await storedItem(sent.id)).toMatchObject({ expiresAt, to: requests.police.to, url: requests.police.url });

    // Act
    expect((await callback(receipt(sent, 'delivered'))).body).toEqual({ result: 'APPLIED' });

    // Assess
    const stored = await storedItem(sent.id);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(requests.police.to);
    expect(stored).not.toHaveProperty('url');
    expect(stored).not.toHaveProperty('to');
    expect(stored).toMatchObject({ id: sent.id, kind: 'REQUEST', proposalId, checkType: 'DOMESTIC_ABUSE', deliveryStatus: 'DELIVERED', notificationId: sent.notificationId, sentAt: sent.sentAt, completedAt: expect.any(String), expiresAt });
  });

  it.each([
    ['a wrong bearer token', `wrong-${randomUUID()}`],
    ['no bearer token', undefined],
  ])('answers 401 to %s and changes nothing', async (_what, token) => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const sent = await deliveryStatusBecomes(requests.police.id, 'SENT');
    const before = await viewOf(api, proposalId);

    const response =
      token === undefined
        ? await api.call('POST', '/notify/callback', { body: receipt(sent, 'permanent-failure') })
        : await callback(receipt(sent, 'permanent-failure'), token);

    expect(response.status).toBe(401);
    expect((await outboxEntry(sent.id))?.deliveryStatus).toBe('SENT');
    const after = await viewOf(api, proposalId);
    expect(after.checks.some((check) => 'deliveryProblem' in check)).toBe(false);
    expect(after.events.filter((event) => event.type === 'MESSAGE_NOT_DELIVERED')).toEqual([]);
    expect(after.events.length).toBe(before.events.length + 1); // only the officer's own view of it
  });
});

describe('recovering after a crash', () => {
  // Awaiting delivery, as every message is written (and as a local table's older messages are marked when it gains the undelivered index).
  async function putMessage(fields: Record<string, unknown>): Promise<string> {
    const id = `NEEDS_CONTACT#crash-${randomUUID()}`;
    await table().send(
      new PutCommand({
        TableName: stack.tableName,
        Item: { pk: 'OUTBOX', sk: `MSG#${id}`, itemType: 'MESSAGE', awaitingDelivery: 'OUTBOX', id, kind: 'NEEDS_CONTACT', to: 'court.officer@probation.example', proposalId: `p-${randomUUID()}`, checkType: 'RESIDENT_CONSENT', sentAt: new Date().toISOString(), ...fields },
      }),
    );
    return id;
  }

  const stuck = { deliveryStatus: 'SENDING', sendingSince: new Date(Date.now() - 10 * 60_000).toISOString(), claimId: 'crashed-mid-send' };

  it('does not send again a message stuck in SENDING whose reference Notify already has: it records it as SENT', async () => {
    const id = await putMessage(stuck);
    const known = fake.seed({ reference: id });

    const settled = await deliveryStatusBecomes(id, 'SENT');

    expect(settled.notificationId).toBe(known.id);
    expect(fake.sendsWithReference(id)).toEqual([]);
    expect(fake.received.filter((call) => call.method === 'GET' && call.query.reference === id)).toHaveLength(1);
  });

  it('sends, once, a message stuck in SENDING that Notify never received', async () => {
    const id = await putMessage(stuck);
    await deliveryStatusBecomes(id, 'SENT');
    expect(fake.sendsWithReference(id).map((send) => send.status)).toEqual([201]);
  });

  it('sends a message written before delivery existed (no status) as PENDING, once', async () => {
    const id = await putMessage({});
    await deliveryStatusBecomes(id, 'SENT');
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // two more dispatcher runs
    expect(fake.sendsWithReference(id)).toHaveLength(1);
    expect(fake.sendsWithReference(id)[0]?.body).toMatchObject({ template_id: localTemplateIds.NEEDS_CONTACT.OFFICER_EMAIL, personalisation: { check_type: "resident's consent" } });
  });
});
