import { describe, expect, it } from 'vitest';
import { isFinal, openCheckStatuses, proposalStatuses } from '#domain/statuses';
import type { ProposalStatus } from '#domain/statuses';

describe('isFinal', () => {
  it.each<[ProposalStatus, boolean]>([
    ['CHECKS_IN_PROGRESS', false],
    ['AWAITING_DECISION', false],
    ['AWAITING_COUNTERSIGN', false],
    ['SUITABLE', true],
    ['UNSUITABLE', true],
    ['WITHDRAWN', true],
  ])('says %s is final: %s', (status, expected) => {
    expect(isFinal(status)).toBe(expected);
  });

  it('covers every proposal status', () => {
    expect(proposalStatuses).toHaveLength(6);
  });
});

describe('openCheckStatuses', () => {
  it('lists the statuses still waiting for an answer, and not RESPONDED or CANCELLED', () => {
    expect([...openCheckStatuses].sort()).toEqual(['NEEDS_CONTACT', 'OVERDUE', 'REQUESTED']);
  });
});
