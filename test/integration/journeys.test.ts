import { describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { eventually, tokenFrom } from '../support/api-client.ts';
import { consent, informationHeld, noInformation, notKnown, proposalBody, refusal, speakToOfficer } from '../support/proposals.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { openApiValidator } from '../support/openapi-validator.ts';

const { stack, api } = useLocalStack();

describe('a curfew proposal with every check answered without concern', () => {
  it('asks the police, children\'s services and the resident, then lets the officer mark it suitable', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    expect(requests.police.to).toMatch(/wiltshire/i);
    expect(requests.childrensServices.to).toMatch(/swindon/i);
    expect(requests.residents.map((message) => message.to)).toEqual(['alex@example.org']);

    const early = await api.post<{ error: string; outstanding: string[] }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Looks fine' }, 'court.officer');
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('CHECKS_INCOMPLETE');
    expect(early.body.outstanding).toHaveLength(3);

    expect((await api.answer(requests.police.url ?? '', noInformation)).body).toEqual({ checkType: 'DOMESTIC_ABUSE', status: 'RESPONDED' });
    expect((await api.answer(requests.childrensServices.url ?? '', notKnown)).status).toBe(200);
    const stillOne = await api.post<{ outstanding: string[] }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Looks fine' }, 'court.officer');
    expect(stillOne.status).toBe(409);
    expect(stillOne.body.outstanding).toHaveLength(1);

    expect((await api.answer(requests.residents[0]?.url ?? '', consent)).status).toBe(200);
    const awaiting = await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    expect(awaiting.concerns).toBe(false);
    expect(awaiting.checks.every((check) => check.status === 'RESPONDED')).toBe(true);

    const decided = await api.post<{ status: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'All checks clear' }, 'court.officer');
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('SUITABLE');

    const list = await api.get<{ proposals: { proposalId: string; checks: Record<string, string>; checksComplete: boolean; suitability: string }[] }>(
      `/api/courts/B01LY00/hearings/${proposalBody().hearingDate}`,
      'sentencer',
    );
    const entry = list.body.proposals.find((proposal) => proposal.proposalId === proposalId);
    expect(entry).toMatchObject({ checks: { domesticAbuse: 'COMPLETE', childSafeguarding: 'COMPLETE', residentConsent: 'COMPLETE' }, checksComplete: true, adjournmentLikely: false, suitability: 'SUITABLE' });
  });
});

describe('checks started too late for an answer', () => {
  it('tell the officer at once and show the court that an adjournment is likely', async () => {
    const body = { ...proposalBody(), reportType: 'ORAL', hearingDate: todayInLondon() };
    const created = await api.post<{ proposalId: string; adjournmentLikely: boolean }>('/api/proposals', body, 'court.officer');
    expect(created.status).toBe(201);
    expect(created.body.adjournmentLikely).toBe(true);
    const inGoodTime = await api.post<{ adjournmentLikely: boolean }>('/api/proposals', proposalBody(), 'court.officer');
    expect(inGoodTime.body.adjournmentLikely).toBe(false);

    const list = await api.get<{ proposals: { proposalId: string; adjournmentLikely: boolean }[] }>(`/api/courts/B01LY00/hearings/${body.hearingDate}`, 'sentencer');
    expect(list.body.proposals.find((proposal) => proposal.proposalId === created.body.proposalId)?.adjournmentLikely).toBe(true);
  });
});

describe('a proposal where the police hold information', () => {
  it('needs a senior probation officer, not the decider, to countersign before it is suitable', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', informationHeld);
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    const awaiting = await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    expect(awaiting.concerns).toBe(true);

    const decided = await api.post<{ status: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Risk managed by curfew hours' }, 'court.officer');
    expect(decided.body.status).toBe('AWAITING_COUNTERSIGN');
    expect((await api.post(`/api/proposals/${proposalId}/countersign`, { agree: true, comment: '' }, 'court.officer')).status).toBe(403);

    const countersigned = await api.post<{ status: string }>(`/api/proposals/${proposalId}/countersign`, { agree: true, comment: 'Agreed' }, 'spo');
    expect(countersigned.status).toBe(200);
    expect(countersigned.body.status).toBe('SUITABLE');
    await eventually(async () => {
      const execution = await describeExecution(proposalId);
      return execution.status === 'SUCCEEDED' ? execution : undefined;
    }, 'the workflow to finish');
  });

  it('goes back to the officer, not to unsuitable, when the senior probation officer disagrees', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', informationHeld);
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    await api.post(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Risk managed' }, 'court.officer');
    const refused = await api.post<{ status: string }>(`/api/proposals/${proposalId}/countersign`, { agree: false, comment: 'Police information too recent' }, 'spo');
    expect(refused.body.status).toBe('AWAITING_DECISION');
    const unsuitable = await api.post<{ status: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'UNSUITABLE', rationale: 'Agreed with the senior probation officer' }, 'court.officer');
    expect(unsuitable.body.status).toBe('UNSUITABLE');
  });
});

describe('a resident who refuses', () => {
  it('makes the proposal unsuitable without a decision, and the court sees only that consent was not given', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', noInformation);
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    await api.answer(requests.residents[0]?.url ?? '', refusal);
    const view = await statusBecomes(api, proposalId, 'UNSUITABLE');
    expect(view.unsuitableReason).toBe('CONSENT_NOT_GIVEN');
    const suitable = await api.post<{ error: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Override' }, 'court.officer');
    expect(suitable.status).toBe(409);
    expect(suitable.body.error).toBe('NOT_ALLOWED');
  });
});

describe('a resident who asks to speak to someone', () => {
  it('is not treated as a refusal, and the officer can then record consent taken by phone', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const asked = await api.answer(requests.residents[0]?.url ?? '', speakToOfficer);
    expect(asked.body).toEqual({ checkType: 'RESIDENT_CONSENT', status: 'NEEDS_CONTACT' });
    const officerNotice = await eventually(async () => (await api.outbox()).find((message) => message.proposalId === proposalId && message.kind === 'NEEDS_CONTACT'), 'the officer to be told');
    expect(officerNotice.to).toBe('court.officer@probation.example');

    const view = await viewOf(api, proposalId);
    const residentCheck = view.checks.find((check) => check.type === 'RESIDENT_CONSENT');
    expect(residentCheck?.status).toBe('NEEDS_CONTACT');
    expect(view.status).toBe('CHECKS_IN_PROGRESS');

    const residentId = view.residents[0]?.residentId ?? '';
    const recorded = await api.post<{ checks: { type: string; status: string; source?: object }[] }>(
      `/api/proposals/${proposalId}/residents/${residentId}/consent`,
      { decision: 'CONSENT', method: 'PHONE', spokenToAlone: true },
      'court.officer',
    );
    expect(recorded.status).toBe(200);
    expect(recorded.body.checks.find((check) => check.type === 'RESIDENT_CONSENT')).toMatchObject({ status: 'RESPONDED', source: { via: 'OFFICER', method: 'PHONE', spokenToAlone: true } });

    await api.answer(requests.police.url ?? '', noInformation);
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
  });
});

describe('an address where the officer declares no other adults live', () => {
  it('asks only the agencies', async () => {
    const proposalId = await startChecks(api, proposalBody({ residents: [], noOtherAdults: true }));
    const requests = await requestsFor(api, proposalId, 2);
    expect(requests.residents).toHaveLength(0);
    await api.answer(requests.police.url ?? '', noInformation);
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
  });
});

describe('withdrawing a proposal', () => {
  it('stops its links and its workflow', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const withdrawn = await api.post<{ status: string; checks: { status: string }[] }>(`/api/proposals/${proposalId}/withdraw`, { reason: 'Address no longer available' }, 'court.officer');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    expect(withdrawn.body.checks.every((check) => check.status === 'CANCELLED')).toBe(true);
    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(410);
    await eventually(async () => {
      const execution = await describeExecution(proposalId);
      return execution.status === 'ABORTED' ? execution : undefined;
    }, 'the workflow to stop');
    expect((await api.post(`/api/proposals/${proposalId}/decision`, { outcome: 'UNSUITABLE', rationale: 'x' }, 'court.officer')).status).toBe(409);
  });
});

describe('deciding unsuitable before the checks are answered', () => {
  it('is allowed, cancels the outstanding checks and stops the workflow', async () => {
    const proposalId = await startChecks(api, proposalBody());
    await requestsFor(api, proposalId, 3);
    const decided = await api.post<{ status: string; checks: { status: string }[] }>(`/api/proposals/${proposalId}/decision`, { outcome: 'UNSUITABLE', rationale: 'Defendant has no right to live there' }, 'court.officer');
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('UNSUITABLE');
    expect(decided.body.checks.every((check) => check.status === 'CANCELLED')).toBe(true);
    await eventually(async () => ((await describeExecution(proposalId)).status === 'ABORTED' ? true : undefined), 'the workflow to stop');
  });
});

describe('links', () => {
  it('answer once: a second answer gets 410, an unknown token 404 with the same body', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const url = requests.police.url ?? '';
    expect((await api.answer(url, noInformation)).status).toBe(200);
    const replay = await api.answer(url, noInformation);
    expect(replay.status).toBe(410);
    const unknown = await api.call('POST', '/api/responses', { body: { token: `${tokenFrom(url).slice(0, -4)}AAAA`, ...noInformation } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(replay.body);
  });

  it('reject an answer of the wrong shape without using the link up', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const url = requests.police.url ?? '';
    const bad = await api.answer(url, { outcome: 'INFORMATION_HELD', restricted: false, responder: noInformation.responder });
    expect(bad.status).toBe(400);
    expect((bad.body as { fields: { path: string }[] }).fields.map((field) => field.path)).toContain('summary');
    expect((await api.answer(url, noInformation)).status).toBe(200);
  });
});

describe('the API contract for bad requests', () => {
  it('answers 401 without a known user and 403 for a role not allowed', async () => {
    expect((await api.post('/api/proposals', proposalBody())).status).toBe(401);
    expect((await api.post('/api/proposals', proposalBody(), 'nobody')).status).toBe(401);
    expect((await api.post('/api/proposals', proposalBody(), 'sentencer')).status).toBe(403);
  });

  it('answers 400 with the fields at fault, for invalid and malformed bodies, and stores nothing', async () => {
    const before = await api.get<{ proposals: unknown[] }>(`/api/courts/B01LY00/hearings/${proposalBody().hearingDate}`, 'sentencer');
    const invalid = await api.post<{ error: string; fields: { path: string }[] }>('/api/proposals', { ...proposalBody(), policeForce: 'NOWHERE', extra: true }, 'court.officer');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('VALIDATION_FAILED');
    expect(invalid.body.fields.map((field) => field.path)).toContain('policeForce');
    const malformed = await api.call('POST', '/api/proposals', { user: 'court.officer', rawBody: '{"courtCode":' });
    expect(malformed.status).toBe(400);
    const after = await api.get<{ proposals: unknown[] }>(`/api/courts/B01LY00/hearings/${proposalBody().hearingDate}`, 'sentencer');
    expect(after.body.proposals).toHaveLength(before.body.proposals.length);
  });

  it('explains the statutory curfew limits in words', async () => {
    const body = proposalBody();
    body.curfew.periods = [{ days: ['MON'], from: '01:00', to: '23:00' }];
    const response = await api.post<{ fields: { message: string }[] }>('/api/proposals', body, 'court.officer');
    expect(response.status).toBe(400);
    expect(response.body.fields.map((field) => field.message).join(' ')).toMatch(/20 hours/);
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const response = await api.call('POST', '/api/proposals', { user: 'court.officer', rawBody: JSON.stringify({ padding: 'x'.repeat(70 * 1024) }) });
    expect(response.status).toBe(413);
  });

  it.each([
    ['sentencer', 'GET', ''],
    ['sentencer', 'POST', '/decision'],
    ['spo', 'POST', '/decision'],
    ['spo', 'POST', '/withdraw'],
    ['court.officer', 'POST', '/countersign'],
    ['sentencer', 'POST', '/countersign'],
  ])('answers 403 when %s calls %s on a proposal%s', async (user, method, suffix) => {
    const proposalId = await startChecks(api, proposalBody());
    const bodies: Record<string, object> = { '/decision': { outcome: 'UNSUITABLE', rationale: 'x' }, '/withdraw': { reason: 'x' }, '/countersign': { agree: true, comment: '' } };
    const response = await api.call(method, `/api/proposals/${proposalId}${suffix}`, { user, ...(method === 'POST' ? { body: bodies[suffix] } : {}) });
    expect(response.status).toBe(403);
    expect((await viewOf(api, proposalId)).status).toBe('CHECKS_IN_PROGRESS');
  });

  it('lets a senior probation officer read a proposal of their court', async () => {
    const proposalId = await startChecks(api, proposalBody());
    expect((await viewOf(api, proposalId, 'spo')).proposalId).toBe(proposalId);
  });

  it('answers 400 for a court list with an impossible date', async () => {
    expect((await api.get('/api/courts/B01LY00/hearings/2026-02-30', 'sentencer')).status).toBe(400);
  });

  it('answers 404 for a proposal that does not exist', async () => {
    expect((await api.get('/api/proposals/00000000-0000-4000-8000-000000000000', 'court.officer')).status).toBe(404);
  });

  it('returns the same proposal for a repeated Idempotency-Key, and 409 for the same key with another body', async () => {
    const body = proposalBody();
    const first = await api.post<{ proposalId: string }>('/api/proposals', body, 'court.officer', { 'idempotency-key': 'retry-test-1' });
    const again = await api.post<{ proposalId: string }>('/api/proposals', body, 'court.officer', { 'idempotency-key': 'retry-test-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.proposalId).toBe(first.body.proposalId);
    const different = await api.post('/api/proposals', { ...body, policeForce: 'AVON_AND_SOMERSET' }, 'court.officer', { 'idempotency-key': 'retry-test-1' });
    expect(different.status).toBe(409);
  });

  it('reports health with the state of DynamoDB and the workflow engine', async () => {
    const health = await api.get('/health');
    expect(health).toEqual({ status: 200, body: { status: 'UP', dependencies: { table: 'UP', workflow: 'UP' } } });
  });
});

describe('the served OpenAPI document', () => {
  it('accepts the requests a whole journey makes and describes every answer the API gives them', async () => {
    const raw = await fetch(`${stack.url}/api/openapi.json`);
    expect([raw.status, raw.headers.get('content-type'), raw.headers.get('cache-control')]).toEqual([200, 'application/json; charset=utf-8', 'public, max-age=300']);
    const served = (await raw.json()) as { paths: Record<string, object> };
    const document = openApiValidator(served);
    const seen = new Set<string>();

    /**
     * One call of an operation (`route` is the document's path): a body meant to be accepted must
     * be valid by the document, and whatever the API answers must match the document's schema for
     * that status (a status the document does not list has no schema and fails).
     */
    async function call<T>(method: 'GET' | 'POST', route: string, path: string, status: number, options: { user?: string; body?: object; headers?: Record<string, string> } = {}): Promise<T> {
      if (options.body !== undefined && status < 400) {
        const request = document.request(method, route, options.body);
        expect(request.errors, `${method} ${route}: the document refuses the request`).toEqual([]);
      }
      const response = await api.call<T>(method, path, options);
      expect(response.status, `${method} ${route}: ${JSON.stringify(response.body)}`).toBe(status);
      const answer = document.response(method, route, status, response.body);
      expect(answer.errors, `${method} ${route} ${status}: the answer is not as documented`).toEqual([]);
      seen.add(`${method} ${route}`);
      return response.body;
    }
    await call('GET', '/api/openapi.json', '/api/openapi.json', 200);

    const created = await call<{ proposalId: string }>('POST', '/api/proposals', '/api/proposals', 201, { user: 'court.officer', body: proposalBody(), headers: { 'idempotency-key': `openapi-${Date.now()}` } });
    const proposalId = created.proposalId;
    const at = `/api/proposals/${proposalId}`;
    const requests = await requestsFor(api, proposalId, 3);
    const view = await call<{ residents: { residentId: string }[]; checks: { checkId: string; type: string }[] }>('GET', '/api/proposals/{proposalId}', at, 200, { user: 'court.officer' });
    const residentId = view.residents[0]?.residentId ?? '';
    const policeCheck = view.checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.checkId ?? '';

    await call('POST', '/api/proposals/{proposalId}/checks/{checkId}/resend', `${at}/checks/${policeCheck}/resend`, 200, { user: 'court.officer', body: { resendCount: 0 } });
    const newPoliceLink = await eventually(async () => (await api.outbox()).find((message) => message.id === `RESEND#${policeCheck}#1`)?.url, 'the new link');
    await call('POST', '/api/proposals/{proposalId}/residents/{residentId}/contact', `${at}/residents/${residentId}/contact`, 200, { user: 'court.officer', body: { mobile: '07700 900123' } });
    await call('POST', '/api/proposals/{proposalId}/residents/{residentId}/consent', `${at}/residents/${residentId}/consent`, 200, { user: 'court.officer', body: { decision: 'CONSENT', method: 'PHONE', spokenToAlone: true } });
    await call('POST', '/api/responses', '/api/responses', 200, { body: { token: tokenFrom(newPoliceLink), ...informationHeld } });
    await call('POST', '/api/responses', '/api/responses', 200, { body: { token: tokenFrom(requests.childrensServices.url ?? ''), ...notKnown } });
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');

    await call('POST', '/api/proposals/{proposalId}/decision', `${at}/decision`, 200, { user: 'court.officer', body: { outcome: 'SUITABLE', rationale: 'Risk managed by curfew hours', riskOfSeriousHarm: 'MEDIUM' } });
    await call('POST', '/api/proposals/{proposalId}/countersign', `${at}/countersign`, 200, { user: 'spo', body: { agree: true, comment: 'Agreed' } });
    // Restricted text withheld, then shown for a reason.
    expect(JSON.stringify(await call('GET', '/api/proposals/{proposalId}', at, 200, { user: 'spo' }))).toContain('"summaryWithheld":true');
    expect(JSON.stringify(await call('POST', '/api/proposals/{proposalId}/restricted', `${at}/restricted`, 200, { user: 'spo', body: { reason: 'Writing the risk section of the report' } }))).toContain(informationHeld.summary);
    await call('GET', '/api/courts/{courtCode}/hearings/{date}', `/api/courts/B01LY00/hearings/${proposalBody().hearingDate}`, 200, { user: 'sentencer' });
    // The hearing moves a week (a decided proposal's hearing can): the trail's record carries its codes and dates.
    await call('POST', '/api/proposals/{proposalId}/adjournment', `${at}/adjournment`, 200, { user: 'court.officer', body: { hearingDate: addDays(proposalBody().hearingDate, 7), cause: 'OTHER', note: 'The court ran out of time' } });
    await call('GET', '/api/proposals/{proposalId}/audit', `${at}/audit`, 200, { user: 'court.officer' });
    // What the court decided, before the hearing day: refused.
    await call('POST', '/api/proposals/{proposalId}/outcome', `${at}/outcome`, 409, { user: 'court.officer', body: { outcome: 'CURFEW_IMPOSED' } });

    const another = await startChecks(api, proposalBody({ residents: [], noOtherAdults: true }));
    await requestsFor(api, another, 2);
    await call('POST', '/api/proposals/{proposalId}/withdraw', `/api/proposals/${another}/withdraw`, 200, { user: 'court.officer', body: { reason: 'Address no longer available' } });
    // Another address for the withdrawn one: the next version, both versions' views and the new trail as documented; a second try refused.
    const alternative = { address: { line1: '9 Other Road', town: 'Bath', postcode: 'BA1 1AA' }, residents: [], noOtherAdults: true, childrenDeclaredByDefendant: { any: false }, policeForce: 'AVON_AND_SOMERSET', localAuthority: 'BATH_AND_NORTH_EAST_SOMERSET' };
    const second = await call<{ proposalId: string }>('POST', '/api/proposals/{proposalId}/alternative-address', `/api/proposals/${another}/alternative-address`, 201, { user: 'court.officer', body: alternative });
    expect(await call('GET', '/api/proposals/{proposalId}', `/api/proposals/${another}`, 200, { user: 'court.officer' })).toMatchObject({ caseId: another, version: 1, nextProposalId: second.proposalId });
    expect(await call('GET', '/api/proposals/{proposalId}', `/api/proposals/${second.proposalId}`, 200, { user: 'court.officer' })).toMatchObject({ caseId: another, version: 2, previousProposalId: another });
    await call('GET', '/api/proposals/{proposalId}/audit', `/api/proposals/${second.proposalId}/audit`, 200, { user: 'court.officer' });
    await call('POST', '/api/proposals/{proposalId}/alternative-address', `/api/proposals/${another}/alternative-address`, 409, { user: 'court.officer', body: alternative });

    // Refusals, each with the body the document gives its status.
    const invalid = { ...proposalBody(), policeForce: 'NOWHERE', extra: true };
    expect(document.request('POST', '/api/proposals', invalid).valid).toBe(false);
    await call('POST', '/api/proposals', '/api/proposals', 400, { user: 'court.officer', body: invalid });
    await call('POST', '/api/proposals/{proposalId}/decision', `${at}/decision`, 400, { user: 'court.officer', body: { outcome: 'MAYBE' } });
    await call('POST', '/api/proposals/{proposalId}/withdraw', `${at}/withdraw`, 409, { user: 'court.officer', body: { reason: 'Too late now' } });
    await call('GET', '/api/proposals/{proposalId}', at, 401);
    await call('GET', '/api/proposals/{proposalId}', at, 403, { user: 'sentencer' });
    await call('GET', '/api/proposals/{proposalId}', '/api/proposals/00000000-0000-4000-8000-000000000000', 404, { user: 'court.officer' });
    await call('POST', '/api/responses', '/api/responses', 410, { body: { token: tokenFrom(newPoliceLink), ...informationHeld } });

    // The resident tells the officer they withdraw their consent before the hearing: the suitable proposal becomes unsuitable; a second time is refused.
    const residentCheck = view.checks.find((check) => check.type === 'RESIDENT_CONSENT')?.checkId ?? '';
    expect(await call('POST', '/api/proposals/{proposalId}/consent-withdrawals', `${at}/consent-withdrawals`, 200, { user: 'court.officer', body: { checkId: residentCheck } })).toMatchObject({ status: 'UNSUITABLE' });
    await call('POST', '/api/proposals/{proposalId}/consent-withdrawals', `${at}/consent-withdrawals`, 409, { user: 'court.officer', body: { checkId: residentCheck } });

    // Every operation of the document was called, with an answer as documented.
    const operations = Object.entries(served.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect([...seen].sort()).toEqual(operations.sort());
  });
});

async function describeExecution(proposalId: string) {
  const client = new SFNClient({ endpoint: stack.stepFunctionsEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const arn = `arn:aws:states:eu-west-2:000000000000:execution:curfew-checks:${proposalId}`;
  try {
    return await client.send(new DescribeExecutionCommand({ executionArn: arn }));
  } finally {
    client.destroy();
  }
}
