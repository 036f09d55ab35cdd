/** The kinds of pre-sentence report; each has its own timescale, which sets when checks are due. */
export const reportTypes = ['ORAL', 'SHORT_FORMAT', 'STANDARD'] as const;

/** A report kind; see reportTypes. */
export type ReportType = (typeof reportTypes)[number];
