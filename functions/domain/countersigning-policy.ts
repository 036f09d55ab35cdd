import * as z from 'zod';
import { parseDataFile } from './data-file.ts';
import policyJson from './data/countersigning-policy.json' with { type: 'json' };
import { isCalendarDate } from './calendar-date.ts';
import { checkConcerns, type CheckState } from './check-rules.ts';
import { findCourtTeam } from './court-teams.ts';
import { londonDate } from './london-time.ts';

/**
 * The conditions that can make a suitable decision need a senior probation officer's
 * countersignature, in the order they are reported. Ids are stored on decisions: never rename one.
 * - AGENCY_CONCERN: the police hold information, or children's services know the family.
 * - CONSENT_MAY_NOT_BE_FREE: a resident's consent was recorded when they were not spoken to alone,
 *   or after they asked to speak to someone first.
 * - SENT_BACK_BEFORE: a senior probation officer sent an earlier decision on this proposal back.
 * - HIGH_RISK_OF_SERIOUS_HARM: the assessed risk of serious harm is high or very high.
 * - AUTHOR_PSO_OR_TRAINEE: the person deciding is a probation services officer or a trainee.
 */
export const conditionIds = ['AGENCY_CONCERN', 'CONSENT_MAY_NOT_BE_FREE', 'SENT_BACK_BEFORE', 'HIGH_RISK_OF_SERIOUS_HARM', 'AUTHOR_PSO_OR_TRAINEE'] as const;
export type ConditionId = (typeof conditionIds)[number];

export const riskOfSeriousHarmLevels = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'] as const;
export type RiskOfSeriousHarm = (typeof riskOfSeriousHarmLevels)[number];
/**
 * What an officer may record of the risk of serious harm: a level from the assessment, or that it
 * has not been assessed yet (said, rather than left blank, so the record shows the officer was asked).
 */
export const riskOfSeriousHarmRecords = [...riskOfSeriousHarmLevels, 'NOT_YET_ASSESSED'] as const;
export type RiskOfSeriousHarmRecord = (typeof riskOfSeriousHarmRecords)[number];

export const authorGrades = ['PROBATION_OFFICER', 'PROBATION_SERVICES_OFFICER', 'TRAINEE', 'SENIOR_PROBATION_OFFICER'] as const;
export type AuthorGrade = (typeof authorGrades)[number];

/**
 * What the conditions are judged on. The risk of serious harm is what the officer records with the
 * decision; the author's grade is the deciding officer's, from their sign-in. A fact that is
 * absent (or "not yet assessed") never makes its condition apply: the policy cannot require what
 * nobody has told the service.
 */
export interface CountersigningFacts {
  checks: readonly CheckState[];
  /** A senior probation officer has sent a decision on this proposal back before. */
  sentBack: boolean;
  riskOfSeriousHarm?: RiskOfSeriousHarmRecord;
  authorGrade?: AuthorGrade;
}

const concernConditions = {
  POLICE_INFORMATION_HELD: 'AGENCY_CONCERN',
  KNOWN_TO_CHILDRENS_SERVICES: 'AGENCY_CONCERN',
  CONSENT_NOT_GIVEN_ALONE: 'CONSENT_MAY_NOT_BE_FREE',
  ASKED_TO_SPEAK_FIRST: 'CONSENT_MAY_NOT_BE_FREE',
} as const satisfies Record<ReturnType<typeof checkConcerns>[number], ConditionId>;

/** The condition an answer's concern falls under (the engine's grouping, for pages that word each concern). */
export function conditionOfConcern(concern: ReturnType<typeof checkConcerns>[number]): ConditionId {
  return concernConditions[concern];
}

/** Whether the facts meet a condition, whatever the policy says of it. */
export function conditionMet(condition: ConditionId, facts: CountersigningFacts): boolean {
  switch (condition) {
    case 'AGENCY_CONCERN':
    case 'CONSENT_MAY_NOT_BE_FREE':
      return facts.checks.some((check) => checkConcerns(check).some((concern) => concernConditions[concern] === condition));
    case 'SENT_BACK_BEFORE':
      return facts.sentBack;
    case 'HIGH_RISK_OF_SERIOUS_HARM':
      return facts.riskOfSeriousHarm === 'HIGH' || facts.riskOfSeriousHarm === 'VERY_HIGH';
    case 'AUTHOR_PSO_OR_TRAINEE':
      return facts.authorGrade === 'PROBATION_SERVICES_OFFICER' || facts.authorGrade === 'TRAINEE';
  }
}

const switches = z.object(Object.fromEntries(conditionIds.map((id) => [id, z.boolean()])) as Record<ConditionId, z.ZodBoolean>);

const versionSchema = z
  .object({
    id: z.string().min(1),
    /** A London calendar date: the version applies to decisions made on or after that day. */
    effectiveFrom: z.string().refine(isCalendarDate, 'Must be a date written as YYYY-MM-DD'),
    /** Every condition, switched on (true) or off (false): none is left to a default. */
    conditions: switches.strict(),
    /** Per region (as court-teams.json names it): the conditions switched differently there. */
    regions: z.record(z.string().regex(/^[A-Z][A-Z_]*$/), switches.partial().strict()),
  })
  .strict();

const policySchema = z
  .object({
    source: z.string().min(1),
    versions: z.array(versionSchema).min(1),
  })
  .strict()
  .refine((policy) => new Set(policy.versions.map((version) => version.id)).size === policy.versions.length, { message: 'Each version id may be used once', path: ['versions'] })
  .refine((policy) => policy.versions.every((version, index) => index === 0 || (policy.versions[index - 1]?.effectiveFrom ?? '') < version.effectiveFrom), {
    message: 'Versions must be listed oldest first, each taking effect on a later day',
    path: ['versions'],
  });

export type CountersigningPolicy = z.infer<typeof policySchema>;
export type CountersigningPolicyVersion = CountersigningPolicy['versions'][number];

/** Checks a countersigning policy; throws, naming each bad field, when it is not valid. */
export function parseCountersigningPolicy(data: unknown): CountersigningPolicy {
  return parseDataFile(policySchema, data, 'Countersigning policy');
}

// Checked when the module loads: a bad policy must stop a function at cold start (and the tests),
// not let a decision through without the countersignature the region asked for.
export const countersigningPolicy: CountersigningPolicy = parseCountersigningPolicy(policyJson);

/**
 * The version in force at an instant: the latest whose effective day (in London) is on or before
 * it. Before the first version's day, the first version: it is the rule the service had in code
 * before the policy was kept as data.
 */
export function versionInForce(policy: CountersigningPolicy, at: Date): CountersigningPolicyVersion {
  const day = londonDate(at);
  const [first] = policy.versions;
  if (first === undefined) throw new Error('A countersigning policy has at least one version');
  return policy.versions.reduce((inForce, version) => (version.effectiveFrom <= day ? version : inForce), first);
}

/** What the policy says of one decision: whether a countersignature is needed, and why. */
export interface CountersigningAnswer {
  required: boolean;
  policyVersion: string;
  /** The conditions switched on that the facts meet, in the order of `conditionIds`. */
  conditions: ConditionId[];
}

export interface CountersigningQuestion {
  /** When the decision is made. */
  at: Date;
  /** The court's region, when it has one: its switches override the version's. */
  region?: string;
  facts: CountersigningFacts;
}

/** The conditions the version in force switches on in a region (its overrides applied), in the order of `conditionIds`. */
export function conditionsSwitchedOn(policy: CountersigningPolicy, question: Omit<CountersigningQuestion, 'facts'>): { policyVersion: string; conditions: ConditionId[] } {
  const version = versionInForce(policy, question.at);
  const regional = question.region === undefined ? {} : (version.regions[question.region] ?? {});
  const switchedOn = { ...version.conditions, ...regional };
  return { policyVersion: version.id, conditions: conditionIds.filter((condition) => switchedOn[condition]) };
}

/** The policy engine: whether a suitable decision made now, on these facts, needs a countersignature. */
export function countersigningRequirement(policy: CountersigningPolicy, question: CountersigningQuestion): CountersigningAnswer {
  const { policyVersion, conditions: switchedOn } = conditionsSwitchedOn(policy, question);
  const conditions = switchedOn.filter((condition) => conditionMet(condition, question.facts));
  return { required: conditions.length > 0, policyVersion, conditions };
}

/** The checked-in policy applied to a decision at a court (its region from court-teams.json). */
export function countersigningAtCourt(courtCode: string, at: Date, facts: CountersigningFacts, policy: CountersigningPolicy = countersigningPolicy): CountersigningAnswer {
  const region = findCourtTeam(courtCode)?.region;
  return countersigningRequirement(policy, { at, ...(region === undefined ? {} : { region }), facts });
}

/**
 * Whether the checked-in policy, at a court and an instant, switches a condition on: what the
 * officer is told before recording a fact the page cannot know yet (the risk of serious harm).
 */
export function switchedOnAtCourt(courtCode: string, at: Date, condition: ConditionId, policy: CountersigningPolicy = countersigningPolicy): boolean {
  const region = findCourtTeam(courtCode)?.region;
  return conditionsSwitchedOn(policy, { at, ...(region === undefined ? {} : { region }) }).conditions.includes(condition);
}
