/** The statuses in which a check still waits for an answer, as an expression. */
export const openCheckCondition = '#status IN (:requested, :overdue, :needsContact)';
export const openCheckValues = { ':requested': 'REQUESTED', ':overdue': 'OVERDUE', ':needsContact': 'NEEDS_CONTACT' } as const;
