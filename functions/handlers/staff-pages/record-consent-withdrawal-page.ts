import { pathParameter } from '#runtime/http-handler';
import { recordConsentWithdrawal } from '#proposals/withdraw-consent';
import { readFormBody } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { staffPage } from '#pages/staff-page';
import { consentWithdrawalFromForm } from '#pages/staff/action-forms';
import { proposalPageAction } from '#pages/staff/render-proposal';

/** POST /proposals/{proposalId}/consent-withdrawals: a resident told the officer they withdraw consent (same rules as the API). */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  const fields = readFormBody(event);
  return proposalPageAction(context, proposalId, { fields, prefix: 'consent-withdrawal-', names: ['checkId'], done: 'consent-withdrawn' }, () =>
    recordConsentWithdrawal(context.user, proposalId, consentWithdrawalFromForm(fields)),
  );
});
