import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack.ts';
import { apiClient } from '../support/api-client.ts';
import { consent, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';

let dynamoDb: DynamoDbLocal;
let stack: LocalStack | undefined;

beforeAll(async () => {
  dynamoDb = await startDynamoDbLocal();
});

afterAll(async () => {
  await stack?.stop();
  await dynamoDb?.stop();
});

describe('stopping the local stack in the middle of a journey', () => {
  it('keeps the answers given, sends nothing twice, and finishes the journey after a restart', async () => {
    // Prepare: a proposal with one answer in.
    stack = await startLocalStack({ dynamoDbEndpoint: dynamoDb.endpoint, logLevel: 'SILENT' });
    const { url } = stack;
    const port = Number(new URL(url).port);
    const stepFunctionsPort = Number(new URL(stack.stepFunctionsEndpoint).port);
    const oidcPort = Number(new URL(stack.oidcIssuer).port);
    let api = apiClient(url);
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(200);

    // Act: stop everything, start again on the same data.
    await stack.stop();
    stack = await startLocalStack({ dynamoDbEndpoint: dynamoDb.endpoint, port, stepFunctionsPort, oidcPort, logLevel: 'SILENT' });
    api = apiClient(stack.url);

    // Assess
    const view = await viewOf(api, proposalId);
    expect(view.checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.status).toBe('RESPONDED');
    expect((await api.answer(requests.childrensServices.url ?? '', notKnown)).status).toBe(200);
    expect((await api.answer(requests.residents[0]?.url ?? '', consent)).status).toBe(200);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');

    // Stop again while the workflow waits for the decision, then decide after the restart.
    await stack.stop();
    stack = await startLocalStack({ dynamoDbEndpoint: dynamoDb.endpoint, port, stepFunctionsPort, oidcPort, logLevel: 'SILENT' });
    api = apiClient(stack.url);
    const decided = await api.post<{ status: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', rationale: 'All clear' }, 'court.officer');
    expect(decided.body.status).toBe('SUITABLE');

    const messages = (await api.outbox()).filter((message) => message.proposalId === proposalId);
    expect(messages).toHaveLength(3);
    expect(new Set(messages.map((message) => message.url)).size).toBe(3);
  });
});
