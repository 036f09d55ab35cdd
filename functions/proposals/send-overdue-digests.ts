import { londonDate } from '#domain/london-time';
import { overdueCheckLines } from '#domain/overdue-digest';
import { isWorkingDay } from '#domain/working-days';
import { config } from '#runtime/config';
import { logger } from '#runtime/logger';
import { outboxPut } from '#store/outbox';
import { courtsWithTeams, teamOf } from '#store/staff-directory';
import { writeAtomically } from '#store/transactions';
import { listWindow, proposalsOfCourts } from './court-lists.ts';

/**
 * A check falls due at most a working day before its hearing (functions/domain/deadlines.ts), so an
 * overdue check's hearing is at most a week ahead even over Christmas; hearings further back than
 * the officer's list shows are left out as they are there.
 */
const digestWindow = { daysBefore: listWindow.daysBefore, daysAfter: 7 } as const;

/**
 * Each working morning, one message to every officer and senior probation officer of each court
 * team that has overdue checks, listing them. A bank holiday sends nothing: the schedule runs
 * Monday to Friday and this skips the rest.
 *
 * Each message's reference is `DIGEST#<court>#<date>#<staff id>`, so a retried or repeated run
 * on the same day sends nothing twice; a team with nothing overdue gets nothing.
 */
export async function sendOverdueDigests(at: Date) {
  const today = londonDate(at);
  if (!isWorkingDay(today)) {
    return { date: today, workingDay: false, courts: 0, sent: 0 };
  }
  let sent = 0;
  const courts = await courtsWithTeams();
  for (const courtCode of courts) {
    const overdue = overdueCheckLines(await proposalsOfCourts([courtCode], today, digestWindow), at);
    if (overdue.length === 0) {
      continue;
    }
    const readers = (await teamOf(courtCode)).filter((member) => member.role !== 'SENTENCER');
    for (const reader of readers) {
      const put = outboxPut({
        id: `DIGEST#${courtCode}#${today}#${reader.staffId}`,
        kind: 'DIGEST',
        to: reader.email,
        courtCode,
        date: today,
        overdue,
        url: `${config.publicBaseUrl}/proposals`,
        sentAt: at.toISOString(),
      });
      // False when today's digest for this reader already exists: a repeated run.
      if (await writeAtomically([put])) {
        sent += 1;
      }
    }
    logger.info('Overdue digest', { courtCode, overdueChecks: overdue.length, readers: readers.length });
  }
  return { date: today, workingDay: true, courts: courts.length, sent };
}
