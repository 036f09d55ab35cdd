import { now } from '#runtime/clock';
import { londonDate } from '#domain/london-time';
import { proposalsOfCourts } from '#proposals/court-lists';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { staffPage } from '#pages/staff-page';
import { doneMessage } from '#pages/staff/proposal-sections';
import { queueView } from '#pages/staff/proposal-lists';

/** GET /queue: for a senior probation officer, decisions waiting for a countersignature and overdue checks. */
export const handler = pageHandler(async (event) => {
  const context = await staffPage(event, ['SENIOR_PROBATION_OFFICER']);
  const at = now();
  const listed = await proposalsOfCourts(context.user.courts, londonDate(at));
  const done = event.queryStringParameters?.done;
  return renderPage('staff/queue.njk', { ...context, queue: queueView(listed, at), done: doneMessage(done) });
});
