import { pathParameter } from '#runtime/http-handler';
import { changeRecipient } from '#proposals/change-recipient';
import { readFormBody } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { staffPage } from '#pages/staff-page';
import { contactFromForm } from '#pages/staff/action-forms';
import { proposalPageAction } from '#pages/staff/render-proposal';

/** POST /proposals/{proposalId}/residents/{residentId}/contact: "Change contact details" on the proposal page. */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  const residentId = pathParameter(event, 'residentId');
  const fields = readFormBody(event);
  return proposalPageAction(context, proposalId, { fields, prefix: `contact-${residentId}-`, names: ['email', 'mobile'], done: 'contact' }, () =>
    changeRecipient(context.user, proposalId, residentId, contactFromForm(fields)),
  );
});
