import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { functionRegistry } from '#infra/function-registry';
import { apiGatewayEvent, compileRoutes, type CompiledRoute } from '#infra/local/http-server';
import { createLambdaRunner } from '#infra/local/lambda-runner';
import { originVerifyHeader } from '#runtime/origin-header';
import { maxBodyBytes } from '#runtime/request-limits';
import { tokenFrom } from '../support/api-client.ts';
import { requestsFor, startChecks, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { noInformation, proposalBody } from '../support/proposals.ts';

/**
 * What reaches the handlers deployed is what passed CloudFront and AWS WAF; the local HTTP server
 * plays that part here (docs/decisions/0012-origin-verification-body-limits-and-nested-stacks.md).
 */

const { stack, api } = useLocalStack();

/**
 * A police summary as it is pasted from an incident log: one entry a line, each quoting the
 * caller's words as an interpreter recorded them, in Punjabi and in English. Within the 4,000
 * characters the schema allows, and, form-encoded as a browser sends it (each Gurmukhi letter is
 * three bytes, nine once encoded), over 10 KB: past the 8 KB at which AWS WAF's common rule set
 * would block it, and well under the app's 64 KiB.
 */
function incidentLogSummary(): string {
  const entries = Array.from({ length: 60 }, (_unused, index) => {
    const day = String((index % 28) + 1).padStart(2, '0');
    return `${day}/03/2025 23:4${index % 10}, ref. 44${index}/25 – caller’s words, through an interpreter: ` +
      '“ਮੈਨੂੰ ਉਸ ਤੋਂ ਡਰ ਲੱਗਦਾ ਹੈ, ਉਹ ਦਰਵਾਜ਼ਾ ਭੰਨਦਾ ਹੈ” (“I am afraid of him; he bangs the door”).';
  });
  return entries.join('\r\n').slice(0, 4000);
}

describe('a long answer from the link page', () => {
  it('is accepted when it is over 10 KB as the browser sends it, stored in full and shown to the court officer', async () => {
    // Prepare
    const proposalId = await startChecks(api, proposalBody());
    const { police } = await requestsFor(api, proposalId, 3);
    const opened = await fetch(`${stack.url}/r/${tokenFrom(police.url ?? '')}`, { redirect: 'manual' });
    const cookie = opened.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const summary = incidentLogSummary();
    const body = new URLSearchParams({
      outcome: 'INFORMATION_HELD',
      summary,
      responderName: 'PC Jordan Lee',
      responderRole: 'Domestic abuse officer',
      responderOrganisation: 'Wiltshire Police',
    }).toString();
    expect(summary.length).toBeLessThanOrEqual(4000);
    expect(Buffer.byteLength(body)).toBeGreaterThan(10 * 1024);
    expect(Buffer.byteLength(body)).toBeLessThan(maxBodyBytes);

    // Act
    const answered = await fetch(`${stack.url}/respond`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });

    // Assess
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('govuk-panel');
    const view = await api.post<{ checks: { type: string; status: string; summary?: string }[] }>(`/api/proposals/${proposalId}/restricted`, { reason: 'Writing the risk section of the report' }, 'court.officer');
    const policeCheck = view.body.checks.find((check) => check.type === 'DOMESTIC_ABUSE');
    expect(policeCheck?.status).toBe('RESPONDED');
    expect(policeCheck?.summary).toBe(summary.trim());
  });
});

describe('a request that did not come through CloudFront', () => {
  const runner = createLambdaRunner(functionRegistry);
  const routes = compileRoutes(functionRegistry);

  /** The event API Gateway would give the handler for a request sent straight to the API's own address. */
  function directEvent(route: CompiledRoute, headers: Record<string, string> = {}, body = ''): APIGatewayProxyEventV2 {
    const [method = 'GET', path = '/'] = route.routeKey.split(' ');
    const url = new URL(path.replace(/\{(\w+)\}/g, 'some-$1'), stack.url);
    const built = apiGatewayEvent(route, { method, url, headers: { 'content-type': 'application/json', ...headers }, remoteAddress: '203.0.113.7', body });
    if (!('event' in built)) throw new Error(`No event for ${route.routeKey}`);
    return built.event;
  }
  const invoke = async (route: CompiledRoute, event: APIGatewayProxyEventV2) =>
    (await runner.invoke(route.functionName, event)) as APIGatewayProxyStructuredResultV2;

  it.each(routes.map((route) => [route.routeKey, route] as const))('is refused on %s with 403 and a plain reason', async (_routeKey, route) => {
    const refused = await invoke(route, directEvent(route));

    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body ?? '{}')).toEqual({ error: 'FORBIDDEN', message: 'Use the service\'s public address.' });
  });

  it('is refused with a wrong header, and changes nothing: the link still answers once through the service\'s address', async () => {
    // Prepare
    const proposalId = await startChecks(api, proposalBody());
    const { police } = await requestsFor(api, proposalId, 3);
    const route = routes.find((candidate) => candidate.routeKey === 'POST /api/responses');
    if (route === undefined) throw new Error('No POST /api/responses route');
    const answer = JSON.stringify({ token: tokenFrom(police.url ?? ''), ...noInformation });

    // Act
    const withoutHeader = await invoke(route, directEvent(route, {}, answer));
    const withWrongHeader = await invoke(route, directEvent(route, { [originVerifyHeader]: 'a-guess-at-the-secret-header-value-0123456789' }, answer));

    // Assess
    expect([withoutHeader.statusCode, withWrongHeader.statusCode]).toEqual([403, 403]);
    expect((await viewOf(api, proposalId)).checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.status).toBe('REQUESTED');
    expect((await api.answer(police.url ?? '', noInformation)).status).toBe(200);
  });

  it('cannot bring its own header through the service\'s address: the local server, like CloudFront, replaces it', async () => {
    const response = await fetch(`${stack.url}/health`, { headers: { [originVerifyHeader]: 'a-guess-at-the-secret-header-value-0123456789' } });
    expect(response.status).toBe(200);
  });
});
