import { UnauthenticatedError } from '#runtime/errors';
import { seeOther } from '#runtime/redirect';
import { requireStaff } from '#auth/staff-identity';
import { pageHandler } from '#pages/page-handler';
import { renderPage } from '#pages/render';
import { homeByRole } from '#pages/staff-page';

/** GET /: staff go to where their role starts; anyone else sees what the service is and how to sign in. */
export const handler = pageHandler(async (event) => {
  try {
    const user = await requireStaff(event, ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER', 'SENTENCER', 'PERFORMANCE_LEAD']);
    return seeOther(homeByRole[user.role]);
  } catch (error) {
    if (error instanceof UnauthenticatedError) {
      return renderPage('start.njk', {});
    }
    throw error;
  }
});
