import { describe, expect, it } from 'vitest';
import { overdueCheckLines } from '#domain/overdue-digest';
import type { CheckStatus, CheckType, ProposalStatus } from '#domain/statuses';

const now = new Date('2026-06-15T07:30:00.000Z');
const past = '2026-06-12T16:00:00.000Z';
const future = '2026-06-16T16:00:00.000Z';

function listed(proposalId: string, status: ProposalStatus, hearingDate: string, checks: [CheckType, CheckStatus, string][]) {
  return { proposal: { proposalId, status, hearingDate }, checks: checks.map(([type, checkStatus, dueAt]) => ({ type, status: checkStatus, dueAt })) };
}

describe('overdueCheckLines', () => {
  it('lists open checks marked OVERDUE or past their due time, soonest hearing first, one line per check', () => {
    const lines = overdueCheckLines(
      [
        listed('p-later', 'CHECKS_IN_PROGRESS', '2026-06-17', [['DOMESTIC_ABUSE', 'OVERDUE', past]]),
        listed('p-soon', 'CHECKS_IN_PROGRESS', '2026-06-16', [
          ['DOMESTIC_ABUSE', 'REQUESTED', past],
          ['CHILD_SAFEGUARDING', 'RESPONDED', past],
          ['RESIDENT_CONSENT', 'NEEDS_CONTACT', past],
          ['RESIDENT_CONSENT', 'REQUESTED', future],
        ]),
      ],
      now,
    );
    expect(lines).toEqual([
      { proposalId: 'p-soon', checkType: 'DOMESTIC_ABUSE', hearingDate: '2026-06-16', dueAt: past },
      { proposalId: 'p-soon', checkType: 'RESIDENT_CONSENT', hearingDate: '2026-06-16', dueAt: past },
      { proposalId: 'p-later', checkType: 'DOMESTIC_ABUSE', hearingDate: '2026-06-17', dueAt: past },
    ]);
  });

  it.each(['WITHDRAWN', 'SUITABLE', 'UNSUITABLE'] as const)('leaves out a %s proposal, whatever its checks say', (status) => {
    expect(overdueCheckLines([listed('p-1', status, '2026-06-16', [['DOMESTIC_ABUSE', 'OVERDUE', past]])], now)).toEqual([]);
  });

  it('leaves out cancelled checks and checks not yet due', () => {
    expect(overdueCheckLines([listed('p-1', 'CHECKS_IN_PROGRESS', '2026-06-16', [['DOMESTIC_ABUSE', 'CANCELLED', past], ['CHILD_SAFEGUARDING', 'REQUESTED', future]])], now)).toEqual([]);
  });
});
