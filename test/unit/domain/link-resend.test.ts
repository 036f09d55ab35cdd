import { describe, expect, it } from 'vitest';
import { isRecipientMessage, mayResendLink, resendMessageId, whyNoResend, withContact } from '#domain/link-resend';

describe('when a link may be sent again', () => {
  it('only while the check waits for its recipient through a link that was sent', () => {
    expect(mayResendLink({ status: 'REQUESTED', type: 'DOMESTIC_ABUSE', linkTokenHash: 'h' })).toBe(true);
    expect(mayResendLink({ status: 'OVERDUE', type: 'RESIDENT_CONSENT', linkTokenHash: 'h' })).toBe(true);
    expect(whyNoResend({ status: 'REQUESTED', type: 'DOMESTIC_ABUSE' })).toBe('The first request has not been sent yet: reload the page in a moment');
  });

  it('never for a resident who asked to speak to someone, nor an answered or cancelled check', () => {
    expect(whyNoResend({ status: 'NEEDS_CONTACT', type: 'RESIDENT_CONSENT', linkTokenHash: 'h' })).toMatch(/contact them privately/);
    expect(whyNoResend({ status: 'RESPONDED', type: 'CHILD_SAFEGUARDING', linkTokenHash: 'h' })).toBe('This check has been answered, so its link cannot be sent again');
    expect(mayResendLink({ status: 'CANCELLED', type: 'DOMESTIC_ABUSE', linkTokenHash: 'h' })).toBe(false);
  });
});

describe('resend messages', () => {
  it('have a stable reference per check and resend number', () => {
    expect(resendMessageId('c1', 2)).toBe('RESEND#c1#2');
  });

  it('count as going to the recipient, like requests and reminders; officer notices do not', () => {
    expect(['REQUEST#c1', 'REMINDER#c1#DUE_DAY', 'RESEND#c1#1'].map(isRecipientMessage)).toEqual([true, true, true]);
    expect(['OVERDUE#c1#OFFICER', 'NEEDS_CONTACT#c1'].map(isRecipientMessage)).toEqual([false, false]);
  });
});

describe('new contact details', () => {
  const resident = { residentId: 'r1', fullName: 'Alex Resident', email: 'old@example.org', mobile: '07700900000' };

  it('replace the old ones: a detail not given is removed', () => {
    expect(withContact(resident, { email: 'new@example.org' })).toEqual({ residentId: 'r1', fullName: 'Alex Resident', email: 'new@example.org' });
    expect(withContact(resident, { mobile: '07700900123' })).toEqual({ residentId: 'r1', fullName: 'Alex Resident', mobile: '07700900123' });
  });
});
