import { pathParameter } from '#runtime/http-handler';
import { field, readFormBody } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { staffPage } from '#pages/staff-page';
import { formErrors } from '#pages/staff/form-errors';
import { parseRestrictedReason } from '#pages/staff/proposal-sections';
import { renderProposalPage } from '#pages/staff/render-proposal';

/**
 * GET /proposals/{proposalId}: each check, who answered and how, and the actions that fit the
 * proposal's state. Senior probation officers see it read only.
 *
 * POST /proposals/{proposalId}/restricted: the same page with the restricted answers, for a reason
 * given in the form (CSRF-checked by staffPage, audited as the JSON view audits it). Never by GET:
 * a reason in the address would stay in browser history and logs, and Back or refresh would show
 * the restricted text again. Every page is sent `no-store`, so the browser keeps no copy of it.
 */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  if (event.requestContext.http.method !== 'POST') {
    const done = event.queryStringParameters?.done;
    return renderProposalPage(context, proposalId, done === undefined ? {} : { done });
  }
  const typed = field(readFormBody(event), 'reason');
  const { reason, error } = parseRestrictedReason(typed);
  if (reason !== undefined) {
    return renderProposalPage(context, proposalId, { restrictedReason: reason });
  }
  const message = error ?? 'Say in a few words why you need to see restricted information';
  return renderProposalPage(context, proposalId, {
    errors: formErrors([{ path: 'reason', message }], () => ({ slot: 'restricted-reason', anchor: 'restricted-reason' })),
    values: { 'restricted-reason': typed },
    statusCode: 400,
  });
});
