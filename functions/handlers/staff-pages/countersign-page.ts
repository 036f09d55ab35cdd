import { ConflictError, ValidationError } from '#runtime/errors';
import { pathParameter } from '#runtime/http-handler';
import { countersignDecision } from '#proposals/countersign-decision';
import { viewProposal } from '#proposals/view-proposal';
import { seeOther } from '#runtime/redirect';
import { readFormBody } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage, type StaffPageContext } from '#pages/staff-page';
import { countersignFromForm, valuesWithPrefix } from '#pages/staff/action-forms';
import { formErrors, formMessage, prefixedPlaces, type FormErrors } from '#pages/staff/form-errors';
import { countersignView } from '#pages/staff/report-views';
import { staffNamesFor } from '#pages/staff/staff-names';

async function render(context: StaffPageContext, proposalId: string, errors?: FormErrors, values?: Record<string, string>, statusCode = 200) {
  const { proposal, checks } = await viewProposal(context.user, proposalId);
  const staffName = await staffNamesFor({ proposal, checks });
  const view = countersignView(proposal, checks, { viewerId: context.user.id, staffName, ...(errors === undefined ? {} : { errors }), ...(values === undefined ? {} : { values }) });
  return renderPage('staff/countersign.njk', { ...context, view }, { statusCode });
}

/**
 * GET and POST /proposals/{proposalId}/countersign: a senior probation officer agrees or disagrees
 * with a suitable decision made despite a concern (same rules as the API).
 */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['SENIOR_PROBATION_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  if (event.requestContext.http.method !== 'POST') {
    return render(context, proposalId);
  }
  const fields = readFormBody(event);
  const values = valuesWithPrefix(fields, 'countersign-', ['agree', 'comment']);
  try {
    const countersigned = await countersignDecision(context.user, proposalId, countersignFromForm(fields));
    return seeOther(`/queue?done=${countersigned.proposal.status === 'AWAITING_DECISION' ? 'returned' : 'countersigned'}`);
  } catch (error) {
    if (error instanceof ValidationError) {
      return render(context, proposalId, formErrors(error.fields, prefixedPlaces('countersign-')), values, 400);
    }
    if (error instanceof ConflictError) {
      return render(context, proposalId, formMessage(error.message, 'countersign-agree'), values, 409);
    }
    throw error;
  }
});
