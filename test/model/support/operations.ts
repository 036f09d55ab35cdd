import { SendTaskFailureCommand } from '@aws-sdk/client-sfn';
import type fc from 'fast-check';
import type { apiClient, OutboxMessage } from '../../support/api-client.ts';
import { addDays } from '../../support/dates.ts';
import type { StoreReader } from './stored-state.ts';

/**
 * The real operations the lifecycle model fires at a running local stack, each as the person or
 * the system would do it: a recipient answering through a link, the officer and the senior
 * probation officer through the JSON API, and a check's wait ending (the clock past the due time
 * and the workflow's wait for that check timing out).
 */
export type Api = ReturnType<typeof apiClient>;

/** One check of the run's proposal, as the model refers to it. */
export interface CheckRef {
  checkId: string;
  type: 'DOMESTIC_ABUSE' | 'CHILD_SAFEGUARDING' | 'RESIDENT_CONSENT';
  residentId?: string;
  /** `police`, `childrensServices`, `resident1`, `resident2`. */
  name: string;
}

export type Variant = 'NO_CONCERN' | 'CONCERN' | 'CONSENT' | 'REFUSE' | 'SPEAK_TO_OFFICER';

export type Outcome =
  | { op: 'answer'; check: CheckRef; variant: Variant; linkIndex: number; status: number }
  | { op: 'officerConsent'; check: CheckRef; decision: 'CONSENT' | 'REFUSE'; status: number }
  | { op: 'withdraw'; status: number; reported?: string }
  | { op: 'decide'; outcome: 'SUITABLE' | 'UNSUITABLE'; status: number; reported?: string }
  | { op: 'countersign'; agree: boolean; status: number; reported?: string }
  | { op: 'resend'; check: CheckRef; status: number }
  | { op: 'timeout'; check: CheckRef; result: 'WAIT_ENDED' | 'TASK_ALREADY_CLOSED' | 'NOT_WAITING' }
  | { op: 'adjourn'; hearingDate: string; status: number }
  | { op: 'anotherAddress'; status: number; nextProposalId?: string; error?: string }
  | { op: 'withdrawConsent'; check: CheckRef; status: number; reported?: string };

/** Everything one run shares: the proposal, the clients, the scheduler and what happened. */
export interface Run {
  proposalId: string;
  checks: CheckRef[];
  api: Api;
  store: StoreReader;
  scheduler: fc.Scheduler;
  /** Moves the handlers' clock past the checks' due time (once; later calls do nothing). */
  passDueTime(): void;
  outcomes: Outcome[];
  /** Operations of the current burst, not fired yet. */
  pending: { label: string; operation: () => Promise<Outcome> }[];
  inFlight: Promise<void>[];
  /** Unexpected responses (a 5xx, a status outside the operation's contract). */
  failures: string[];
}

const police = { outcome: 'NO_INFORMATION', restricted: false, responder: { name: 'PC Jordan Lee', role: 'Domestic abuse officer', organisation: 'Wiltshire Police' } };
const policeConcern = { outcome: 'INFORMATION_HELD', summary: 'Two call-outs to the address in 2025.', restricted: true, responder: police.responder };
const childrensServices = { outcome: 'NOT_KNOWN', restricted: false, responder: { name: 'Chris Ward', role: 'MASH social worker', organisation: 'Swindon Borough Council' } };
const childrensServicesConcern = { outcome: 'KNOWN_NO_CURRENT_INVOLVEMENT', summary: 'Known in 2019; case closed.', restricted: false, responder: childrensServices.responder };

/** The answer a recipient of this kind of check gives for the variant (resident variants only for residents). */
export function answerBody(check: CheckRef, variant: Variant): object {
  if (check.type === 'DOMESTIC_ABUSE') return variant === 'CONCERN' ? policeConcern : police;
  if (check.type === 'CHILD_SAFEGUARDING') return variant === 'CONCERN' ? childrensServicesConcern : childrensServices;
  if (variant === 'CONSENT') return { decision: 'CONSENT', understood: true };
  return { decision: variant === 'REFUSE' ? 'REFUSE' : 'SPEAK_TO_OFFICER' };
}

/** Every link sent for a check, oldest first: the request, then each resend (`RESEND#<checkId>#<n>`). */
export async function linksOf(api: Api, check: CheckRef): Promise<string[]> {
  const messages = (await api.outbox()).filter((message) => message.kind === 'REQUEST' && (message.id === `REQUEST#${check.checkId}` || message.id.startsWith(`RESEND#${check.checkId}#`)));
  const order = (message: OutboxMessage) => (message.id.startsWith('REQUEST#') ? 0 : Number(message.id.split('#')[2]));
  return messages.sort((a, b) => order(a) - order(b)).map((message) => message.url ?? '');
}

/**
 * Fires the pending operations together under the scheduler's control, and waits for them all:
 * fast-check decides when each starts (so several are in flight together, in an order it chose)
 * and when each result is taken in.
 */
export async function flush(run: Run): Promise<void> {
  for (const { label, operation } of run.pending.splice(0)) {
    fire(run, label, operation);
  }
  await run.scheduler.waitFor(Promise.all(run.inFlight));
}

function fire(run: Run, label: string, operation: () => Promise<Outcome>): void {
  const { scheduler } = run;
  const done = scheduler
    .schedule(Promise.resolve(), `start ${label}`)
    .then(() => scheduler.schedule(operation(), `end ${label}`))
    .then(
      (outcome) => {
        run.outcomes.push(outcome);
      },
      (error: unknown) => {
        run.failures.push(`${label} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      },
    );
  run.inFlight.push(done);
}

/** Records a response outside the operation's contract; returns the status for the outcome. */
function expectStatus(run: Run, label: string, response: { status: number; body: unknown }, allowed: readonly number[]): number {
  if (!allowed.includes(response.status)) {
    run.failures.push(`${label} answered ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
  }
  return response.status;
}

const staffPath = (run: Run, suffix: string) => `/api/proposals/${run.proposalId}${suffix}`;

export const operations = {
  /** A recipient answers through their newest link, or through the first one they were sent. */
  async answer(run: Run, check: CheckRef, variant: Variant, which: 'newest' | 'first'): Promise<Outcome> {
    const links = await linksOf(run.api, check);
    const linkIndex = which === 'newest' ? links.length - 1 : 0;
    const response = await run.api.answer(links[linkIndex] ?? '', answerBody(check, variant));
    return { op: 'answer', check, variant, linkIndex, status: expectStatus(run, `answer ${check.name}`, response, [200, 410]) };
  },

  /** The officer records a resident's consent or refusal taken by phone. */
  async officerConsent(run: Run, check: CheckRef, decision: 'CONSENT' | 'REFUSE'): Promise<Outcome> {
    const response = await run.api.post(staffPath(run, `/residents/${check.residentId ?? ''}/consent`), { decision, method: 'PHONE', spokenToAlone: true }, 'court.officer');
    return { op: 'officerConsent', check, decision, status: expectStatus(run, `officer consent ${check.name}`, response, [200, 409]) };
  },

  async withdraw(run: Run): Promise<Outcome> {
    const response = await run.api.post<{ status?: string }>(staffPath(run, '/withdraw'), { reason: 'The address is no longer available' }, 'court.officer');
    return { op: 'withdraw', status: expectStatus(run, 'withdraw', response, [200, 409]), ...(response.status === 200 ? { reported: response.body.status } : {}) };
  },

  /** A resident tells the officer they withdraw their consent (before the hearing: the runs' hearing is two weeks ahead). No consent to withdraw, or withdrawn already: 409. */
  async withdrawConsent(run: Run, check: CheckRef): Promise<Outcome> {
    const response = await run.api.post<{ status?: string }>(staffPath(run, '/consent-withdrawals'), { checkId: check.checkId }, 'court.officer');
    return { op: 'withdrawConsent', check, status: expectStatus(run, `withdraw consent ${check.name}`, response, [200, 409]), ...(response.status === 200 ? { reported: response.body.status } : {}) };
  },

  async decide(run: Run, outcome: 'SUITABLE' | 'UNSUITABLE'): Promise<Outcome> {
    const response = await run.api.post<{ status?: string }>(staffPath(run, '/decision'), { outcome, riskOfSeriousHarm: 'LOW', rationale: 'Decided in the lifecycle model' }, 'court.officer');
    return { op: 'decide', outcome, status: expectStatus(run, `decide ${outcome}`, response, [200, 409]), ...(response.status === 200 ? { reported: response.body.status } : {}) };
  },

  async countersign(run: Run, agree: boolean): Promise<Outcome> {
    const response = await run.api.post<{ status?: string }>(staffPath(run, '/countersign'), { agree, comment: agree ? 'Agreed' : 'Not agreed' }, 'spo');
    return { op: 'countersign', agree, status: expectStatus(run, `countersign ${agree}`, response, [200, 409]), ...(response.status === 200 ? { reported: response.body.status } : {}) };
  },

  /**
   * The officer records that the hearing moved a week later than the date it has now. Two at once
   * read the same date: one moves it, the other is refused (409 while it changed, or 400 once the
   * date it asks for is the current one). A withdrawn proposal refuses it (409).
   */
  async adjourn(run: Run): Promise<Outcome> {
    const { proposal } = await run.store.proposal(run.proposalId);
    const hearingDate = addDays(proposal.hearingDate, 7);
    const response = await run.api.post(staffPath(run, '/adjournment'), { hearingDate, cause: 'CHECKS_OUTSTANDING' }, 'court.officer');
    return { op: 'adjourn', hearingDate, status: expectStatus(run, 'adjourn', response, [200, 400, 409]) };
  },

  /**
   * The officer proposes another address (ADR 0026): a new proposal, the next version of the case,
   * with one adult at the new address. Allowed once, from UNSUITABLE or WITHDRAWN; otherwise 409
   * (NOT_ALLOWED, or ALREADY_REPLACED naming the version that replaced it).
   */
  async anotherAddress(run: Run): Promise<Outcome> {
    const body = {
      address: { line1: '9 Other Road', town: 'Bath', postcode: 'BA1 1AA' },
      residents: [{ fullName: 'Jo Parent', relationship: 'PARENT', email: 'jo.parent@example.org', language: 'en' }],
      noOtherAdults: false,
      childrenDeclaredByDefendant: { any: false },
      policeForce: 'AVON_AND_SOMERSET',
      localAuthority: 'BATH_AND_NORTH_EAST_SOMERSET',
    };
    const response = await run.api.post<{ proposalId?: string; error?: string; nextProposalId?: string }>(staffPath(run, '/alternative-address'), body, 'court.officer');
    const status = expectStatus(run, 'another address', response, [201, 409]);
    const nextProposalId = response.status === 201 ? response.body.proposalId : response.body.nextProposalId;
    return { op: 'anotherAddress', status, ...(nextProposalId === undefined ? {} : { nextProposalId }), ...(response.body.error === undefined ? {} : { error: response.body.error }) };
  },

  async resend(run: Run, check: CheckRef): Promise<Outcome> {
    const response = await run.api.post(staffPath(run, `/checks/${check.checkId}/resend`), {}, 'court.officer');
    return { op: 'resend', check, status: expectStatus(run, `resend ${check.name}`, response, [200, 409]) };
  },

  /**
   * The check's wait ends after its due time: the clock moves past it, and the workflow's wait for
   * that check times out now, as when its timer fires (the task fails with States.Timeout, which
   * the workflow catches to run HandleCheckTimeout and then wait again). The token is the one the
   * check holds at that moment; if that task has already closed, nothing happens.
   */
  async timeout(run: Run, check: CheckRef): Promise<Outcome> {
    run.passDueTime();
    const stored = (await run.store.proposal(run.proposalId)).checks.find((candidate) => candidate.checkId === check.checkId);
    if (stored?.taskToken === undefined) {
      return { op: 'timeout', check, result: 'NOT_WAITING' };
    }
    try {
      await run.store.sfn.send(new SendTaskFailureCommand({ taskToken: stored.taskToken, error: 'States.Timeout', cause: 'The wait for this check ended' }));
      return { op: 'timeout', check, result: 'WAIT_ENDED' };
    } catch (error) {
      if (error instanceof Error && (error.name === 'TaskTimedOut' || error.name === 'InvalidToken')) {
        return { op: 'timeout', check, result: 'TASK_ALREADY_CLOSED' };
      }
      throw error;
    }
  },
};
