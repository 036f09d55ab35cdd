import { now } from '#runtime/clock';
import { londonDate } from '#domain/london-time';
import { proposalsOfCourts } from '#proposals/court-lists';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage } from '#pages/staff-page';
import { morningCheckInView } from '#pages/staff/morning-check-in';

/**
 * GET /morning-check-in: the court team's morning meeting on one printable page: today's and the
 * next working day's hearings with what each still waits for, what needs the SPO, and the answers
 * that came in since yesterday's meeting. The team's own courts only (the court list index, one
 * query per court). Not audited, like "My proposals" and the queue: it shows the team what it
 * already sees there, and nothing an agency or resident wrote.
 */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']);
  const at = now();
  const listed = await proposalsOfCourts(context.user.courts, londonDate(at));
  return renderPage('staff/morning-check-in.njk', { ...context, view: morningCheckInView(listed, at) });
});
