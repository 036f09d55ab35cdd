import { ConflictError, ValidationError } from '#runtime/errors';
import { pathParameter } from '#runtime/http-handler';
import { adjournHearing } from '#proposals/adjourn-hearing';
import { viewProposal } from '#proposals/view-proposal';
import { seeOther } from '#runtime/redirect';
import { readFormBody, type FormFields } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage, type StaffPageContext } from '#pages/staff-page';
import { formErrors, formMessage, prefixedPlaces, type FormErrors } from '#pages/staff/form-errors';
import { adjournmentFromForm, adjournmentPageView } from '#pages/staff/hearing-views';

async function render(context: StaffPageContext, proposalId: string, fields?: FormFields, errors?: FormErrors, statusCode = 200) {
  const { proposal } = await viewProposal(context.user, proposalId);
  const view = adjournmentPageView(proposal, { ...(fields === undefined ? {} : { fields }), ...(errors === undefined ? {} : { errors }) });
  return renderPage('staff/adjourn-hearing.njk', { ...context, view }, { statusCode });
}

/** The summary links each field's message to its first box or radio. */
const adjournmentAnchors = { hearingDate: 'hearingDate-day' };

/**
 * GET and POST /proposals/{proposalId}/adjournment: the officer records that the hearing moved to a
 * new date, and why (same rules as the API: ADR 0024).
 */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  if (event.requestContext.http.method !== 'POST') {
    return render(context, proposalId);
  }
  const fields = readFormBody(event);
  try {
    await adjournHearing(context.user, proposalId, adjournmentFromForm(fields));
    return seeOther(`/proposals/${encodeURIComponent(proposalId)}?done=adjourned`);
  } catch (error) {
    if (error instanceof ValidationError) {
      return render(context, proposalId, fields, formErrors(error.fields, prefixedPlaces('', adjournmentAnchors)), 400);
    }
    if (error instanceof ConflictError) {
      return render(context, proposalId, fields, formMessage(error.message, 'hearingDate-day'), 409);
    }
    throw error;
  }
});
