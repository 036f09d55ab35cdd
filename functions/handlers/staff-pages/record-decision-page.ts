import { pathParameter } from '#runtime/http-handler';
import { recordDecision } from '#proposals/record-decision';
import { readFormBody } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { staffPage } from '#pages/staff-page';
import { decisionFromForm } from '#pages/staff/action-forms';
import { proposalPageAction } from '#pages/staff/render-proposal';

/** POST /proposals/{proposalId}/decision: the decision form on the proposal page (same rules as the API). */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  const fields = readFormBody(event);
  return proposalPageAction(context, proposalId, { fields, prefix: 'decision-', names: ['outcome', 'rationale', 'riskOfSeriousHarm'], done: 'decision' }, () =>
    recordDecision(context.user, proposalId, decisionFromForm(fields)),
  );
});
