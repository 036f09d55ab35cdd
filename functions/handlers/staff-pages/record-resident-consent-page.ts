import { pathParameter } from '#runtime/http-handler';
import { recordResidentConsent } from '#proposals/record-resident-consent';
import { readFormBody } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { staffPage } from '#pages/staff-page';
import { consentFromForm } from '#pages/staff/action-forms';
import { proposalPageAction } from '#pages/staff/render-proposal';

/** POST /proposals/{proposalId}/residents/{residentId}/consent: consent the officer took by phone or in person. */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  const residentId = pathParameter(event, 'residentId');
  const fields = readFormBody(event);
  return proposalPageAction(context, proposalId, { fields, prefix: `consent-${residentId}-`, names: ['decision', 'method', 'spokenToAlone'], done: 'consent' }, () =>
    recordResidentConsent(context.user, proposalId, residentId, consentFromForm(fields)),
  );
});
