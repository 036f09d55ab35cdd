import { afterAll, describe, expect, it } from 'vitest';
import { setClockOffsetForTesting } from '#runtime/clock';
import { apiClient, tokenFrom } from '../support/api-client.ts';
import { requestsFor, startChecks, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { consent, proposalBody } from '../support/proposals.ts';
import { signInAsBrowser } from '../support/sign-in.ts';

// Sessions, not provider tokens: a session started at the moved clock stays valid there.
const { stack, sessionApi: api } = useLocalStack();

afterAll(() => {
  setClockOffsetForTesting(0);
});

/** Opens a link as a browser would (without following the redirect) and returns the link cookie. */
async function open(url: string): Promise<string> {
  const response = await fetch(`${stack.url}/r/${tokenFrom(url)}`, { redirect: 'manual' });
  return response.headers.getSetCookie()[0]?.split(';')[0] ?? '';
}

async function linkPage(cookie: string, query = '') {
  const response = await fetch(`${stack.url}/respond${query}`, { headers: { cookie, accept: 'text/html' } });
  return { status: response.status, page: await response.text() };
}

async function askForNewLink(cookie: string, lang: string) {
  const response = await fetch(`${stack.url}/respond/new-link`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ lang }).toString() });
  return { status: response.status, page: await response.text() };
}

const noticesAbout = async (proposalId: string) => (await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === 'NEW_LINK_REQUESTED');

describe('asking for a new link', () => {
  it("lets an expired link's holder ask once; the officer is told and sends it with one click; the old link stops and the new one works", async () => {
    // Prepare: checks started; eight days later the resident's seven-day link has expired, and the check still waits.
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const firstLink = requests.residents[0]?.url ?? '';
    const resident = (await viewOf(api, proposalId)).checks.find((check) => check.type === 'RESIDENT_CONSENT');
    setClockOffsetForTesting(8 * 24 * 3600_000);
    // Sessions started at the moved clock (those started before it have timed out there).
    const later = apiClient(stack.url, { auth: 'session' });
    const cookie = await open(firstLink);

    // The page offers a new link; opening it (GET, as a mail scanner would) changes nothing.
    const offered = await linkPage(cookie);
    expect(offered.status).toBe(410);
    expect(offered.page).toContain('action="/respond/new-link"');
    expect(offered.page).toContain('Ask for a new link');
    expect((await linkPage(cookie, '?lang=cy')).page).toContain('Gofyn am ddolen newydd');
    expect(await noticesAbout(proposalId)).toEqual([]);
    // An unknown link is offered nothing.
    expect((await linkPage(`link=${'B'.repeat(43)}`)).page).not.toContain('/respond/new-link');

    // Act: the holder asks, then asks again (in Welsh).
    const asked = await askForNewLink(cookie, 'en');
    const again = await askForNewLink(cookie, 'cy');

    // Assess: told the team was asked and how to reach it, nothing about the case; asked once.
    expect(asked.status).toBe(200);
    expect(asked.page).toContain('We have asked for a new link');
    expect(asked.page).toContain('swindon.court.team@probation.example');
    expect(asked.page).toContain('Exit this page');
    expect(asked.page).not.toMatch(/Sam|Example|High Street|SN1 1AA|1990|19:00/);
    expect(again.status).toBe(200);
    expect(again.page).toContain('Rydych eisoes wedi gofyn am ddolen newydd');
    const notices = await noticesAbout(proposalId);
    expect(notices.map((notice) => [notice.to, notice.checkType])).toEqual([['court.officer@probation.example', 'RESIDENT_CONSENT']]);
    const view = await viewOf(later, proposalId);
    // The JSON view says so too, for programs.
    expect(view.checks.find((check) => check.type === 'RESIDENT_CONSENT')).toHaveProperty('newLinkRequestedAt');
    expect(view.events.filter((event) => event.type === 'NEW_LINK_REQUESTED').map((event) => event.actor)).toEqual(['RESIDENT']);

    // The officer sees it on the proposal page and sends the new link in one POST.
    const officer = await signInAsBrowser(stack.url, 'court.officer');
    const before = await officer.open(`${stack.url}/proposals/${proposalId}`);
    expect(before.page).toContain('Alex Resident asked for a new link');
    expect(before.page).toContain('data-qa="send-new-link"');
    const sent = await officer.fetch(`${stack.url}/proposals/${proposalId}/checks/${resident?.checkId}/resend`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: officer.csrfToken, resendCount: '0' }).toString(),
    });
    expect(sent.status).toBeLessThan(400);
    const after = await officer.open(`${stack.url}/proposals/${proposalId}`);
    expect(after.page).not.toContain('asked for a new link');
    const resent = await viewOf(later, proposalId);
    expect(resent.events.filter((event) => event.type === 'LINK_RESENT')).toHaveLength(1);
    expect(resent.checks.find((check) => check.type === 'RESIDENT_CONSENT')).not.toHaveProperty('newLinkRequestedAt');

    // The old link no longer answers; the new one does; then neither offers a new link.
    const newLink = (await api.outbox()).find((message) => message.proposalId === proposalId && message.id.startsWith('RESEND#'))?.url ?? '';
    expect((await api.answer(firstLink, consent)).status).toBe(410);
    expect((await api.answer(newLink, consent)).status).toBe(200);
    expect((await linkPage(cookie)).page).not.toContain('/respond/new-link');
    expect((await askForNewLink(cookie, 'en')).status).toBe(410);
    expect(await noticesAbout(proposalId)).toHaveLength(1);
  });
});
