import { ConflictError } from '#runtime/errors';
import { pathParameter } from '#runtime/http-handler';
import { seeOther } from '#runtime/redirect';
import { replaceableProposal } from '#proposals/propose-alternative-address';
import { loadStartDraft, startAnotherAddressDraft } from '#proposals/start-drafts';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage, type StaffPageContext } from '#pages/staff-page';
import { anotherAddressStartView, carriedOverFormFields } from '#pages/staff/another-address';
import { renderProposalPage } from '#pages/staff/render-proposal';
import { discardView } from '#pages/staff/start-check-answers';
import { startPageHref } from '#pages/staff/start-steps';

/** The proposal page again, saying why another address cannot be proposed (already replaced: linked to the version that replaced it). */
function refused(context: StaffPageContext, proposalId: string, error: ConflictError) {
  const body = error.body();
  const href = body.error === 'ALREADY_REPLACED' && typeof body.nextProposalId === 'string' ? `/proposals/${body.nextProposalId}` : `/proposals/${proposalId}`;
  return renderProposalPage(context, proposalId, { errors: { summary: [{ text: error.message, href }], fields: {} }, statusCode: 409 });
}

/**
 * GET /proposals/{proposalId}/alternative-address: what proposing another address carries over and
 * asks again, and whether it would delete an unsent draft. POST: the officer's draft becomes the
 * carried-over answers (ADR 0026), and the start-checks form opens at the new address. A draft
 * already begun for this same proposal is kept as it is, not started again. Only an unsuitable or
 * withdrawn proposal not yet replaced (the proposal page says why not otherwise, 409).
 */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const proposalId = pathParameter(event, 'proposalId');
  try {
    const proposal = await replaceableProposal(context.user, proposalId);
    const draft = await loadStartDraft(context.user);
    const unsent = draft !== undefined && draft.sentProposalId === undefined && Object.keys(draft.fields).length > 0 ? draft : undefined;
    const sameReplacement = unsent?.replaces?.proposalId === proposalId;
    if (event.requestContext.http.method !== 'POST') {
      const view = anotherAddressStartView(proposal, unsent === undefined || sameReplacement ? undefined : discardView(unsent.fields, unsent.savedAt));
      return renderPage('staff/alternative-address.njk', { ...context, view });
    }
    if (!sameReplacement) await startAnotherAddressDraft(context.user, proposalId, carriedOverFormFields);
    return seeOther(startPageHref('curfew'));
  } catch (error) {
    if (error instanceof ConflictError) return refused(context, proposalId, error);
    throw error;
  }
});
