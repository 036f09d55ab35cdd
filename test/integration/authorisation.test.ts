import { beforeAll, describe, expect, it } from 'vitest';
import { functionRegistry } from '../../infra/function-registry.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, viewOf } from '../support/journeys.ts';

/**
 * Every staff route, tried by every role, from the proposal's own court and from another court,
 * and without signing in. Forbidden combinations must answer 401, 403 or 404, and a proposal in
 * another court must look exactly like one that does not exist.
 */
type Caller = 'court.officer' | 'spo' | 'sentencer' | 'other.officer' | 'other.spo' | 'other.sentencer' | 'performance.lead' | 'anonymous';
// The performance lead (South West, read-only) may see the P&Q figures and nothing else: no case, no action.
const callers: Caller[] = ['court.officer', 'spo', 'sentencer', 'other.officer', 'other.spo', 'other.sentencer', 'performance.lead', 'anonymous'];
const allowedStatuses = new Set([200, 201, 400, 409]);
/** Pages may also answer a permitted request with a redirect (a form that worked, a default court). */
const allowedPageStatuses = new Set([200, 303, 400, 409]);

interface Row {
  method: 'GET' | 'POST';
  route: string;
  body?: object;
  /** Who may use it; everyone else must be refused. */
  allowed: Caller[];
  /** Only a browser session may use it (the session's own description). */
  sessionOnly?: boolean;
  /** An HTML page: without sign-in it sends the browser to sign in (303) rather than answering 401. */
  page?: boolean;
}

const unknownId = '00000000-0000-4000-8000-000000000000';
let proposalId: string;
let residentId: string;
let checkId: string;

/** Bodies that a permitted caller's request would reject (400/409), so the matrix changes nothing. */
const rows: Row[] = [
  { method: 'POST', route: '/api/proposals', body: { ...proposalBody(), policeForce: 'NOWHERE' }, allowed: ['court.officer', 'other.officer'] },
  { method: 'GET', route: '/api/proposals/{proposalId}', allowed: ['court.officer', 'spo'] },
  // No reason in the body: 400, nothing shown.
  { method: 'POST', route: '/api/proposals/{proposalId}/restricted', body: {}, allowed: ['court.officer', 'spo'] },
  { method: 'GET', route: '/api/proposals/{proposalId}/audit', allowed: ['court.officer', 'spo'] },
  { method: 'POST', route: '/api/proposals/{proposalId}/decision', body: { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Checks not complete yet' }, allowed: ['court.officer'] },
  { method: 'POST', route: '/api/proposals/{proposalId}/countersign', body: { agree: true, comment: '' }, allowed: ['spo'] },
  // No resident named: 400, nothing withdrawn.
  { method: 'POST', route: '/api/proposals/{proposalId}/consent-withdrawals', body: { checkId: '' }, allowed: ['court.officer'] },
  { method: 'POST', route: '/api/proposals/{proposalId}/withdraw', body: { reason: '' }, allowed: ['court.officer'] },
  // The proposal is still being checked: a bad body answers 400, and a good one would be 409 (not replaceable yet).
  { method: 'POST', route: '/api/proposals/{proposalId}/alternative-address', body: { address: {} }, allowed: ['court.officer'] },
  { method: 'POST', route: '/api/proposals/{proposalId}/residents/{residentId}/consent', body: { decision: 'MAYBE' }, allowed: ['court.officer'] },
  // The hearing date itself: 400, nothing moves. The outcome before the hearing day: 409.
  { method: 'POST', route: '/api/proposals/{proposalId}/adjournment', body: { hearingDate: '2026-02-30', cause: 'OTHER' }, allowed: ['court.officer'] },
  { method: 'POST', route: '/api/proposals/{proposalId}/outcome', body: { outcome: 'CURFEW_IMPOSED' }, allowed: ['court.officer'] },
  // Says it saw a resend that never happened: 409, nothing sent.
  { method: 'POST', route: '/api/proposals/{proposalId}/checks/{checkId}/resend', body: { resendCount: 99 }, allowed: ['court.officer'] },
  { method: 'POST', route: '/api/proposals/{proposalId}/residents/{residentId}/contact', body: { mobile: '12345' }, allowed: ['court.officer'] },
  { method: 'GET', route: '/api/courts/{courtCode}/hearings/{date}', allowed: ['court.officer', 'spo', 'sentencer'] },
  { method: 'GET', route: '/auth/session', allowed: ['court.officer', 'spo', 'sentencer', 'other.officer', 'other.spo', 'other.sentencer', 'performance.lead'], sessionOnly: true },
  // Pages. Form bodies that would be refused, so trying them changes nothing.
  { method: 'GET', route: '/proposals/new', allowed: ['court.officer', 'other.officer'], page: true },
  { method: 'POST', route: '/proposals/new', body: {}, allowed: ['court.officer', 'other.officer'], page: true },
  { method: 'GET', route: '/proposals', allowed: ['court.officer', 'other.officer'], page: true },
  { method: 'GET', route: '/proposals/{proposalId}', allowed: ['court.officer', 'spo'], page: true },
  // The page's script asks it for a fingerprint: JSON (401 without a session), and for a browser session only.
  { method: 'GET', route: '/proposals/{proposalId}/changes', allowed: ['court.officer', 'spo'], sessionOnly: true },
  // No reason in the body: 400, nothing shown.
  { method: 'POST', route: '/proposals/{proposalId}/restricted', body: {}, allowed: ['court.officer', 'spo'], page: true },
  { method: 'POST', route: '/proposals/{proposalId}/decision', body: {}, allowed: ['court.officer'], page: true },
  { method: 'POST', route: '/proposals/{proposalId}/withdraw', body: {}, allowed: ['court.officer'], page: true },
  // Still being checked: the proposal page says another address cannot be proposed yet (409), and nothing starts.
  { method: 'GET', route: '/proposals/{proposalId}/alternative-address', allowed: ['court.officer'], page: true },
  { method: 'POST', route: '/proposals/{proposalId}/alternative-address', body: {}, allowed: ['court.officer'], page: true },
  { method: 'POST', route: '/proposals/{proposalId}/consent-withdrawals', body: {}, allowed: ['court.officer'], page: true },
  { method: 'POST', route: '/proposals/{proposalId}/residents/{residentId}/consent', body: {}, allowed: ['court.officer'], page: true },
  { method: 'GET', route: '/proposals/{proposalId}/adjournment', allowed: ['court.officer'], page: true },
  { method: 'POST', route: '/proposals/{proposalId}/adjournment', body: {}, allowed: ['court.officer'], page: true },
  { method: 'GET', route: '/proposals/{proposalId}/outcome', allowed: ['court.officer'], page: true },
  { method: 'POST', route: '/proposals/{proposalId}/outcome', body: {}, allowed: ['court.officer'], page: true },
  // Without the resend count the page always sends: 400, nothing sent.
  { method: 'POST', route: '/proposals/{proposalId}/checks/{checkId}/resend', body: {}, allowed: ['court.officer'], page: true },
  { method: 'POST', route: '/proposals/{proposalId}/residents/{residentId}/contact', body: {}, allowed: ['court.officer'], page: true },
  { method: 'GET', route: '/proposals/{proposalId}/summary', allowed: ['court.officer', 'spo'], page: true },
  { method: 'GET', route: '/proposals/{proposalId}/countersign', allowed: ['spo'], page: true },
  { method: 'POST', route: '/proposals/{proposalId}/countersign', body: {}, allowed: ['spo'], page: true },
  { method: 'GET', route: '/queue', allowed: ['spo', 'other.spo'], page: true },
  { method: 'GET', route: '/court-list', allowed: ['court.officer', 'spo', 'sentencer', 'other.officer', 'other.spo', 'other.sentencer'], page: true },
  { method: 'GET', route: '/court-list/{proposalId}', allowed: ['court.officer', 'spo', 'sentencer'], page: true },
  // Each court team sees its own courts' check-in; sentencers have no part in the team's meeting.
  { method: 'GET', route: '/morning-check-in', allowed: ['court.officer', 'spo', 'other.officer', 'other.spo'], page: true },
  // P&Q figures: SPOs for their courts, performance leads for their region; officers and sentencers never.
  { method: 'GET', route: '/performance', allowed: ['spo', 'other.spo', 'performance.lead'], page: true },
  { method: 'GET', route: '/performance.csv', allowed: ['spo', 'other.spo', 'performance.lead'], page: true },
];

/** Routes anyone may call: the link holder's, sign-in itself, health, the API's description, and the local outbox. */
const publicRoutes = new Set(['/', '/api/responses', '/api/openapi.json', '/r/{token}', '/respond', '/respond/new-link', '/w/{token}', '/withdraw-consent', '/health', '/api/dev/outbox', '/dev/outbox', '/auth/sign-in', '/auth/callback', '/auth/sign-out', '/notify/callback', '/{proxy+}']);

function pathOf(route: string, ids: { proposalId: string; residentId: string; checkId: string }): string {
  return route
    .replace('{proposalId}', ids.proposalId)
    .replace('{residentId}', ids.residentId)
    .replace('{checkId}', ids.checkId)
    .replace('{courtCode}', 'B01LY00')
    .replace('{date}', proposalBody().hearingDate);
}

const { api, sessionApi } = useLocalStack();
const apis = { bearer: api, session: sessionApi };

beforeAll(async () => {
  proposalId = await startChecks(api, proposalBody());
  await requestsFor(api, proposalId, 3);
  const view = await viewOf(api, proposalId);
  residentId = view.residents[0]?.residentId ?? '';
  checkId = view.checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.checkId ?? '';
});

describe('the authorisation matrix', () => {
  it('covers every staff route in the registry', () => {
    const staffRoutes = functionRegistry.flatMap((entry) => (entry.routes ?? []).filter((route) => !publicRoutes.has(route.path)).map((route) => `${route.method} ${route.path}`));
    expect(staffRoutes.sort()).toEqual(rows.map((row) => `${row.method} ${row.route}`).sort());
  });

  const modes = ['bearer', 'session'] as const;
  const cases = modes.flatMap((mode) => rows.flatMap((row) => callers.map((caller) => [`${row.method} ${row.route}`, caller, mode, row] as const)));

  it.each(cases)('%s as %s with a %s', async (_name, caller, mode, row) => {
    const path = pathOf(row.route, { proposalId, residentId, checkId });
    const response = await apis[mode].call(row.method, path, { ...(caller === 'anonymous' ? {} : { user: caller }), ...(row.body === undefined ? {} : { body: row.body }) });
    if (row.allowed.includes(caller) && (mode === 'session' || row.sessionOnly !== true)) {
      expect((row.page === true ? allowedPageStatuses : allowedStatuses).has(response.status), `status ${response.status}`).toBe(true);
    } else if (caller === 'anonymous') {
      if (row.page === true) {
        expect([response.status, (response.body as { location?: string }).location]).toEqual([303, '/auth/sign-in']);
      } else {
        expect(response.status).toBe(401);
      }
    } else {
      expect([401, 403, 404]).toContain(response.status);
    }
  });

  it('changed nothing while trying', async () => {
    const view = await viewOf(api, proposalId);
    expect(view.status).toBe('CHECKS_IN_PROGRESS');
    expect(view.checks.every((check) => check.status === 'REQUESTED')).toBe(true);
    expect((await api.outbox()).filter((message) => message.proposalId === proposalId && message.id.startsWith('RESEND#'))).toEqual([]);
    expect(view.events.map((event) => event.type)).not.toContain('RECIPIENT_CHANGED');
    expect(view.events.map((event) => event.type)).not.toContain('CONSENT_WITHDRAWN');
  });

  it.each(rows.filter((row) => row.route.includes('{proposalId}')).map((row) => [`${row.method} ${row.route}`, row] as const))(
    'answers %s for a proposal in another court exactly as for one that does not exist',
    async (_name, row) => {
      const callerOfOtherCourt = row.allowed.includes('spo') && !row.allowed.includes('court.officer') ? 'other.spo' : 'other.officer';
      const client = row.sessionOnly === true ? sessionApi : api;
      const existing = await client.call(row.method, pathOf(row.route, { proposalId, residentId, checkId }), { user: callerOfOtherCourt, ...(row.body === undefined ? {} : { body: row.body }) });
      const missing = await client.call(row.method, pathOf(row.route, { proposalId: unknownId, residentId, checkId }), { user: callerOfOtherCourt, ...(row.body === undefined ? {} : { body: row.body }) });
      // Pages differ only by their per-request CSP nonce.
      const withoutNonce = (response: typeof existing) => JSON.stringify(response).replace(/nonce=\\"[^"\\]+\\"/g, 'nonce');
      expect(existing.status).toBe(404);
      expect(withoutNonce(existing)).toBe(withoutNonce(missing));
    },
  );
});
