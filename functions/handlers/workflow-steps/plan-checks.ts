import * as z from 'zod';
import { isFinal } from '#domain/statuses';
import { decideWake, reminderPoints } from '#domain/reminders';
import { now } from '#runtime/clock';
import type { CheckItem } from '#store/items';
import { loadExistingProposal } from '#store/proposal-store';
import { workflowHandler } from '#runtime/workflow-handler';
import { workflowHasStarted } from '#proposals/pending-starts';

/** What one check branch of the workflow carries: ids and a number of seconds, nothing personal. */
function checkPlan(proposalId: string, check: CheckItem, at: Date) {
  const dueAt = new Date(check.dueAt);
  const decision = decideWake({ dueAt, now: at, status: check.status, points: reminderPoints(dueAt), ...(check.requestedAt === undefined ? {} : { requestedAt: new Date(check.requestedAt) }) });
  // Something is already due (a replay after a stop): wake almost at once and let the timeout step do it.
  const waitSeconds = decision.action === 'WAIT' ? decision.waitSeconds : 1;
  return { proposalId, checkId: check.checkId, waitSeconds };
}

/**
 * First workflow step, also on every replay: removes the proposal's "start my workflow" marker (the
 * workflow has started), reads the proposal and tells the workflow which checks to wait for and for
 * how long. A closed proposal (withdrawn or decided) has nothing to run.
 */
export const handler = workflowHandler(z.object({ proposalId: z.string().min(1) }), async ({ proposalId }) => {
  await workflowHasStarted(proposalId);
  const { proposal, checks } = await loadExistingProposal(proposalId);
  if (isFinal(proposal.status)) {
    return { proposalId, open: false };
  }
  const at = now();
  const ofType = (type: CheckItem['type']) => checks.filter((check) => check.type === type);
  const [domesticAbuse] = ofType('DOMESTIC_ABUSE');
  const [childSafeguarding] = ofType('CHILD_SAFEGUARDING');
  if (domesticAbuse === undefined || childSafeguarding === undefined) {
    throw new Error(`Proposal ${proposalId} is missing an agency check`);
  }
  return {
    proposalId,
    open: true,
    noOtherAdults: proposal.noOtherAdults,
    domesticAbuse: checkPlan(proposalId, domesticAbuse, at),
    childSafeguarding: checkPlan(proposalId, childSafeguarding, at),
    residents: ofType('RESIDENT_CONSENT').map((check) => checkPlan(proposalId, check, at)),
  };
});
