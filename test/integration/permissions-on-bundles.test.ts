import { describe, expect, it } from 'vitest';
import { policiesWithout, tableKeys } from '../support/permissions.ts';
import { proposalBody } from '../support/proposals.ts';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * As permissions.test.ts, with each function's deployed bundle in a worker of its own, signing its
 * calls with its own role's credentials (infra/local/permissions/caller-identity.ts).
 */

const fixture = useLocalStack({ lambdaBundles: true, rolePolicies: policiesWithout({ 'create-proposal': 'dynamodb:PutItem', health: 'states:DescribeStateMachine' }) });

describe('a function whose role lacks a grant, each bundle in its own worker', () => {
  it('is refused by the table and the workflow endpoint, and nothing is stored', async () => {
    const before = await tableKeys(fixture);
    expect((await fixture.api.post('/api/proposals', proposalBody(), 'court.officer')).status).toBe(500);
    expect(await tableKeys(fixture)).toEqual(before);
    expect(await fixture.api.get('/health')).toMatchObject({ status: 503, body: { dependencies: { table: 'UP', workflow: 'DOWN' } } });
  });
});
