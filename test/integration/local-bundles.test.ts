import { describe, expect, it } from 'vitest';
import { functionRegistry, type FunctionDefinition } from '#infra/function-registry';
import { localEnvironmentOf } from '../../infra/local/local-bundle-runner.ts';
import { consent, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * The local stack on the deployed bundles (docs/decisions/0015-local-stack-parity.md): each
 * function in a worker thread of its own, with only its own variable names. A whole journey runs
 * through them (routes, sign-in, the workflow's steps and its task callbacks), and no function is
 * given a variable that another function's registry entry asks for.
 */

const { api } = useLocalStack({ lambdaBundles: true });

function definitionNamed(name: string): FunctionDefinition {
  const definition = functionRegistry.find((candidate) => candidate.name === name);
  if (definition === undefined) throw new Error(`No function named ${name}`);
  return definition;
}

describe('each function on the local stack gets its own environment, as its template would', () => {
  // Everything the local stack sets, as if in its process.
  const stackEnvironment = {
    TABLE_NAME: 'curfew-checks',
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    STATE_MACHINE_ARN: 'arn:aws:states:eu-west-2:000000000000:stateMachine:curfew-checks',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
    OIDC_ISSUER: 'http://127.0.0.1:3001',
    OIDC_CLIENT_ID: 'local',
    OIDC_AUDIENCE: 'local',
    SESSION_COOKIE_SECURE: 'false',
    NOTIFY_CALLBACK_BEARER_TOKEN: 'a-callback-token-of-some-length',
    HOME: '/home/someone',
  };

  it('a workflow step has the table and the workflow, and none of the sign-in, cookie or Notify settings, nor anything else of the process', () => {
    const environment = localEnvironmentOf(definitionNamed('plan-checks'), stackEnvironment);
    expect(environment).toMatchObject({ TABLE_NAME: 'curfew-checks', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' });
    for (const absent of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'SESSION_COOKIE_SECURE', 'NOTIFY_CALLBACK_BEARER_TOKEN', 'HOME']) expect(environment).not.toHaveProperty(absent);
  });

  it('a staff page has the sign-in and cookie settings its registry entry names', () => {
    const environment = localEnvironmentOf(definitionNamed('home-page'), stackEnvironment);
    expect(environment).toMatchObject({ OIDC_ISSUER: 'http://127.0.0.1:3001', SESSION_COOKIE_SECURE: 'false' });
    expect(environment).not.toHaveProperty('NOTIFY_CALLBACK_BEARER_TOKEN');
  });

  it("runs as its own role: the credentials name the function, as a role's session would", () => {
    const [planChecks, homePage] = [localEnvironmentOf(definitionNamed('plan-checks'), stackEnvironment), localEnvironmentOf(definitionNamed('home-page'), stackEnvironment)];
    expect(planChecks['AWS_ACCESS_KEY_ID']).toMatch(/PLANCHECKS/);
    expect(homePage['AWS_ACCESS_KEY_ID']).toMatch(/HOMEPAGE/);
  });
});

describe('a whole journey on the bundles', () => {
  it('starts the checks, sends the three requests, takes the three answers and reaches the decision', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);

    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(200);
    expect((await api.answer(requests.childrensServices.url ?? '', notKnown)).status).toBe(200);
    expect((await api.answer(requests.residents[0]?.url ?? '', consent)).status).toBe(200);

    const awaiting = await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    expect(awaiting.checks.every((check) => check.status === 'RESPONDED')).toBe(true);
  });

  it('reports health with the table and the workflow up', async () => {
    expect(await api.get('/health')).toEqual({ status: 200, body: { status: 'UP', dependencies: { table: 'UP', workflow: 'UP' } } });
  });
});
