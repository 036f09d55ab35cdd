import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '#domain/london-time';
import { periodContaining } from '#domain/performance';
import { setClockOffsetForTesting } from '#runtime/clock';
import { addDays, todayInLondon } from '../support/dates.ts';
import { requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';
import { signIn } from '../support/sign-in.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { apiClient, type ApiClient } from '../support/api-client.ts';
import { consent, informationHeld, noInformation, notKnown, proposalBody } from '../support/proposals.ts';

/**
 * The P&Q view against the local stack: proposals made through the real API, whose figures are
 * known, counted from the table's stream (never a read of a proposal), and read back from the page
 * and its CSV exactly, small cells suppressed, for an SPO (their courts only) and a performance
 * lead (their region only).
 *
 * Swindon (B01LY00, South West), six proposals heard on one day:
 *   P1, P2  every check answered 3 hours after it was asked, decided suitable;
 *   P3      likewise, but the police hold information: suitable, countersigned by the SPO;
 *   P4      answered, decided unsuitable;         P5  answered, still waiting for the decision;
 *   P6      withdrawn before anyone answered.
 * Cardiff (C01CF00, Wales), two proposals nobody in the South West may count.
 */
const { stack, api: apiNow, restart } = useLocalStack();
/**
 * The API as callers use it; after the clock moves, signed in like a browser (a session begun at
 * the moved clock), since the local provider's access tokens are issued at the real one.
 */
let api: ApiClient;

const answerDelayMs = 3 * 3600_000;
const today = todayInLondon();
const hearingDate = addDays(today, 14);
let swindon: string[] = [];
let answeredAt: Date;


/** The CSV's rows as `table|first column` → the rest, for one viewer, period and court. */
async function csvFigures(user: string, period: string, court = 'all'): Promise<Map<string, string[]>> {
  const response = await fetch(`${stack.url}/performance.csv?period=${period}&court=${court}`, { headers: { cookie: (await signIn(stack.url, user)).cookie } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="performance-/);
  const rows = (await response.text())
    .trim()
    .split('\r\n')
    .map((line) => line.slice(1, -1).split('","'));
  return new Map(rows.map((row) => [`${row[2]}|${row[3]}`, row.slice(4)]));
}

const quarterOf = (date: string) => periodContaining('quarter', date).value;

beforeAll(async () => {
  api = apiNow;
  // Every proposal starts now; each check is asked for at once.
  const ids = [];
  for (let index = 0; index < 6; index += 1) ids.push(await startChecks(api, proposalBody({ hearingDate })));
  swindon = ids;
  const requests = await Promise.all(ids.map((id) => requestsFor(api, id, 3)));
  await startChecks(api, proposalBody({ hearingDate, courtCode: 'C01CF00' }), 'other.officer');
  await startChecks(api, proposalBody({ hearingDate, courtCode: 'C01CF00' }), 'other.officer');

  // P6 is withdrawn at once; the other five are answered 3 hours later.
  const [p1, p2, p3, p4, p5, p6] = ids as [string, string, string, string, string, string];
  expect((await api.post(`/api/proposals/${p6}/withdraw`, { reason: 'The court asked for another report' }, 'court.officer')).status).toBe(200);
  setClockOffsetForTesting(answerDelayMs);
  api = apiClient(stack.url, { auth: 'session' });
  answeredAt = new Date(Date.now() + answerDelayMs);
  for (const [index, request] of requests.slice(0, 5).entries()) {
    await api.answer(request.police.url ?? '', index === 2 ? informationHeld : noInformation);
    await api.answer(request.childrensServices.url ?? '', notKnown);
    await api.answer(request.residents[0]?.url ?? '', consent);
  }
  for (const id of [p1, p2, p3, p4, p5]) await statusBecomes(api, id, 'AWAITING_DECISION');
  for (const id of [p1, p2]) expect((await api.post(`/api/proposals/${id}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'All clear' }, 'court.officer')).status).toBe(200);
  expect((await api.post(`/api/proposals/${p3}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Information considered' }, 'court.officer')).status).toBe(200);
  expect((await api.post(`/api/proposals/${p3}/countersign`, { agree: true, comment: '' }, 'spo')).status).toBe(200);
  expect((await api.post(`/api/proposals/${p4}/decision`, { outcome: 'UNSUITABLE', rationale: 'Not suitable' }, 'court.officer')).status).toBe(200);
  await stack.drainTableStream();
}, 240_000);

afterAll(() => {
  setClockOffsetForTesting(0);
});

describe('the performance and quality view', () => {
  it('shows an SPO exactly the figures of their court, small cells as "fewer than 5", and not another court\'s proposals', async () => {
    const started = await csvFigures('spo', quarterOf(today));
    expect(started.get('Proposals started and their outcome|Started')).toEqual(['6']);
    expect(started.get('Proposals started and their outcome|Suitable')).toEqual(['fewer than 5']);
    expect(started.get('Proposals started and their outcome|Unsuitable')).toEqual(['fewer than 5']);
    expect(started.get('Proposals started and their outcome|Withdrawn')).toEqual(['fewer than 5']);
    expect(started.get('Proposals started and their outcome|Still open')).toEqual(['fewer than 5']);

    // Hearings count in the hearing's week: five heard (one withdrawn before), every check of each answered before.
    const heard = await csvFigures('spo', quarterOf(hearingDate));
    expect(heard.get('Every check answered before the hearing|100%')).toEqual(['of 5 heard']);

    // Answers count in the week they came: five of each check, each 3 hours after it was asked.
    const answers = await csvFigures('spo', quarterOf(londonDate(answeredAt)));
    expect(answers.get('Time to answer, by check|Domestic abuse (police)')).toEqual(['5', 'within 4 hours', 'within 4 hours', '0']);
    expect(answers.get("Time to answer, by check|Child safeguarding (children's services)")).toEqual(['5', 'within 4 hours', 'within 4 hours', '0']);
    expect(answers.get('Time to answer, by police force (domestic abuse checks)|Wiltshire Police')).toEqual(['5', 'within 4 hours', 'within 4 hours', 'not shown: fewer than 5 answers in a half']);
    expect(answers.get("Time to answer, by local authority (children's services checks)|Swindon")).toEqual(['5', 'within 4 hours', 'within 4 hours', 'not shown: fewer than 5 answers in a half']);
    expect(answers.get('Residents|Gave consent themselves, through their link')).toEqual(['5']);
    expect(answers.get('Residents|Refused consent')).toEqual(['0']);
    expect(answers.get('Countersigning|Suitable decisions that needed a countersignature')).toEqual(['fewer than 5']);
    expect(answers.get('Countersigning|Why: The police or children’s services raised a concern')).toEqual(['fewer than 5']);
    expect(answers.get('Countersigning|Why: A decision was sent back before')).toEqual(['0']);
    expect(answers.get('Countersigning|Agreed by a senior probation officer')).toEqual(['fewer than 5']);
    expect(answers.get('Countersigning|Wait for a senior probation officer: median')).toEqual(['not shown: fewer than 5 answers']);

    // Cardiff's SPO sees Cardiff's two starts only.
    expect((await csvFigures('other.spo', quarterOf(today))).get('Proposals started and their outcome|Started')).toEqual(['fewer than 5']);
  });

  it('shows a performance lead every court of their region and no other, and refuses a court outside it', async () => {
    const page = await api.get<{ page?: string }>(`/performance?period=${quarterOf(today)}`, 'performance.lead');
    expect(page.status).toBe(200);
    const text = (page.body.page ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Swindon Magistrates');
    expect(text).toContain('Chippenham');
    expect(text).not.toContain('Cardiff');
    expect(text).toContain('All your courts (2)');
    expect(page.body.page).toContain('role="img"');
    expect((await csvFigures('performance.lead', quarterOf(today))).get('Proposals started and their outcome|Started')).toEqual(['6']);
    expect((await csvFigures('performance.lead', quarterOf(today), 'B01CN00')).get('Proposals started and their outcome|Started')).toEqual(['0']);

    const elsewhere = await api.get<{ page?: string }>('/performance?court=C01CF00', 'performance.lead');
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.page).toContain('Choose one of your courts, or all of them');
    expect(elsewhere.body.page).toContain('govuk-error-summary');
  });

  it('counts nothing twice when the stream is read again from its start (a restart replays every record)', async () => {
    const before = await csvFigures('spo', quarterOf(londonDate(answeredAt)));
    await restart();
    await stack.drainTableStream();
    const after = await csvFigures('spo', quarterOf(londonDate(answeredAt)));
    expect(after.get('Proposals started and their outcome|Started')).toEqual(['6']);
    expect([...after.entries()]).toEqual([...before.entries()]);
  });

  it('answers a period that is not one with the page and its error (400), and shows no case nor records any view', async () => {
    const before = (await viewOf(api, swindon[0] ?? '')).events.length;
    for (const period of ['2026-13', 'last-year', '2026-W60']) {
      const response = await api.get<{ page?: string }>(`/performance?period=${period}`, 'spo');
      expect(response.status).toBe(400);
      expect(response.body.page).toContain('Choose a week, month, quarter or year from the list');
    }
    const page = await api.get<{ page?: string }>('/performance', 'spo');
    expect(page.status).toBe(200);
    for (const id of swindon) expect(page.body.page).not.toContain(id);
    expect(page.body.page).not.toContain('Example');
    // viewOf itself is audited once: nothing else was added by the pages.
    expect((await viewOf(api, swindon[0] ?? '')).events.length).toBe(before + 1);
  });
});
