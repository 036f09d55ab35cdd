import { describe, expect, it } from 'vitest';
import type { CheckState } from '#domain/check-rules';
import {
  conditionIds, countersigningAtCourt, countersigningPolicy, countersigningRequirement, parseCountersigningPolicy, switchedOnAtCourt, versionInForce,
  type ConditionId, type CountersigningFacts, type CountersigningPolicy,
} from '#domain/countersigning-policy';
import type { CheckAnswer } from '#schemas/answers';
import type { CheckType } from '#domain/statuses';

const responder = { name: 'Pat Officer', role: 'Detective Sergeant', organisation: 'Wiltshire Police' };
const dueAt = '2026-12-13T17:00:00.000Z';
const answered = (checkId: string, type: CheckType, answer: CheckAnswer, extra: Partial<CheckState> = {}): CheckState => ({ checkId, type, status: 'RESPONDED', answer, dueAt, ...extra });
const consent: CheckAnswer = { decision: 'CONSENT', understood: true };
const clear = (): CheckState[] => [
  answered('da', 'DOMESTIC_ABUSE', { outcome: 'NO_INFORMATION', restricted: false, responder }),
  answered('cs', 'CHILD_SAFEGUARDING', { outcome: 'NOT_KNOWN', restricted: false, responder }),
  answered('r1', 'RESIDENT_CONSENT', consent, { residentId: 'res-1', source: { via: 'LINK' } }),
];
const replace = (checks: CheckState[], check: CheckState) => checks.map((existing) => (existing.checkId === check.checkId ? check : existing));
const policeInformation = () => replace(clear(), answered('da', 'DOMESTIC_ABUSE', { outcome: 'INFORMATION_HELD', restricted: true, responder }));
const knownToChildrensServices = () => replace(clear(), answered('cs', 'CHILD_SAFEGUARDING', { outcome: 'CURRENT_INVOLVEMENT', restricted: false, responder }));
const notAlone = () => replace(clear(), answered('r1', 'RESIDENT_CONSENT', consent, { residentId: 'res-1', source: { via: 'OFFICER', spokenToAlone: false } }));
const askedToSpeakFirst = () => replace(clear(), answered('r1', 'RESIDENT_CONSENT', consent, { residentId: 'res-1', source: { via: 'OFFICER', spokenToAlone: true }, needsContactAt: dueAt }));

const allOn = Object.fromEntries(conditionIds.map((id) => [id, true])) as Record<ConditionId, boolean>;
const allOff = Object.fromEntries(conditionIds.map((id) => [id, false])) as Record<ConditionId, boolean>;
const policyOf = (versions: { id: string; effectiveFrom: string; conditions?: Record<ConditionId, boolean>; regions?: CountersigningPolicy['versions'][number]['regions'] }[]): CountersigningPolicy =>
  parseCountersigningPolicy({ source: 'test', versions: versions.map((version) => ({ conditions: allOn, regions: {}, ...version })) });
const at = new Date('2027-03-01T12:00:00Z');
const ask = (policy: CountersigningPolicy, facts: CountersigningFacts, options: { at?: Date; region?: string } = {}) =>
  countersigningRequirement(policy, { at: options.at ?? at, ...(options.region === undefined ? {} : { region: options.region }), facts });

describe('each condition', () => {
  const everything = policyOf([{ id: 'all', effectiveFrom: '2026-01-01' }]);
  it.each<[string, CountersigningFacts, ConditionId[]]>([
    ['no concern, not sent back, nothing else known', { checks: clear(), sentBack: false }, []],
    ['the police hold information', { checks: policeInformation(), sentBack: false }, ['AGENCY_CONCERN']],
    ["children's services know the family", { checks: knownToChildrensServices(), sentBack: false }, ['AGENCY_CONCERN']],
    ['consent recorded when the resident was not alone', { checks: notAlone(), sentBack: false }, ['CONSENT_MAY_NOT_BE_FREE']],
    ['consent after the resident asked to speak to someone first', { checks: askedToSpeakFirst(), sentBack: false }, ['CONSENT_MAY_NOT_BE_FREE']],
    ['a decision sent back before', { checks: clear(), sentBack: true }, ['SENT_BACK_BEFORE']],
    ['a high risk of serious harm', { checks: clear(), sentBack: false, riskOfSeriousHarm: 'HIGH' }, ['HIGH_RISK_OF_SERIOUS_HARM']],
    ['a very high risk of serious harm', { checks: clear(), sentBack: false, riskOfSeriousHarm: 'VERY_HIGH' }, ['HIGH_RISK_OF_SERIOUS_HARM']],
    ['a medium risk of serious harm', { checks: clear(), sentBack: false, riskOfSeriousHarm: 'MEDIUM' }, []],
    ['a low risk of serious harm', { checks: clear(), sentBack: false, riskOfSeriousHarm: 'LOW' }, []],
    ['a risk of serious harm not yet assessed', { checks: clear(), sentBack: false, riskOfSeriousHarm: 'NOT_YET_ASSESSED' }, []],
    ['a probation services officer deciding', { checks: clear(), sentBack: false, authorGrade: 'PROBATION_SERVICES_OFFICER' }, ['AUTHOR_PSO_OR_TRAINEE']],
    ['a trainee deciding', { checks: clear(), sentBack: false, authorGrade: 'TRAINEE' }, ['AUTHOR_PSO_OR_TRAINEE']],
    ['a probation officer deciding', { checks: clear(), sentBack: false, authorGrade: 'PROBATION_OFFICER' }, []],
    [
      'everything at once, reported in the policy order',
      { checks: [...policeInformation().slice(0, 2), notAlone()[2] as CheckState], sentBack: true, riskOfSeriousHarm: 'VERY_HIGH', authorGrade: 'TRAINEE' },
      ['AGENCY_CONCERN', 'CONSENT_MAY_NOT_BE_FREE', 'SENT_BACK_BEFORE', 'HIGH_RISK_OF_SERIOUS_HARM', 'AUTHOR_PSO_OR_TRAINEE'],
    ],
  ])('%s', (_label, facts, expected) => {
    expect(ask(everything, facts)).toEqual({ required: expected.length > 0, policyVersion: 'all', conditions: expected });
  });

  it.each(conditionIds)('%s never applies when the policy switches it off', (condition) => {
    const onlyOthers = policyOf([{ id: 'v', effectiveFrom: '2026-01-01', conditions: { ...allOn, [condition]: false } }]);
    const facts: CountersigningFacts = { checks: [...policeInformation().slice(0, 2), notAlone()[2] as CheckState], sentBack: true, riskOfSeriousHarm: 'HIGH', authorGrade: 'PROBATION_SERVICES_OFFICER' };
    expect(ask(onlyOthers, facts).conditions).toEqual(conditionIds.filter((id) => id !== condition));
  });

  it('does not count an answer still awaited, or a refusal, as a concern', () => {
    const refused = replace(clear(), answered('r1', 'RESIDENT_CONSENT', { decision: 'REFUSE' }, { source: { via: 'OFFICER', spokenToAlone: false } }));
    const awaited = replace(policeInformation(), { checkId: 'da', type: 'DOMESTIC_ABUSE', status: 'REQUESTED', dueAt });
    expect(ask(everything, { checks: refused, sentBack: false }).conditions).toEqual([]);
    expect(ask(everything, { checks: awaited, sentBack: false }).conditions).toEqual([]);
  });
});

describe('a missing fact', () => {
  it('never applies, even with every condition switched on', () => {
    const everything = policyOf([{ id: 'all', effectiveFrom: '2026-01-01' }]);
    expect(ask(everything, { checks: clear(), sentBack: false })).toEqual({ required: false, policyVersion: 'all', conditions: [] });
    expect(ask(everything, { checks: [], sentBack: false })).toEqual({ required: false, policyVersion: 'all', conditions: [] });
  });
});

describe('the version in force', () => {
  const policy = policyOf([
    { id: 'first', effectiveFrom: '2026-12-01', conditions: { ...allOff, AGENCY_CONCERN: true } },
    { id: 'second', effectiveFrom: '2027-04-01', conditions: { ...allOff, SENT_BACK_BEFORE: true } },
    { id: 'third', effectiveFrom: '2027-06-01', conditions: allOff },
  ]);
  it.each<[string, string, string]>([
    ['before the first version took effect: the first (the rule the service had before)', '2026-06-01T12:00:00Z', 'first'],
    ['on the first day of the first version', '2026-12-01T00:00:00Z', 'first'],
    ['the day before the second', '2027-03-31T22:59:59Z', 'first'],
    // 2027-03-31T23:30Z is already 1 April in London (BST): the day is London's.
    ['just after midnight in London on the second\'s day', '2027-03-31T23:30:00Z', 'second'],
    ['between the second and the third', '2027-05-15T12:00:00Z', 'second'],
    ['after the last', '2030-01-01T12:00:00Z', 'third'],
  ])('%s', (_label, instant, expected) => {
    expect(versionInForce(policy, new Date(instant)).id).toBe(expected);
  });

  it('changes what a decision made on the same facts needs, by when it is made', () => {
    const facts: CountersigningFacts = { checks: policeInformation(), sentBack: true };
    expect(ask(policy, facts, { at: new Date('2027-01-10T12:00:00Z') })).toEqual({ required: true, policyVersion: 'first', conditions: ['AGENCY_CONCERN'] });
    expect(ask(policy, facts, { at: new Date('2027-04-10T12:00:00Z') })).toEqual({ required: true, policyVersion: 'second', conditions: ['SENT_BACK_BEFORE'] });
    expect(ask(policy, facts, { at: new Date('2027-07-10T12:00:00Z') })).toEqual({ required: false, policyVersion: 'third', conditions: [] });
  });
});

describe('region overrides', () => {
  const policy = policyOf([{ id: 'v', effectiveFrom: '2026-01-01', conditions: { ...allOn, AUTHOR_PSO_OR_TRAINEE: false }, regions: { WALES: { AUTHOR_PSO_OR_TRAINEE: true, SENT_BACK_BEFORE: false } } }]);
  const facts: CountersigningFacts = { checks: clear(), sentBack: true, authorGrade: 'TRAINEE' };

  it('switches conditions on and off for the region named, leaving the rest as the version says', () => {
    expect(ask(policy, facts, { region: 'WALES' }).conditions).toEqual(['AUTHOR_PSO_OR_TRAINEE']);
    expect(ask(policy, { ...facts, checks: policeInformation() }, { region: 'WALES' }).conditions).toEqual(['AGENCY_CONCERN', 'AUTHOR_PSO_OR_TRAINEE']);
  });

  it('uses the version as it is for another region, or a court without one', () => {
    expect(ask(policy, facts, { region: 'SOUTH_WEST' }).conditions).toEqual(['SENT_BACK_BEFORE']);
    expect(ask(policy, facts).conditions).toEqual(['SENT_BACK_BEFORE']);
  });

  it("finds a court's region in the court team data", () => {
    // Cardiff is in WALES (court-teams.json).
    expect(countersigningAtCourt('C01CF00', at, facts, policy).conditions).toEqual(['AUTHOR_PSO_OR_TRAINEE']);
    expect(countersigningAtCourt('B01LY00', at, facts, policy).conditions).toEqual(['SENT_BACK_BEFORE']);
    expect(countersigningAtCourt('NOT-A-COURT', at, facts, policy).conditions).toEqual(['SENT_BACK_BEFORE']);
  });
});

describe('the checked-in policy', () => {
  it("first version is the rule decide had in code: concerns (consent's included) and decisions sent back, nothing else", () => {
    const [first] = countersigningPolicy.versions;
    expect(first?.conditions).toEqual({ AGENCY_CONCERN: true, CONSENT_MAY_NOT_BE_FREE: true, SENT_BACK_BEFORE: true, HIGH_RISK_OF_SERIOUS_HARM: false, AUTHOR_PSO_OR_TRAINEE: false });
    expect(first?.regions).toEqual({});
  });

  it.each(['B01LY00', 'B01CN00', 'C01CF00'])('needs a countersignature at %s, under the first version, exactly when an answer raised a concern or a decision was sent back', (court) => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(countersigningAtCourt(court, now, { checks: clear(), sentBack: false, riskOfSeriousHarm: 'VERY_HIGH', authorGrade: 'TRAINEE' }).required).toBe(false);
    expect(countersigningAtCourt(court, now, { checks: askedToSpeakFirst(), sentBack: false }).conditions).toEqual(['CONSENT_MAY_NOT_BE_FREE']);
    expect(countersigningAtCourt(court, now, { checks: knownToChildrensServices(), sentBack: true }).conditions).toEqual(['AGENCY_CONCERN', 'SENT_BACK_BEFORE']);
  });
});

describe('the checked-in policy from 2026-12-03', () => {
  const now = new Date('2026-12-03T09:00:00Z');
  const officer = { checks: clear(), sentBack: false } as const;

  it.each(['B01LY00', 'B01CN00', 'C01CF00'])('at %s asks for a countersignature on a high or very high risk of serious harm, and not on a lower or unassessed one', (court) => {
    expect(countersigningAtCourt(court, now, { ...officer, riskOfSeriousHarm: 'HIGH' })).toEqual({ required: true, policyVersion: '2026-12-03', conditions: ['HIGH_RISK_OF_SERIOUS_HARM'] });
    expect(countersigningAtCourt(court, now, { ...officer, riskOfSeriousHarm: 'VERY_HIGH' }).conditions).toEqual(['HIGH_RISK_OF_SERIOUS_HARM']);
    expect(countersigningAtCourt(court, now, { ...officer, riskOfSeriousHarm: 'MEDIUM' }).required).toBe(false);
    expect(countersigningAtCourt(court, now, { ...officer, riskOfSeriousHarm: 'NOT_YET_ASSESSED' }).required).toBe(false);
    expect(switchedOnAtCourt(court, now, 'HIGH_RISK_OF_SERIOUS_HARM')).toBe(true);
  });

  it('asks for one on a decision by a probation services officer or a trainee in the South West only (Swindon, Chippenham), not in Wales (Cardiff)', () => {
    for (const court of ['B01LY00', 'B01CN00']) {
      expect(countersigningAtCourt(court, now, { ...officer, authorGrade: 'PROBATION_SERVICES_OFFICER' }).conditions).toEqual(['AUTHOR_PSO_OR_TRAINEE']);
      expect(countersigningAtCourt(court, now, { ...officer, authorGrade: 'TRAINEE' }).conditions).toEqual(['AUTHOR_PSO_OR_TRAINEE']);
      expect(countersigningAtCourt(court, now, { ...officer, authorGrade: 'PROBATION_OFFICER' }).required).toBe(false);
      expect(switchedOnAtCourt(court, now, 'AUTHOR_PSO_OR_TRAINEE')).toBe(true);
    }
    expect(countersigningAtCourt('C01CF00', now, { ...officer, authorGrade: 'PROBATION_SERVICES_OFFICER' })).toEqual({ required: false, policyVersion: '2026-12-03', conditions: [] });
    expect(switchedOnAtCourt('C01CF00', now, 'AUTHOR_PSO_OR_TRAINEE')).toBe(false);
  });

  it('leaves decisions of the day before under the first version, which knew neither condition', () => {
    const dayBefore = new Date('2026-12-02T23:59:00Z');
    expect(countersigningAtCourt('B01LY00', dayBefore, { ...officer, riskOfSeriousHarm: 'VERY_HIGH', authorGrade: 'TRAINEE' })).toEqual({ required: false, policyVersion: '2026-12-01', conditions: [] });
  });
});

describe('parseCountersigningPolicy', () => {
  const version = { id: 'v1', effectiveFrom: '2026-12-01', conditions: allOn, regions: {} };
  it.each<[string, unknown, string]>([
    ['no versions', { source: 's', versions: [] }, 'versions'],
    ['a condition left out', { source: 's', versions: [{ ...version, conditions: { ...allOn, AGENCY_CONCERN: undefined } }] }, 'AGENCY_CONCERN'],
    ['an unknown condition', { source: 's', versions: [{ ...version, conditions: { ...allOn, SOMETHING_ELSE: true } }] }, 'SOMETHING_ELSE'],
    ['an unknown condition in a region', { source: 's', versions: [{ ...version, regions: { WALES: { SOMETHING_ELSE: true } } }] }, 'SOMETHING_ELSE'],
    ['a region not in upper snake case', { source: 's', versions: [{ ...version, regions: { wales: {} } }] }, 'regions.wales'],
    ['a date that is not a date', { source: 's', versions: [{ ...version, effectiveFrom: '2026-02-30' }] }, 'effectiveFrom'],
    ['the same id twice', { source: 's', versions: [version, { ...version, effectiveFrom: '2027-01-01' }] }, 'Each version id may be used once'],
    ['versions out of order', { source: 's', versions: [version, { ...version, id: 'v0', effectiveFrom: '2026-01-01' }] }, 'oldest first'],
    ['two versions on one day', { source: 's', versions: [version, { ...version, id: 'v2' }] }, 'oldest first'],
  ])('refuses %s', (_label, data, message) => {
    expect(() => parseCountersigningPolicy(data)).toThrow(message);
  });
});
