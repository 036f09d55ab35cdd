import { londonDate } from '#domain/london-time';
import { now } from '#runtime/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#runtime/errors';
import type { HttpEvent } from '#runtime/http-handler';
import { seeOther } from '#runtime/redirect';
import { discardStartDraft, loadStartDraft, saveStartDraft, startChecksFromDraft, type StartDraft } from '#proposals/start-drafts';
import { field, readFormBody, type FormFields } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage, type StaffPageContext } from '#pages/staff-page';
import { localAuthorityChoices, policeForceChoices } from '#pages/staff/directory-choices';
import { noErrors, type FormErrors } from '#pages/staff/form-errors';
import { anotherAddressNotice, withCarriedOverNotes } from '#pages/staff/another-address';
import { checkAnswersView, discardView } from '#pages/staff/start-check-answers';
import { maxRows, proposalFromForm, startChecksView } from '#pages/staff/start-checks';
import { discardHref, draftErrors, mergeStep, messageLinkingTo, pageAfter, pageBefore, parseStartPage, removeRow, rowAction, rowsToShow, startPageHref, stepErrors, stepHeadings, wholeDraftErrors, type StartStep } from '#pages/staff/start-steps';

type Rows = StartDraft['rows'];
type Replaces = StartDraft['replaces'];

/**
 * What the officer has answered so far, and the proposal it will replace when it is another
 * address: nothing once the draft has been sent (the next form starts empty).
 */
function answersOf(draft: StartDraft | undefined): { fields: FormFields; rows: Rows; replaces: Replaces } {
  return draft === undefined || draft.sentProposalId !== undefined ? { fields: {}, rows: { residents: 1, periods: 1 }, replaces: undefined } : { fields: draft.fields, rows: draft.rows, replaces: draft.replaces };
}

/** Whether there is a draft to delete: something saved and not yet sent. */
function hasDraft(fields: FormFields): boolean {
  return Object.keys(fields).length > 0;
}

function renderStep(context: StaffPageContext, step: StartStep, returnToCheck: boolean, { fields, rows, replaces }: { fields: FormFields; rows: Rows; replaces: Replaces }, errors: FormErrors = noErrors, statusCode = 200) {
  const form = startChecksView(fields, { courts: context.user.courts, policeForces: policeForceChoices, localAuthorities: localAuthorityChoices }, errors, rows);
  const meta = {
    name: step,
    heading: stepHeadings[step],
    action: startPageHref(step, returnToCheck),
    backHref: pageBefore(step, returnToCheck),
    hasRowButtons: step === 'adults' || step === 'curfew',
    discardHref: hasDraft(fields) ? discardHref(step) : undefined,
  };
  return renderPage(`staff/start-${step}.njk`, { ...context, form, step: meta, anotherAddress: replaces === undefined ? undefined : anotherAddressNotice(replaces) }, { statusCode });
}

function renderCheck(context: StaffPageContext, { fields, replaces }: { fields: FormFields; replaces: Replaces }, errors: FormErrors, statusCode = 200) {
  const sections = replaces === undefined ? checkAnswersView(fields) : withCarriedOverNotes(checkAnswersView(fields));
  const anotherAddress = replaces === undefined ? undefined : anotherAddressNotice(replaces);
  return renderPage('staff/start-check-answers.njk', { ...context, sections, anotherAddress, errors, backHref: pageBefore('check', false), discardHref: discardHref('check') }, { statusCode });
}

/**
 * `?step=discard`: GET asks whether to delete the draft (and changes nothing); POST deletes it and
 * goes to My proposals, which says so. With no draft to delete, GET goes back to the form.
 */
async function discard(context: StaffPageContext, method: string, draft: StartDraft | undefined, from: string | undefined) {
  if (method === 'POST') {
    const { sentProposalId } = await discardStartDraft(context.user);
    return seeOther(sentProposalId === undefined ? '/proposals?done=draft-deleted' : `/proposals/${sentProposalId}?done=already-sent`);
  }
  const { fields } = answersOf(draft);
  if (!hasDraft(fields) || draft === undefined) return seeOther(startPageHref('hearing'));
  return renderPage('staff/start-discard.njk', { ...context, draft: discardView(fields, draft.savedAt), keepHref: startPageHref(parseStartPage(from) ?? 'hearing') });
}

/** "Add another" and "Remove": saved as they are (the officer is still typing), then the same page again. */
async function changeRows(context: StaffPageContext, step: StartStep, returnToCheck: boolean, fields: FormFields, rows: Rows, replaces: Replaces, action: { kind: 'resident' | 'period'; remove?: number }) {
  const key = action.kind === 'resident' ? 'residents' : 'periods';
  const shown = rowsToShow(fields, action.kind, rows[key]);
  const after = action.remove === undefined ? fields : removeRow(fields, action.kind, action.remove);
  const count = action.remove === undefined ? Math.min(shown + 1, maxRows[action.kind]) : Math.max(1, shown - 1);
  await saveStartDraft(context.user, after, { ...rows, [key]: count }, replaces);
  const focus = action.remove === undefined ? `#${action.kind}-${count - 1}-${action.kind === 'resident' ? 'fullName' : 'days'}` : '';
  return seeOther(`${startPageHref(step, returnToCheck)}${focus}`);
}

async function send(context: StaffPageContext, draft: StartDraft | undefined) {
  if (draft?.sentProposalId !== undefined) return seeOther(`/proposals/${draft.sentProposalId}?done=started`);
  if (draft === undefined) return seeOther(startPageHref('hearing'));
  const answers = answersOf(draft);
  const { fields } = answers;
  try {
    const created = await startChecksFromDraft(context.user, draft, proposalFromForm(fields).input);
    return seeOther(`/proposals/${created.proposalId}?done=started`);
  } catch (error) {
    if (error instanceof ValidationError) return renderCheck(context, answers, draftErrors(error.fields, fields), 400);
    if (error instanceof ForbiddenError) return renderCheck(context, answers, messageLinkingTo('Choose one of your own courts', `${startPageHref('hearing', true)}#courtCode`), 400);
    if (error instanceof ConflictError) return renderCheck(context, answers, conflictMessage(error, answers.replaces), 409);
    throw error;
  }
}

/** Why "Send" was refused by a conflict, linked to where the officer can see what happened. */
function conflictMessage(error: ConflictError, replaces: Replaces): FormErrors {
  const body = error.body();
  if (body.error === 'ALREADY_REPLACED' && typeof body.nextProposalId === 'string') {
    return messageLinkingTo('Another address has already been proposed in place of the earlier one, so these checks were not sent. Go to that proposal.', `/proposals/${body.nextProposalId}`);
  }
  if (body.error === 'NOT_ALLOWED' && replaces !== undefined) {
    return messageLinkingTo('The earlier proposal can no longer be replaced by another address, so these checks were not sent.', `/proposals/${replaces.proposalId}`);
  }
  return messageLinkingTo('These checks were already started with different answers. Check My proposals before you send them again.', '/proposals');
}

/**
 * GET and POST /proposals/new[?step=…]: the court officer's start-checks form, one short page at a
 * time, then "Check your answers", then send. GET shows a page with the officer's draft; POST
 * saves a page that passes and redirects (post/redirect/get), so Back and refresh are safe and
 * the draft (server-side, per officer) outlives the session. Sending is validated and stored by
 * the same code as POST /api/proposals. `?step=discard` asks, then (POST) deletes the draft.
 */
export const handler = pageHandler(async (event: HttpEvent) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  const query = event.queryStringParameters ?? {};
  if (query.step === 'discard') return discard(context, event.requestContext.http.method, await loadStartDraft(context.user), query.from);
  const page = parseStartPage(query.step);
  if (page === undefined) throw new NotFoundError('No such page');
  const returnToCheck = query.return === 'check';
  const draft = await loadStartDraft(context.user);
  const answers = answersOf(draft);
  const { fields, rows, replaces } = answers;
  if (event.requestContext.http.method !== 'POST') {
    if (page !== 'check') return renderStep(context, page, returnToCheck, answers);
    if (Object.keys(fields).length === 0) return seeOther(startPageHref('hearing'));
    return renderCheck(context, answers, wholeDraftErrors(fields, londonDate(now())));
  }
  if (page === 'check') return send(context, draft);
  const posted = readFormBody(event);
  const merged = mergeStep(fields, page, posted);
  const action = rowAction(field(posted, 'action'));
  if (action !== undefined) return changeRows(context, page, returnToCheck, merged, rows, replaces, action);
  const errors = stepErrors(page, merged, londonDate(now()), context.user.courts);
  if (errors.summary.length > 0) return renderStep(context, page, returnToCheck, { ...answers, fields: merged }, errors, 400);
  await saveStartDraft(context.user, merged, rows, replaces);
  return seeOther(pageAfter(page, returnToCheck));
});
