import { httpHandler, json, pathParameter, readJsonBody, type HttpEvent } from '#runtime/http-handler';
import { resendLink } from '#proposals/resend-link';
import { proposalView } from '#proposals/proposal-view';
import { requireStaff } from '#auth/staff-identity';

/**
 * POST /api/proposals/{proposalId}/checks/{checkId}/resend: the court officer sends a check's link
 * again with a new link (the old one stops working). The body may be empty, or
 * `{ "resendCount": n }`: the resends the caller saw, refused with 409 if another happened since.
 */
export const handler = httpHandler(async (event) => {
  const user = await requireStaff(event, ['COURT_OFFICER']);
  const stored = await resendLink(user, pathParameter(event, 'proposalId'), pathParameter(event, 'checkId'), optionalJsonBody(event));
  return json(200, proposalView(stored));
});

/** Nothing to say is a valid request: an empty body reads as `{}`. */
function optionalJsonBody(event: HttpEvent): unknown {
  return event.body === undefined || event.body === '' ? {} : readJsonBody(event);
}
