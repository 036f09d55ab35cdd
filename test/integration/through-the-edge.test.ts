import { describe, expect, it } from 'vitest';
import { maxBodyBytes } from '#runtime/request-limits';
import { tokenFrom } from '../support/api-client.ts';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { proposalBody } from '../support/proposals.ts';

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
    const reason = encodeURIComponent('Writing the risk section of the report');
    const view = await api.get<{ checks: { type: string; status: string; summary?: string }[] }>(`/api/proposals/${proposalId}?reason=${reason}`, 'court.officer');
    const policeCheck = view.body.checks.find((check) => check.type === 'DOMESTIC_ABUSE');
    expect(policeCheck?.status).toBe('RESPONDED');
    expect(policeCheck?.summary).toBe(summary.trim());
  });
});
