import { loadExistingProposal } from '#store/proposal-store';
import { keepTaskTokenOrComplete } from './keep-task-token.ts';

const statusAwaited = { DECISION: 'AWAITING_DECISION', COUNTERSIGNATURE: 'AWAITING_COUNTERSIGN' } as const;

/**
 * The workflow waits for a person: the officer's decision, or the senior probation officer's
 * countersignature. Keeps the task token on the proposal while the proposal is at that stage;
 * if it has already moved on (a replay, or a decision recorded during a timeout), completes the
 * task at once with the status reached.
 */
export async function waitForOfficer(proposalId: string, stage: keyof typeof statusAwaited, taskToken: string): Promise<'WAITING' | 'COMPLETED_FROM_STORED_STATUS'> {
  const outcome = await keepTaskTokenOrComplete({ kind: 'STAGE', proposalId, awaitedStatus: statusAwaited[stage] }, taskToken, async () => {
    const { proposal } = await loadExistingProposal(proposalId);
    return { proposalId, status: proposal.status };
  });
  return outcome === 'KEPT' ? 'WAITING' : 'COMPLETED_FROM_STORED_STATUS';
}
