import { afterAll, describe, expect, it } from 'vitest';
import { setClockOffsetForTesting } from '#runtime/clock';
import { requestsFor } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { proposalBody } from '../support/proposals.ts';

const { stack, api } = useLocalStack();

afterAll(() => {
  setClockOffsetForTesting(0);
});

describe('a proposal stored without its workflow', () => {
  it('has its workflow started by the repair a little later, so its checks are still requested', async () => {
    // Loaded now: these modules read the environment the stack has just set.
    const { config } = await import('#runtime/config');
    const { pendingStartsBefore } = await import('#store/pending-starts');
    const settings = config as { stateMachineArn: string | undefined };
    const realArn = settings.stateMachineArn;

    // Prepare: Step Functions refuses the start (a state machine that does not exist), after the proposal is stored,
    // which leaves the same state as a process that stops between the two calls.
    settings.stateMachineArn = `${realArn ?? ''}-missing`;
    const refused = await api.post('/api/proposals', proposalBody(), 'court.officer');
    settings.stateMachineArn = realArn;
    expect(refused.status).toBe(500);
    const [proposalId, ...others] = await pendingStartsBefore(new Date(Date.now() + 3600_000));
    expect(others).toEqual([]);
    expect(proposalId).toBeDefined();

    // Act and assess: not while the request that stored it might still be starting it, then within the next run.
    expect(await stack.runScheduledFunction('start-pending-workflows')).toEqual({ pending: 0, started: 0, ended: 0 });
    setClockOffsetForTesting(60_000);
    expect(await stack.runScheduledFunction('start-pending-workflows')).toEqual({ pending: 1, started: 1, ended: 0 });
    const requests = await requestsFor(api, proposalId ?? '', 3);
    expect(requests.all).toHaveLength(3);
    expect(await stack.runScheduledFunction('start-pending-workflows')).toEqual({ pending: 0, started: 0, ended: 0 });
  });

  it("leaves no marker behind when the workflow starts as usual: its first step removes it", async () => {
    const { pendingStartsBefore } = await import('#store/pending-starts');
    const created = await api.post<{ proposalId: string }>('/api/proposals', proposalBody(), 'court.officer');
    expect(created.status).toBe(201);
    await requestsFor(api, created.body.proposalId, 3);
    expect(await pendingStartsBefore(new Date(Date.now() + 3600_000))).toEqual([]);
    setClockOffsetForTesting(120_000);
    expect(await stack.runScheduledFunction('start-pending-workflows')).toEqual({ pending: 0, started: 0, ended: 0 });
  });
});
