import { pathParameter } from '#runtime/http-handler';
import { pageHandler } from '#pages/page-handler';
import { staffPage } from '#pages/staff-page';
import { formErrors } from '#pages/staff/form-errors';
import { parseRestrictedReason } from '#pages/staff/proposal-sections';
import { renderProposalPage } from '#pages/staff/render-proposal';

/**
 * GET /proposals/{proposalId}: each check, who answered and how, and the actions that fit the
 * proposal's state. Restricted answers are shown only with a reason (`?reason=`), which is audited
 * as the JSON view audits it. Senior probation officers see it read only.
 */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const query = event.queryStringParameters ?? {};
  const { reason, error } = parseRestrictedReason(query.reason);
  return renderProposalPage(context, pathParameter(event, 'proposalId'), {
    ...(reason === undefined ? {} : { restrictedReason: reason }),
    ...(query.done === undefined ? {} : { done: query.done }),
    ...(error === undefined ? {} : { errors: formErrors([{ path: 'reason', message: error }], () => ({ slot: 'restricted-reason', anchor: 'restricted-reason' })), values: { 'restricted-reason': query.reason ?? '' }, statusCode: 400 }),
  });
});
