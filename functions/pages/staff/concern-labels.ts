import { checkConcerns, type Concern } from '#domain/check-rules';
import { conditionOfConcern, type AuthorGrade, type ConditionId, type RiskOfSeriousHarmRecord } from '#domain/countersigning-policy';
import type { CheckItem, ResidentRecord } from '#store/items';
import { residentOf } from './labels.ts';

/** The name a concern about a resident's consent uses: their full name, or "The resident". */
function residentName(check: Pick<CheckItem, 'residentId'>, residents: readonly ResidentRecord[]): string {
  return residentOf(residents, check.residentId)?.fullName ?? 'The resident';
}

/** Why an answer needs a senior probation officer's countersignature, in words. */
export function concernInWords(concern: Concern, check: Pick<CheckItem, 'residentId'>, residents: readonly ResidentRecord[]): string {
  switch (concern) {
    case 'POLICE_INFORMATION_HELD':
      return 'The police hold information';
    case 'KNOWN_TO_CHILDRENS_SERVICES':
      return "Children's services know the family";
    case 'CONSENT_NOT_GIVEN_ALONE':
      return `${residentName(check, residents)} was not spoken to alone when their consent was recorded`;
    case 'ASKED_TO_SPEAK_FIRST':
      return `${residentName(check, residents)} asked to speak to someone before giving consent`;
  }
}

/** Every concern the checks raise, in words, in the order of the checks given. */
export function concernsInWords(checks: readonly CheckItem[], residents: readonly ResidentRecord[]): string[] {
  return checks.flatMap((check) => checkConcerns(check).map((concern) => concernInWords(concern, check, residents)));
}

/** The policy's rule, said after a concern when the countersigning policy's answer includes that concern's condition. */
export const mustCountersign = 'A senior probation officer must countersign a suitable decision.';

/**
 * A concern in a sentence, followed by the rule when the policy's answer for this proposal (the
 * conditions that apply, `applied`) includes the concern's condition: a region whose policy does not
 * countersign on that concern still sees the concern, but is not told a countersignature is needed.
 */
export function concernSentence(concern: Concern, check: Pick<CheckItem, 'residentId'>, residents: readonly ResidentRecord[], applied: readonly ConditionId[]): string {
  const words = `${concernInWords(concern, check, residents)}.`;
  return applied.includes(conditionOfConcern(concern)) ? `${words} ${mustCountersign}` : words;
}

/**
 * Consent that may not have been freely given: the officer is advised, before deciding, to speak
 * to the resident again where the defendant cannot hear, and to record their answer again. Whether
 * a countersignature follows is the policy's answer (`applied`), not a fixed sentence.
 */
export function consentAdvice(checks: readonly CheckItem[], residents: readonly ResidentRecord[], applied: readonly ConditionId[]): string[] {
  return checks.flatMap((check) => {
    // Asking to speak to someone stays a concern, but once an officer has spoken to them alone there is nobody to advise them to call.
    const spokenToAlone = check.source?.via === 'OFFICER' && check.source.spokenToAlone;
    const [concern] = checkConcerns(check).filter((candidate) => candidate === 'CONSENT_NOT_GIVEN_ALONE' || (candidate === 'ASKED_TO_SPEAK_FIRST' && !spokenToAlone));
    if (concern === undefined) return [];
    const name = residentName(check, residents);
    const advice = `${concernInWords(concern, check, residents)}. Before you decide, contact ${name === 'The resident' ? 'them' : name} again, alone, where the defendant cannot hear, and record their answer again.`;
    return [applied.includes(conditionOfConcern(concern)) ? `${advice} ${mustCountersign}` : advice];
  });
}

/** Why the countersigning policy asks for a senior probation officer's countersignature, one sentence each. */
const conditionWords: Record<ConditionId, string> = {
  AGENCY_CONCERN: "The police or children's services told us something that is a concern.",
  CONSENT_MAY_NOT_BE_FREE: "A resident's consent was recorded when they were not alone, or after they asked to speak to someone first.",
  SENT_BACK_BEFORE: 'A senior probation officer sent an earlier decision back.',
  HIGH_RISK_OF_SERIOUS_HARM: 'The risk of serious harm is high or very high.',
  AUTHOR_PSO_OR_TRAINEE: 'The decision is made by a probation services officer or a trainee.',
};

/** A countersigning condition in plain English, for the officer before they decide. */
export function countersigningConditionInWords(condition: ConditionId): string {
  return conditionWords[condition];
}

/** The risk of serious harm as the officer recorded it. */
export const riskOfSeriousHarmLabels: Record<RiskOfSeriousHarmRecord, string> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  VERY_HIGH: 'Very high',
  NOT_YET_ASSESSED: 'Not yet assessed',
};

/** A grade in words, lower case, for a sentence ("decided by a probation services officer"). */
export const gradeInWords: Record<AuthorGrade, string> = {
  PROBATION_OFFICER: 'a probation officer',
  PROBATION_SERVICES_OFFICER: 'a probation services officer',
  TRAINEE: 'a trainee',
  SENIOR_PROBATION_OFFICER: 'a senior probation officer',
};

/**
 * The sentence above those reasons: a decision sent back first (the senior probation officer asked
 * for something and must see the new decision), then a concern in an answer, else the plain rule.
 */
export function countersignNote(conditions: readonly ConditionId[]): string {
  if (conditions.includes('SENT_BACK_BEFORE')) return 'A senior probation officer sent a decision back, so they must countersign a new suitable decision.';
  if (conditions.includes('AGENCY_CONCERN') || conditions.includes('CONSENT_MAY_NOT_BE_FREE')) return 'An answer raised a concern, so a senior probation officer must countersign a suitable decision.';
  return 'A senior probation officer must countersign a suitable decision.';
}
