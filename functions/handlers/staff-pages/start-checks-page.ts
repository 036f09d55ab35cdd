import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, ValidationError } from '#runtime/errors';
import type { HttpEvent } from '#runtime/http-handler';
import { createProposal } from '#proposals/create-proposal';
import { seeOther } from '#runtime/redirect';
import { field, readFormBody, type FormFields } from '#pages/form-body';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage, type StaffPageContext } from '#pages/staff-page';
import { localAuthorityChoices, policeForceChoices } from '#pages/staff/directory-choices';
import { formMessage, type FormErrors } from '#pages/staff/form-errors';
import { proposalFromForm, startChecksErrors, startChecksView } from '#pages/staff/start-checks';

const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{1,200}$/;

function render(context: StaffPageContext, fields: FormFields, errors?: FormErrors, statusCode = 200) {
  const form = startChecksView(fields, { courts: context.user.courts, policeForces: policeForceChoices, localAuthorities: localAuthorityChoices }, errors, randomUUID());
  return renderPage('staff/start-checks.njk', { ...context, form }, { statusCode });
}

/**
 * GET and POST /proposals/new: the court officer's form to start the checks. It is validated and
 * stored by the same code as POST /api/proposals; each form carries its own idempotency key, so a
 * double submission starts the checks once.
 */
export const handler = pageHandler(async (event: HttpEvent) => {
  const context = await staffPage(event, ['COURT_OFFICER']);
  if (event.requestContext.http.method !== 'POST') {
    return render(context, {});
  }
  const fields = readFormBody(event);
  const mapped = proposalFromForm(fields);
  const key = field(fields, 'idempotencyKey');
  try {
    const created = await createProposal(context.user, mapped.input, idempotencyKeyPattern.test(key) ? key : undefined);
    return seeOther(`/proposals/${created.proposalId}?done=started`);
  } catch (error) {
    if (error instanceof ValidationError) {
      return render(context, fields, startChecksErrors(error.fields, mapped), 400);
    }
    if (error instanceof ForbiddenError) {
      return render(context, fields, formMessage('Choose one of your own courts', 'courtCode'), 400);
    }
    if (error instanceof ConflictError) {
      // The same form was sent before with other answers: check My proposals before sending it again.
      return render(context, fields, formMessage('This form was already sent with different answers. Check My proposals before you send it again.', 'courtCode'), 409);
    }
    throw error;
  }
});
