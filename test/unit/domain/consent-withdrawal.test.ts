import { describe, expect, it } from 'vitest';
import { consentWithdrawalEffect, consentWithdrawalLinkExpiresAt, hearingHasPassed } from '#domain/consent-withdrawal';
import { proposalStatuses } from '#domain/statuses';

// 10:00 on 10 June 2026 in London (BST).
const at = new Date('2026-06-10T09:00:00Z');

describe('hearingHasPassed', () => {
  it('is false on the day of the hearing and before, true from the next London day', () => {
    expect(hearingHasPassed('2026-06-11', at)).toBe(false);
    expect(hearingHasPassed('2026-06-10', at)).toBe(false);
    expect(hearingHasPassed('2026-06-09', at)).toBe(true);
  });

  it('counts the London date, not the UTC one, around midnight', () => {
    // 00:30 on 11 June in London is still 10 June in UTC.
    expect(hearingHasPassed('2026-06-10', new Date('2026-06-10T23:30:00Z'))).toBe(true);
    // 23:30 on 10 December in London is 23:30 UTC too (GMT).
    expect(hearingHasPassed('2026-12-10', new Date('2026-12-10T23:30:00Z'))).toBe(false);
  });
});

describe('consentWithdrawalEffect before the hearing', () => {
  it('makes a suitable proposal unsuitable at once and tells the officer and SPOs', () => {
    expect(consentWithdrawalEffect({ status: 'SUITABLE', hearingDate: '2026-06-11' }, at)).toEqual({ afterHearing: false, status: 'UNSUITABLE', endsChecks: false, notice: 'CONSENT_WITHDRAWN' });
  });

  it('ends a proposal still in its checks as a refusal does', () => {
    expect(consentWithdrawalEffect({ status: 'CHECKS_IN_PROGRESS', hearingDate: '2026-06-10' }, at)).toEqual({ afterHearing: false, status: 'UNSUITABLE', endsChecks: true, notice: 'CONSENT_WITHDRAWN' });
  });

  it('makes a proposal awaiting a decision or a countersignature unsuitable, without cancelling checks (all are answered)', () => {
    for (const status of ['AWAITING_DECISION', 'AWAITING_COUNTERSIGN'] as const) {
      expect(consentWithdrawalEffect({ status, hearingDate: '2026-06-11' }, at)).toEqual({ afterHearing: false, status: 'UNSUITABLE', endsChecks: false, notice: 'CONSENT_WITHDRAWN' });
    }
  });

  it('only records it on a proposal already unsuitable or withdrawn: nothing moves, nobody is messaged', () => {
    for (const status of ['UNSUITABLE', 'WITHDRAWN'] as const) {
      expect(consentWithdrawalEffect({ status, hearingDate: '2026-06-11' }, at)).toEqual({ afterHearing: false, status, endsChecks: false, notice: undefined });
    }
  });
});

describe('consentWithdrawalEffect after the hearing', () => {
  it('keeps the status the court decided on and alerts the officer and SPOs', () => {
    for (const status of ['SUITABLE', 'AWAITING_DECISION', 'AWAITING_COUNTERSIGN', 'CHECKS_IN_PROGRESS'] as const) {
      expect(consentWithdrawalEffect({ status, hearingDate: '2026-06-09' }, at)).toEqual({ afterHearing: true, status, endsChecks: false, notice: 'CONSENT_WITHDRAWN_AFTER_HEARING' });
    }
  });

  it('sends no alert for a proposal that was not suitable or was withdrawn (no curfew was proposed at this address)', () => {
    for (const status of ['UNSUITABLE', 'WITHDRAWN'] as const) {
      expect(consentWithdrawalEffect({ status, hearingDate: '2026-06-09' }, at).notice).toBeUndefined();
    }
  });

  it('never leaves a proposal SUITABLE after a withdrawal before the hearing, whatever its status', () => {
    for (const status of proposalStatuses) {
      expect(consentWithdrawalEffect({ status, hearingDate: '2026-06-11' }, at).status).not.toBe('SUITABLE');
    }
  });
});

describe('consentWithdrawalLinkExpiresAt', () => {
  it('is the end (London midnight) of the longest curfew the law allows from the hearing: 24 months for convictions from 28 June 2022', () => {
    // 24 months from 15 December 2026 end on 14 December 2028; midnight after it in London is 00:00 GMT.
    expect(consentWithdrawalLinkExpiresAt('2026-12-15', '2026-11-01').toISOString()).toBe('2028-12-15T00:00:00.000Z');
  });

  it('is 12 months for convictions before 28 June 2022', () => {
    // 12 months from 15 June 2026 end on 14 June 2027; midnight after it in London (BST) is 23:00 UTC the day before.
    expect(consentWithdrawalLinkExpiresAt('2026-06-15', '2022-06-27').toISOString()).toBe('2027-06-14T23:00:00.000Z');
  });
});
