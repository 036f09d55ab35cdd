import { describe, expect, it } from 'vitest';
import { tokenFrom } from '../support/api-client.ts';
import { consent, informationHeld, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

const { stack, api } = useLocalStack();

/** The audit records of answers tried through a link already used (what they said is never kept). */
const laterAttempts = async (proposalId: string) =>
  (await api.get<{ records: Record<string, unknown>[] }>(`/api/proposals/${proposalId}/audit`, 'court.officer')).body.records.filter((record) => record.action === 'LATER_ANSWER_ATTEMPTED');

/** Opens a link as a browser would (without following the redirect) and returns the link cookie. */
async function open(url: string, method = 'GET') {
  const response = await fetch(`${stack.url}/r/${tokenFrom(url)}`, { method, redirect: 'manual' });
  const setCookie = response.headers.getSetCookie();
  return { response, setCookie, cookie: setCookie[0]?.split(';')[0] ?? '' };
}

/** The link page's JSON (for systems): asked for with Accept, and posted as JSON. Browsers get pages (test/browser/link-pages.test.ts). */
async function respond(cookie: string, method: 'GET' | 'POST', body?: object) {
  const response = await fetch(`${stack.url}/respond`, { method, headers: { cookie, accept: 'application/json', 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, setCookie: response.headers.getSetCookie() };
}

describe('opening a link', () => {
  it('moves the token into a short-lived cookie scoped to the link page and redirects to an address without it', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const { police } = await requestsFor(api, proposalId, 3);
    const { response, setCookie } = await open(police.url ?? '');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/respond');
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^link=[A-Za-z0-9_-]{43}; Path=\/respond; Max-Age=3600; HttpOnly; SameSite=Lax$/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('changes nothing when a mail scanner opens it with GET, HEAD or OPTIONS, or reads the page', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const { police } = await requestsFor(api, proposalId, 3);
    const { cookie } = await open(police.url ?? '');
    expect((await open(police.url ?? '', 'HEAD')).response.status).toBe(303);
    expect((await fetch(`${stack.url}/r/${tokenFrom(police.url ?? '')}`, { method: 'OPTIONS' })).status).toBe(204);
    expect((await respond(cookie, 'GET')).status).toBe(200);
    expect((await respond(cookie, 'GET')).status).toBe(200);
    expect((await viewOf(api, proposalId)).checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.status).toBe('REQUESTED');
    const answered = await respond(cookie, 'POST', noInformation);
    expect(answered.status).toBe(200);
    expect(answered.setCookie[0]).toMatch(/^link=; Path=\/respond; Max-Age=0/);
  });

  it('gives the same redirect for a token that does not exist, so opening cannot be used to test tokens', async () => {
    const { response, setCookie } = await open('/r/not-a-real-token-at-all');
    expect(response.status).toBe(303);
    expect(setCookie).toHaveLength(1);
  });
});

describe('the link page', () => {
  it('shows an agency who the person is, the address and the adults there, and nothing of other answers', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    const { cookie } = await open(requests.childrensServices.url ?? '');
    const page = await respond(cookie, 'GET');
    expect(page.body).toMatchObject({
      checkType: 'CHILD_SAFEGUARDING',
      defendant: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '1990-04-01' },
      address: { line1: '1 High Street', postcode: 'SN1 1AA' },
      adultsAtAddress: ['Alex Resident'],
    });
    expect(JSON.stringify(page.body)).not.toMatch(/CONSENT|decision|outcome|email|pnc|crn/i);
  });

  it("shows a resident the person's name and the curfew, not their date of birth or the address details of others", async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', noInformation);
    const { cookie } = await open(requests.residents[0]?.url ?? '');
    const page = await respond(cookie, 'GET');
    expect(page.body).toMatchObject({ checkType: 'RESIDENT_CONSENT', defendant: { givenName: 'Sam', familyName: 'Example' }, language: 'en' });
    expect(page.body).toHaveProperty('curfew.periods');
    expect(JSON.stringify(page.body)).not.toMatch(/dateOfBirth|NO_INFORMATION|responder|adultsAtAddress/);
  });

  it('refuses without a link cookie', async () => {
    expect((await respond('', 'GET')).status).toBe(404);
    expect((await respond('', 'POST', consent)).status).toBe(404);
  });
});

describe('answering through a link', () => {
  it('stores exactly one answer and completes the task once when 20 answers arrive at the same moment', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const { police } = await requestsFor(api, proposalId, 3);
    const { cookie } = await open(police.url ?? '');
    const results = await Promise.all(Array.from({ length: 20 }, () => respond(cookie, 'POST', noInformation)));
    const statuses = results.map((result) => result.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 410)).toHaveLength(19);
    const audit = await api.get<{ records: { action: string; checkId?: string }[] }>(`/api/proposals/${proposalId}/audit`, 'court.officer');
    expect(audit.body.records.filter((record) => record.action === 'CHECK_ANSWERED')).toHaveLength(1);
    // The same answer sent again is a retry, not a later answer: the officer is told of none.
    expect(await laterAttempts(proposalId)).toEqual([]);
  });

  it('through the JSON API, refuses a used link with 410 and records a different answer as tried, a retry of the same not', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const { police } = await requestsFor(api, proposalId, 3);
    expect((await api.answer(police.url ?? '', noInformation)).status).toBe(200);
    expect((await api.answer(police.url ?? '', noInformation)).status).toBe(410);
    expect(await laterAttempts(proposalId)).toEqual([]);
    expect((await api.answer(police.url ?? '', { ...informationHeld })).status).toBe(410);
    expect((await laterAttempts(proposalId)).map((record) => record.actor)).toEqual(['POLICE']);
    expect((await viewOf(api, proposalId)).checks.find((check) => check.type === 'DOMESTIC_ABUSE')).toMatchObject({ status: 'RESPONDED', outcome: 'NO_INFORMATION' });
  });

  it('refuses an answer with a key naming the prototype chain with the same 400 as any unexpected key, and the link still works', async () => {
    // Prepare
    const proposalId = await startChecks(api, proposalBody());
    const { police } = await requestsFor(api, proposalId, 3);
    const token = tokenFrom(police.url ?? '');
    /** The answer's JSON with one more top-level key (written as text: an object literal's `__proto__` would set its prototype). */
    const answerWith = (key: string) => `{"token":${JSON.stringify(token)},${JSON.stringify(key)}:{"outcome":"INFORMATION_HELD"},${JSON.stringify(noInformation).slice(1)}`;

    // Act
    const refusals = await Promise.all(['unexpected', '__proto__', 'constructor', 'prototype'].map(async (key) => [key, await api.call('POST', '/api/responses', { rawBody: answerWith(key) })] as const));
    const unchanged = (await viewOf(api, proposalId)).checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.status;
    const answered = await api.answer(police.url ?? '', noInformation);

    // Assess
    for (const [key, refused] of refusals) {
      expect(refused, key).toEqual({ status: 400, body: { error: 'VALIDATION_FAILED', message: 'The request is not valid', fields: [{ path: key, message: 'This field is not expected' }] } });
    }
    expect(unchanged).toBe('REQUESTED');
    expect(answered.status).toBe(200);
  });

  it('refuses invalid, used and withdrawn links with the same body and status class, in about the same time (expiry: overdue.test.ts)', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', noInformation);
    const used = requests.police.url ?? '';
    const withdrawnProposal = await startChecks(api, proposalBody());
    const withdrawnRequests = await requestsFor(api, withdrawnProposal, 3);
    await api.post(`/api/proposals/${withdrawnProposal}/withdraw`, { reason: 'No longer proposed' }, 'court.officer');
    const cases = {
      invalid: `${stack.url}/r/${'A'.repeat(43)}`,
      used,
      withdrawn: withdrawnRequests.police.url ?? '',
    };
    const outcomes: Record<string, { status: number; body: unknown; medianMs: number }> = {};
    for (const [name, url] of Object.entries(cases)) {
      const times: number[] = [];
      let last: { status: number; body: unknown } = { status: 0, body: undefined };
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const started = performance.now();
        const response = await api.answer(url, notKnown);
        times.push(performance.now() - started);
        last = response;
      }
      outcomes[name] = { ...last, medianMs: times.sort((a, b) => a - b)[1] ?? 0 };
    }
    const bodies = Object.values(outcomes).map((outcome) => JSON.stringify(outcome.body));
    expect(new Set(bodies).size).toBe(1);
    expect(Object.values(outcomes).every((outcome) => outcome.status === 404 || outcome.status === 410)).toBe(true);
    const medians = Object.values(outcomes).map((outcome) => outcome.medianMs);
    expect(Math.max(...medians) - Math.min(...medians)).toBeLessThan(100);
  });
});

describe('every response', () => {
  it.each([
    ['GET', '/health'],
    ['GET', '/no-such-page'],
    ['POST', '/api/responses'],
    ['GET', '/respond'],
  ])('carries the security headers: %s %s', async (method, path) => {
    const response = await fetch(`${stack.url}${path}`, { method, ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) });
    expect(response.headers.get('content-security-policy')).toMatch(/object-src 'none'.*base-uri 'none'.*frame-ancestors 'none'.*form-action 'self'/);
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toMatch(/noindex/);
  });
});

describe('the link endpoints', () => {
  const { stack: limited } = useLocalStack({ linkRequestsPerMinute: 5 });

  it('refuse a client that sends too many requests with 429, and leave staff routes alone', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      statuses.push((await fetch(`${limited.url}/r/${'B'.repeat(43)}`, { redirect: 'manual' })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([303, 303, 303, 303, 303]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect((await fetch(`${limited.url}/health`)).status).toBe(200);
  });
});

describe('answering through a link already used, from the page', () => {
  /** Posts the link page's form, as a browser does. */
  async function postForm(cookie: string, fields: Record<string, string>) {
    const response = await fetch(`${stack.url}/respond`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    return { status: response.status, html: await response.text() };
  }
  const notKnownForm = { outcome: 'NOT_KNOWN', responderName: 'Chris Ward', responderRole: 'MASH social worker', responderOrganisation: 'Swindon Borough Council' };
  it('shows the confirmation again for the same form sent again, and for a different answer keeps the first, records only that one was tried, and shows no case details', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const { childrensServices } = await requestsFor(api, proposalId, 3);
    const { cookie } = await open(childrensServices.url ?? '');
    expect((await postForm(cookie, notKnownForm)).status).toBe(200);

    const refreshed = await postForm(cookie, notKnownForm);
    expect(refreshed.status).toBe(200);
    expect(refreshed.html).toContain('Answer sent');
    expect(await laterAttempts(proposalId)).toEqual([]);

    const later = await postForm(cookie, { ...notKnownForm, outcome: 'CURRENT_INVOLVEMENT', summary: 'Child protection plan since March.' });
    expect(later.status).toBe(410);
    expect(later.html).toContain('This link has already been used');
    expect(later.html).not.toMatch(/Sam|Example|High Street|SN1 1AA|B01LY00/);
    const attempts = await laterAttempts(proposalId);
    expect(attempts).toHaveLength(1);
    expect(Object.keys(attempts[0] ?? {}).sort()).toEqual(['action', 'actor', 'at', 'checkId', 'hash', 'prevHash', 'proposalId', 'seq']);
    expect((await viewOf(api, proposalId)).checks.find((check) => check.type === 'CHILD_SAFEGUARDING')).toMatchObject({ status: 'RESPONDED', outcome: 'NOT_KNOWN' });
  });

  it('keeps the one "cannot be used" page for a token that does not exist or a link that was never used', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const { police } = await requestsFor(api, proposalId, 3);
    await api.post(`/api/proposals/${proposalId}/withdraw`, { reason: 'No longer proposed' }, 'court.officer');
    const unknown = await postForm(`link=${'A'.repeat(43)}`, notKnownForm);
    const withdrawn = await postForm((await open(police.url ?? '')).cookie, notKnownForm);
    for (const [page, status] of [[unknown, 404], [withdrawn, 410]] as const) {
      expect(page.status).toBe(status);
      expect(page.html).toContain('This link cannot be used');
      expect(page.html).not.toMatch(/already been used|court-contact|Swindon/);
    }
    expect(await laterAttempts(proposalId)).toEqual([]);
  });
});
