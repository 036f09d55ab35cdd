import { describe, expect, it } from 'vitest';
import { conditionIds } from '#domain/countersigning-policy';
import { countersignNote, countersigningConditionInWords } from '#pages/staff/concern-labels';
import { proposalPageView } from '#pages/staff/proposal-sections';
import { renderPage } from '#pages/render';
import { proposalView } from '#proposals/proposal-view';
import { queueView } from '#pages/staff/proposal-lists';
import { countersignView } from '#pages/staff/report-views';
import { answeredChecks, check, now, stored } from './staff-fixtures.ts';

const officer = { viewer: { id: 'court.officer', role: 'COURT_OFFICER' as const }, now, staffName: (id: string) => id };
const sentBackRound = {
  decision: { outcome: 'SUITABLE' as const, rationale: 'ok', by: 'court.officer', at: '2026-03-01T15:00:00Z' },
  countersignature: { agree: false as const, comment: 'Speak to her alone', by: 'spo', at: '2026-03-01T16:00:00Z' },
};
const clearChecks = () => answeredChecks().map((item) => (item.type === 'DOMESTIC_ABUSE' ? { ...item, answer: { outcome: 'NO_INFORMATION' as const, restricted: false, responder: { name: 'DS Pat Quinn', role: 'PPU', organisation: 'Wiltshire Police' } } } : item));
const notAloneChecks = () => clearChecks().map((item) => (item.type === 'RESIDENT_CONSENT' ? { ...item, source: { via: 'OFFICER' as const, recordedBy: 'court.officer', method: 'PHONE' as const, spokenToAlone: false } } : item));

describe('before deciding, the officer sees whether a countersignature will be needed and why', () => {
  it('names an agency concern', () => {
    const { actions } = proposalPageView(stored({ status: 'AWAITING_DECISION', concerns: true }, answeredChecks()), officer);
    expect(actions.needsCountersign).toBe(true);
    expect(actions.countersignNote).toBe('An answer raised a concern, so a senior probation officer must countersign a suitable decision.');
    expect(actions.countersignReasons).toEqual(["The police or children's services told us something that is a concern."]);
  });

  it('names consent that may not have been freely given', () => {
    const { actions } = proposalPageView(stored({ status: 'AWAITING_DECISION', concerns: true }, notAloneChecks()), officer);
    expect(actions.countersignReasons).toEqual(["A resident's consent was recorded when they were not alone, or after they asked to speak to someone first."]);
  });

  it('names a decision sent back, after any concern, and leads with it', () => {
    const { actions } = proposalPageView(stored({ status: 'AWAITING_DECISION', concerns: true, returns: [sentBackRound] }, answeredChecks()), officer);
    expect(actions.countersignNote).toBe('A senior probation officer sent a decision back, so they must countersign a new suitable decision.');
    expect(actions.countersignReasons).toEqual(["The police or children's services told us something that is a concern.", 'A senior probation officer sent an earlier decision back.']);
  });

  it('says nothing when no condition applies', () => {
    const { actions } = proposalPageView(stored({ status: 'AWAITING_DECISION' }, clearChecks()), officer);
    expect(actions).toMatchObject({ needsCountersign: false, countersignNote: undefined, countersignReasons: [] });
  });

  it('says nothing while suitable cannot be chosen', () => {
    const { actions } = proposalPageView(stored({ status: 'CHECKS_IN_PROGRESS' }, [check('DOMESTIC_ABUSE'), ...answeredChecks().slice(1)]), officer);
    expect(actions).toMatchObject({ suitableAllowed: false, needsCountersign: false, countersignReasons: [] });
  });

  it('shows the sentence and each reason beside the decision form', () => {
    const view = proposalPageView(stored({ status: 'AWAITING_DECISION', concerns: true, returns: [sentBackRound] }, notAloneChecks()), officer);
    const html = renderPage('staff/proposal.njk', { navigation: [], view, csrfToken: 't' }).body ?? '';
    const reasons = /data-qa="countersign-reasons">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    expect([...reasons.matchAll(/<li>([^<]*)<\/li>/g)].map((match) => match[1])).toEqual([
      'A resident&#39;s consent was recorded when they were not alone, or after they asked to speak to someone first.',
      'A senior probation officer sent an earlier decision back.',
    ]);
    expect(html).toContain('data-qa="countersign-note">A senior probation officer sent a decision back, so they must countersign a new suitable decision.</p>');
  });
});

describe('the words for each condition', () => {
  it('are one short sentence each, for every condition the policy knows', () => {
    for (const condition of conditionIds) expect(countersigningConditionInWords(condition)).toMatch(/^[A-Z][^.]{10,120}\.$/);
  });

  it('lead with a plain rule when only a condition outside the answers applies', () => {
    expect(countersignNote(['HIGH_RISK_OF_SERIOUS_HARM'])).toBe('A senior probation officer must countersign a suitable decision.');
    expect(countersignNote(['AUTHOR_PSO_OR_TRAINEE'])).toBe('A senior probation officer must countersign a suitable decision.');
  });
});

describe('a decision stored before the policy was kept as data', () => {
  it('still loads and shows, with no countersigning record, in the page and the JSON view', () => {
    const old = stored({ status: 'AWAITING_COUNTERSIGN', concerns: true, decision: { outcome: 'SUITABLE', rationale: 'ok', by: 'court.officer', at: '2026-03-02T09:00:00Z' } }, answeredChecks());
    const page = proposalPageView(old, officer);
    expect(page.decision).toMatchObject({ outcome: 'SUITABLE', rationale: 'ok' });
    expect(renderPage('staff/proposal.njk', { navigation: [], view: page, csrfToken: 't' }).statusCode).toBe(200);
    expect(proposalView(old).decision).toEqual({ outcome: 'SUITABLE', rationale: 'ok', by: 'court.officer', at: '2026-03-02T09:00:00Z' });
  });
});

describe('the risk of serious harm and the author\'s grade (policy version 2026-12-03)', () => {
  const afterNewVersion = new Date('2026-12-04T10:00:00Z');
  const officerNow = { ...officer, now: afterNewVersion };
  const decidedHigh = { outcome: 'SUITABLE' as const, rationale: 'ok', by: 'pso.officer', at: '2026-12-04T09:00:00Z', riskOfSeriousHarm: 'VERY_HIGH' as const, authorGrade: 'PROBATION_SERVICES_OFFICER' as const, countersigning: { policyVersion: '2026-12-03', conditions: ['HIGH_RISK_OF_SERIOUS_HARM' as const, 'AUTHOR_PSO_OR_TRAINEE' as const] } };

  it('tells the officer, before they choose the level, that high or very high needs a countersignature, and offers every level', () => {
    const { actions } = proposalPageView(stored({ status: 'AWAITING_DECISION' }, clearChecks()), officerNow);
    expect(actions.riskHint).toBe('From the assessment. If it is high or very high, a senior probation officer must countersign a suitable decision.');
    expect(actions.riskItems.map((item) => item.text)).toEqual(['Low', 'Medium', 'High', 'Very high', 'Not yet assessed']);
    // Before that version, the policy did not ask: the hint does not say it would.
    expect(proposalPageView(stored({ status: 'AWAITING_DECISION' }, clearChecks()), officer).actions.riskHint).toBe('From the assessment.');
  });

  it('names a probation services officer at Swindon, from their grade, and a high level typed in a form sent back with an error', () => {
    const pso = { ...officerNow, viewer: { id: 'pso.officer', role: 'COURT_OFFICER' as const, grade: 'PROBATION_SERVICES_OFFICER' as const } };
    expect(proposalPageView(stored({ status: 'AWAITING_DECISION' }, clearChecks()), pso).actions.countersignReasons).toEqual(['The decision is made by a probation services officer or a trainee.']);
    const typedHigh = proposalPageView(stored({ status: 'AWAITING_DECISION' }, clearChecks()), { ...officerNow, values: { 'decision-riskOfSeriousHarm': 'HIGH' } });
    expect(typedHigh.actions.countersignReasons).toEqual(['The risk of serious harm is high or very high.']);
    expect(typedHigh.actions.riskItems.find((item) => item.checked)?.value).toBe('HIGH');
  });

  it("shows the stored decision's level and why it needed a countersignature, from what was stored, not the policy now", () => {
    const view = proposalPageView(stored({ status: 'AWAITING_COUNTERSIGN', decision: decidedHigh }, clearChecks()), officerNow);
    expect(view.decision).toMatchObject({ riskOfSeriousHarm: 'Very high', countersignReasons: ['The risk of serious harm is high or very high.', 'The decision is made by a probation services officer or a trainee.'] });
    const html = renderPage('staff/proposal.njk', { navigation: [], view, csrfToken: 't' }).body ?? '';
    expect(html).toContain('data-qa="decision-risk">Very high</dd>');
    expect(html).toContain('Countersignature needed because');
  });

  it("tells the senior probation officer's queue why, from the stored conditions, with the level and the grade", () => {
    const queue = queueView([{ proposal: { ...stored().proposal, status: 'AWAITING_COUNTERSIGN', decision: decidedHigh }, checks: clearChecks() }], afterNewVersion);
    expect(queue.countersign[0]?.reasons).toEqual(['Risk of serious harm recorded as very high', 'Decided by a probation services officer']);
    // The countersigning page says the same, with the level, even though no answer raised a concern.
    const page = countersignView({ ...stored().proposal, status: 'AWAITING_COUNTERSIGN', decision: decidedHigh }, clearChecks(), { viewerId: 'spo', staffName: (id) => id });
    expect(page).toMatchObject({ why: ['Risk of serious harm recorded as very high', 'Decided by a probation services officer'], decision: { riskOfSeriousHarm: 'Very high' }, concerns: [] });
    expect(renderPage('staff/countersign.njk', { navigation: [], view: page, csrfToken: 't' }).body).toContain('Why it needs countersigning');
  });

  it("words a concern's card with the countersigning rule only when the policy's answer includes it", () => {
    const withConcern = stored({ status: 'AWAITING_COUNTERSIGN', concerns: true, decision: { ...decidedHigh, countersigning: { policyVersion: 'regional', conditions: ['HIGH_RISK_OF_SERIOUS_HARM'] } } }, answeredChecks());
    const card = proposalPageView(withConcern, officerNow).checks.find((row) => row.type === 'DOMESTIC_ABUSE');
    expect(card?.concern?.reasons).toEqual(['The police hold information.']);
    const counted = proposalPageView(stored({ status: 'AWAITING_DECISION', concerns: true }, answeredChecks()), officerNow).checks.find((row) => row.type === 'DOMESTIC_ABUSE');
    expect(counted?.concern?.reasons).toEqual(['The police hold information. A senior probation officer must countersign a suitable decision.']);
  });
});
