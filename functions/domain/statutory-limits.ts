/**
 * Sentencing Act 2020 Sch 9 para 9 limits on curfew hours. The Police, Crime, Sentencing and Courts
 * Act 2022 s150 raised them from 28 June 2022, and the older limits still apply to earlier
 * convictions, so the limits depend on the conviction date.
 */
export interface StatutoryLimits {
  maxHoursPerDay: number;
  minHoursPerDay: number;
  /** null when the law sets no cap over 7 days (convictions before 28 June 2022). */
  maxHoursPerWeek: number | null;
  maxMonths: number;
}

/** First conviction date to which the 2022 limits apply. */
export const currentLimitsFrom = '2022-06-28';

/** The curfew limits that apply to a conviction on `convictionDate` (YYYY-MM-DD). */
export function statutoryLimits(convictionDate: string): StatutoryLimits {
  if (convictionDate < currentLimitsFrom) {
    return { maxHoursPerDay: 16, minHoursPerDay: 2, maxHoursPerWeek: null, maxMonths: 12 };
  }
  return { maxHoursPerDay: 20, minHoursPerDay: 2, maxHoursPerWeek: 112, maxMonths: 24 };
}
