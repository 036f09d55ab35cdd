import { describe, expect, it } from 'vitest';
import { agencyDigests, enquiryReference, reminderReplacedByDigest } from '#domain/agency-digest';
import type { CheckStatus, CheckType, ProposalStatus } from '#domain/statuses';

const now = new Date('2026-06-15T06:45:00.000Z');
const past = '2026-06-12T16:00:00.000Z';
const soon = '2026-06-16T16:00:00.000Z';
const later = '2026-06-19T16:00:00.000Z';

let ids = 0;
/** Check ids as the service makes them (random UUIDs), numbered so each test knows its references. */
function checkId(): string {
  ids += 1;
  return `${String(ids).padStart(8, '0')}-0000-4000-8000-000000000000`;
}

function listed(courtCode: string, policeForce: string, localAuthority: string, checks: [CheckType, CheckStatus, string][], status: ProposalStatus = 'CHECKS_IN_PROGRESS') {
  return { proposal: { status, courtCode, policeForce, localAuthority }, checks: checks.map(([type, checkStatus, dueAt]) => ({ checkId: checkId(), type, status: checkStatus, dueAt })) };
}

describe('enquiryReference', () => {
  it("is the first eight characters of the check's id, upper case, in two groups", () => {
    expect(enquiryReference('3f2a9c01-5b6d-4e7f-8a9b-0c1d2e3f4a5b')).toBe('3F2A-9C01');
  });
});

describe('agencyDigests', () => {
  it("groups every court's outstanding agency enquiries by the mailbox they went to, soonest due first, overdue marked", () => {
    ids = 0;
    const digests = agencyDigests(
      [
        listed('B01LY00', 'WILTSHIRE', 'SWINDON', [
          ['DOMESTIC_ABUSE', 'REQUESTED', later],
          ['CHILD_SAFEGUARDING', 'OVERDUE', past],
          ['RESIDENT_CONSENT', 'REQUESTED', soon],
        ]),
        listed('C01CF00', 'WILTSHIRE', 'SWINDON', [
          ['DOMESTIC_ABUSE', 'REQUESTED', past],
          ['CHILD_SAFEGUARDING', 'RESPONDED', past],
        ]),
      ],
      now,
    );
    expect(digests).toEqual([
      { mailbox: 'mash@swindon.council.example', mailboxKey: 'LA.SWINDON', lines: [{ reference: '0000-0002', checkType: 'CHILD_SAFEGUARDING', courtCode: 'B01LY00', dueAt: past, overdue: true }] },
      {
        mailbox: 'domestic-abuse-enquiries@wiltshire.police.example',
        mailboxKey: 'POLICE.WILTSHIRE',
        lines: [
          // Past its due time but not yet marked: overdue all the same.
          { reference: '0000-0004', checkType: 'DOMESTIC_ABUSE', courtCode: 'C01CF00', dueAt: past, overdue: true },
          { reference: '0000-0001', checkType: 'DOMESTIC_ABUSE', courtCode: 'B01LY00', dueAt: later, overdue: false },
        ],
      },
    ]);
  });

  it('leaves out closed proposals, answered, cancelled and handed-over checks, residents, and forces the directory does not know', () => {
    const digests = agencyDigests(
      [
        listed('B01LY00', 'WILTSHIRE', 'SWINDON', [['DOMESTIC_ABUSE', 'REQUESTED', soon]], 'WITHDRAWN'),
        listed('B01LY00', 'WILTSHIRE', 'SWINDON', [['DOMESTIC_ABUSE', 'OVERDUE', past]], 'AWAITING_DECISION'),
        listed('B01LY00', 'WILTSHIRE', 'SWINDON', [
          ['DOMESTIC_ABUSE', 'CANCELLED', soon],
          ['CHILD_SAFEGUARDING', 'RESPONDED', soon],
          ['RESIDENT_CONSENT', 'NEEDS_CONTACT', past],
        ]),
        listed('B01LY00', 'NO_SUCH_FORCE', 'NO_SUCH_COUNCIL', [['DOMESTIC_ABUSE', 'REQUESTED', soon]]),
      ],
      now,
    );
    // Only the open proposal awaiting a decision still has an outstanding enquiry (a late answer still counts).
    expect(digests.map((digest) => [digest.mailboxKey, digest.lines.length])).toEqual([['POLICE.WILTSHIRE', 1]]);
  });

  it('sends nothing when nothing is outstanding', () => {
    expect(agencyDigests([], now)).toEqual([]);
  });
});

describe('reminderReplacedByDigest', () => {
  it.each([
    ['DOMESTIC_ABUSE', 1, false],
    ['DOMESTIC_ABUSE', 2, true],
    ['CHILD_SAFEGUARDING', 5, true],
    ['CHILD_SAFEGUARDING', 1, false],
    // A resident's contact is never an agency mailbox: always reminded.
    ['RESIDENT_CONSENT', 3, false],
  ] as const)('a %s reminder with %i outstanding in its mailbox is left to the digest: %s', (type, outstanding, replaced) => {
    expect(reminderReplacedByDigest(type, outstanding)).toBe(replaced);
  });
});
