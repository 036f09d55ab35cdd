import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTemplateIds } from '#notify/templates';
import { eventually } from '../support/api-client.ts';
import { startFakeNotifyServer, type FakeNotifyServer } from '../support/fake-notify-server.ts';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { proposalBody, refusal } from '../support/proposals.ts';

/** The notices of ADR 0016 reach GOV.UK Notify (a fake one here) like every other message. */
let fake: FakeNotifyServer;

beforeAll(async () => {
  fake = await startFakeNotifyServer();
});

afterAll(async () => {
  await fake?.stop();
});

const { api } = useLocalStack(() => ({ notify: { baseUrl: fake.url, apiKey: fake.key.apiKey, callbackBearerToken: `callback-${randomUUID()}` } }));

describe('the recipients of requests stopped by a refusal', () => {
  it('are each sent a notice through Notify, with which enquiry it was for an agency and nothing about why', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    expect((await api.answer(requests.residents[0]?.url ?? '', refusal)).status).toBe(200);

    const notices = await eventually(async () => {
      const sent = fake.notifications.filter((notification) => notification.reference?.startsWith('NO_LONGER_NEEDED#'));
      return sent.length === 2 ? sent : undefined;
    }, 'both agencies to be told');
    const police = notices.find((notification) => notification.personalisation['enquiry'] === 'domestic abuse enquiry');
    expect(police).toMatchObject({ template: { id: localTemplateIds.NO_LONGER_NEEDED.AGENCY_EMAIL }, personalisation: { court_code: 'B01LY00' } });
    expect(JSON.stringify(notices)).not.toMatch(/refus|consent/i);
  });
});
