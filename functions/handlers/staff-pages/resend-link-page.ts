import { pathParameter } from '#runtime/http-handler';
import { resendLink } from '#proposals/resend-link';
import { readFormBody } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { staffPage } from '#pages/staff-page';
import { resendFromForm } from '#pages/staff/action-forms';
import { proposalPageAction } from '#pages/staff/render-proposal';

/** POST /proposals/{proposalId}/checks/{checkId}/resend: "Send the link again" on the proposal page. */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  const checkId = pathParameter(event, 'checkId');
  const fields = readFormBody(event);
  return proposalPageAction(context, proposalId, { fields, prefix: `resend-${checkId}-`, names: [], done: 'resent', anchor: `resend-${checkId}` }, () =>
    resendLink(context.user, proposalId, checkId, resendFromForm(fields)),
  );
});
