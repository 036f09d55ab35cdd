import { pathParameter } from '#runtime/http-handler';
import { withdrawProposal } from '#proposals/withdraw-proposal';
import { readFormBody } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { staffPage } from '#pages/staff-page';
import { withdrawalFromForm } from '#pages/staff/action-forms';
import { proposalPageAction } from '#pages/staff/render-proposal';

/** POST /proposals/{proposalId}/withdraw: the withdraw form on the proposal page (same rules as the API). */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  const fields = readFormBody(event);
  return proposalPageAction(context, proposalId, { fields, prefix: 'withdraw-', names: ['reason'], done: 'withdrawn' }, () =>
    withdrawProposal(context.user, proposalId, withdrawalFromForm(fields)),
  );
});
