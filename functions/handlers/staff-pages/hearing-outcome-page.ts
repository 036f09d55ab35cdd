import { unansweredChecks } from '#domain/adjournment';
import { ConflictError, ValidationError } from '#runtime/errors';
import { pathParameter } from '#runtime/http-handler';
import { recordHearingOutcome } from '#proposals/record-hearing-outcome';
import { viewProposal } from '#proposals/view-proposal';
import { seeOther } from '#runtime/redirect';
import { readFormBody, type FormFields } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage, type StaffPageContext } from '#pages/staff-page';
import { formErrors, formMessage, prefixedPlaces, type FormErrors } from '#pages/staff/form-errors';
import { outcomeFromForm, outcomePageView } from '#pages/staff/hearing-views';

async function render(context: StaffPageContext, proposalId: string, fields?: FormFields, errors?: FormErrors, statusCode = 200) {
  const { proposal, checks } = await viewProposal(context.user, proposalId);
  const view = outcomePageView(proposal, { unanswered: unansweredChecks(checks), ...(fields === undefined ? {} : { fields }), ...(errors === undefined ? {} : { errors }) });
  return renderPage('staff/hearing-outcome.njk', { ...context, view }, { statusCode });
}

/**
 * GET and POST /proposals/{proposalId}/outcome: the officer records what the court decided; adjourned
 * asks for the new date on the same form (same rules as the API: ADR 0024).
 */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  if (event.requestContext.http.method !== 'POST') {
    return render(context, proposalId);
  }
  const fields = readFormBody(event);
  try {
    const recorded = await recordHearingOutcome(context.user, proposalId, outcomeFromForm(fields));
    return seeOther(`/proposals/${encodeURIComponent(proposalId)}?done=${recorded.proposal.hearingOutcome === undefined ? 'adjourned' : 'outcome'}`);
  } catch (error) {
    if (error instanceof ValidationError) {
      return render(context, proposalId, fields, formErrors(error.fields, prefixedPlaces('', { hearingDate: 'hearingDate-day' })), 400);
    }
    if (error instanceof ConflictError) {
      return render(context, proposalId, fields, formMessage(error.message, 'outcome'), 409);
    }
    throw error;
  }
});
