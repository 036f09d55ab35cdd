import { now } from '#runtime/clock';
import { ConflictError, ValidationError } from '#runtime/errors';
import type { HttpResult } from '#runtime/http-handler';
import { seeOther } from '#runtime/redirect';
import type { FormFields } from '#pages/form-body';
import { valuesWithPrefix } from './action-forms.ts';
import { viewProposal } from '#proposals/view-proposal';
import { renderPage } from '#pages/render';
import type { StaffPageContext } from '#pages/staff-page';
import { formErrors, formMessage, prefixedPlaces, type FormErrors } from './form-errors.ts';
import { proposalPageView } from './proposal-sections.ts';
import { staffNamesFor } from './staff-names.ts';

export interface ProposalRender {
  restrictedReason?: string;
  done?: string;
  errors?: FormErrors;
  values?: Record<string, string>;
  statusCode?: number;
}

/** Loads (and audits the view of) a proposal of the user's court and renders its page. */
export async function renderProposalPage(context: StaffPageContext, proposalId: string, options: ProposalRender = {}) {
  const stored = await viewProposal(context.user, proposalId, options.restrictedReason);
  const staffName = await staffNamesFor(stored);
  const view = proposalPageView(stored, {
    viewer: { id: context.user.id, role: context.user.role, ...(context.user.grade === undefined ? {} : { grade: context.user.grade }) },
    now: now(),
    staffName,
    ...(options.restrictedReason === undefined ? {} : { restrictedReason: options.restrictedReason }),
    ...(options.done === undefined ? {} : { done: options.done }),
    ...(options.errors === undefined ? {} : { errors: options.errors }),
    ...(options.values === undefined ? {} : { values: options.values }),
  });
  return renderPage('staff/proposal.njk', { ...context, view }, { statusCode: options.statusCode ?? 200 });
}

/**
 * Runs an officer's action from a form on the proposal page: on success back to the page with a
 * banner (303); if the input is not valid, or the rules refuse it, the page again with the error
 * summary and what was typed. The form's fields have ids `${prefix}${name}`.
 */
export async function proposalPageAction(
  context: StaffPageContext,
  proposalId: string,
  form: { fields: FormFields; prefix: string; names: readonly string[]; done: string; /** Where the error summary links for a message not about a visible field (default: the first field). */ anchor?: string },
  action: () => Promise<unknown>,
): Promise<HttpResult> {
  const values = valuesWithPrefix(form.fields, form.prefix, form.names);
  const firstField = form.anchor ?? `${form.prefix}${form.names[0] ?? ''}`;
  try {
    await action();
    return seeOther(`/proposals/${proposalId}?done=${form.done}`);
  } catch (error) {
    if (error instanceof ValidationError) {
      const places = prefixedPlaces(form.prefix);
      const placeOf = form.anchor === undefined ? places : (path: string) => ({ ...places(path), anchor: form.anchor ?? '' });
      return renderProposalPage(context, proposalId, { errors: formErrors(error.fields, placeOf), values, statusCode: 400 });
    }
    if (error instanceof ConflictError) {
      return renderProposalPage(context, proposalId, { errors: formMessage(error.message, firstField), values, statusCode: 409 });
    }
    throw error;
  }
}
