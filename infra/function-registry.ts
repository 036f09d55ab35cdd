import type { DeclaredEnvironmentGroup } from '#runtime/environment';

/**
 * The one list of Lambda functions. The CDK stack deploys exactly these, and the local stack
 * serves exactly these, so the two cannot drift apart. Each entry says what the function may
 * touch and which environment it needs; the CDK stack turns that into IAM grants and environment
 * variables. The local stack checks every call a function makes against the grants the
 * synthesized template gives it (infra/local/permissions), and, running the bundles, gives each
 * function only its own variables (local-bundle-runner.ts).
 */

export type HttpMethod = 'GET' | 'HEAD' | 'POST';

export interface Route {
  readonly method: HttpMethod;
  /** API Gateway v2 route path, with `{name}` path parameters; `{name+}` (greedy, last) takes the rest of any path. */
  readonly path: string;
}

export interface FunctionAccess {
  /**
   * DynamoDB access to the application table. Required, so every entry decides it: `'none'` for a
   * function that touches nothing of ours, which then gets no grant on the table (nor on its key)
   * and no `core` environment group either (the table's name is in it; see environmentGroupsOf).
   */
  readonly table: 'none' | 'read' | 'readWrite';
  /** May call SendTaskSuccess / SendTaskFailure on the curfew checks workflow. */
  readonly taskResponse?: boolean;
  /** May start executions of the curfew checks workflow. */
  readonly startExecution?: boolean;
  /** May stop executions of the curfew checks workflow (withdrawal, early unsuitable decision, another sentence). */
  readonly stopExecution?: boolean;
  /** May describe the state machine (health). */
  readonly describe?: boolean;
  /** May put events on the domain events bus (events:PutEvents on that bus only). */
  readonly putEvents?: boolean;
}

/**
 * When a function runs on its own, with no request or workflow step behind it. Deployed: an
 * EventBridge Scheduler schedule (cron in Europe/London); locally: a timer in the local stack.
 */
export type FunctionSchedule =
  | {
      /** Monday to Friday at this time in London (`HH:MM`); the function itself skips bank holidays. */
      readonly weekdaysAtLondonTime: string;
      readonly description: string;
    }
  | {
      /** Every this many minutes, day and night: a repair that must never wait long. */
      readonly everyMinutes: number;
      readonly description: string;
    };

export interface FunctionDefinition {
  /** kebab-case name; also the CDK construct id and the local log name. */
  readonly name: string;
  /** Handler file, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly access: FunctionAccess;
  /** HTTP routes this function serves (API Gateway HTTP API deployed; the local server locally). */
  readonly routes?: readonly Route[];
  /** The `${Placeholder}` in the workflow definition that this function's ARN replaces. */
  readonly workflowPlaceholder?: string;
  /** Served by the local stack only; never deployed. */
  readonly localOnly?: boolean;
  /** Invoked on a timetable with an empty event (`{}`). */
  readonly schedule?: FunctionSchedule;
  /**
   * The environment groups (functions/runtime/environment.ts) the function needs besides the
   * implied `core` and `clock`; the CDK stack sets exactly these groups' variables.
   * test/infra/function-environment.test.ts loads each deployed handler with only them.
   */
  readonly environment?: readonly DeclaredEnvironmentGroup[];
}

/** Everything that identifies staff: the OpenID Connect settings and whether cookies are Secure. */
const staffSignIn = ['signIn', 'cookies'] as const satisfies readonly DeclaredEnvironmentGroup[];

export const functionRegistry: readonly FunctionDefinition[] = [
  // Pages
  {
    name: 'home-page',
    entry: 'functions/handlers/staff-pages/home-page.ts',
    description: 'The start page; staff are sent to where their role starts',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/' }],
  },
  {
    name: 'not-found-page',
    entry: 'functions/handlers/staff-pages/not-found-page.ts',
    description: "Every request no other route takes: GOV.UK's page not found (or 'link cannot be used' for a cut-short link); JSON under /api/",
    // It reads nothing of ours: without this route API Gateway would answer a browser with raw JSON.
    access: { table: 'none' },
    // A greedy path is the least specific route, so API Gateway (and the local server) choose it
    // only when no other route matches the path and method.
    routes: [
      { method: 'GET', path: '/{proxy+}' },
      { method: 'HEAD', path: '/{proxy+}' },
      { method: 'POST', path: '/{proxy+}' },
    ],
  },
  // Staff pages. `/proposals/new` comes before `/proposals/{proposalId}`: the local server takes the first match.
  {
    name: 'start-checks-page',
    entry: 'functions/handlers/staff-pages/start-checks-page.ts',
    description: 'Court officer: the form that starts the checks (same validation and storage as POST /api/proposals)',
    access: { table: 'readWrite', startExecution: true },
    environment: [...staffSignIn, 'workflow'],
    routes: [
      { method: 'GET', path: '/proposals/new' },
      { method: 'POST', path: '/proposals/new' },
    ],
  },
  {
    name: 'alternative-address-page',
    entry: 'functions/handlers/staff-pages/alternative-address-page.ts',
    description: 'Court officer: another address for an unsuitable or withdrawn proposal; starts the start-checks form with the answers that do not depend on the address carried over',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [
      { method: 'GET', path: '/proposals/{proposalId}/alternative-address' },
      { method: 'POST', path: '/proposals/{proposalId}/alternative-address' },
    ],
  },
  {
    name: 'my-proposals-page',
    entry: 'functions/handlers/staff-pages/my-proposals-page.ts',
    description: "Court officer: the court's open proposals by hearing date and what each waits for",
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/proposals' }],
  },
  {
    name: 'proposal-page',
    entry: 'functions/handlers/staff-pages/proposal-page.ts',
    description: 'One proposal: each check and its provenance, and the actions that fit its state; restricted answers by POST with a reason; every view is audited',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [
      { method: 'GET', path: '/proposals/{proposalId}' },
      // Restricted answers are shown only after a POST with a reason: never a reason in an address.
      { method: 'POST', path: '/proposals/{proposalId}/restricted' },
    ],
  },
  {
    name: 'proposal-changes',
    entry: 'functions/handlers/staff-pages/proposal-changes.ts',
    description: "The proposal page's script: an opaque fingerprint of what the page shows, polled so the page is fetched (and its view audited) only when it changed",
    // Reads the session without recording its use, so a page left open still goes idle: it writes nothing.
    access: { table: 'read' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/proposals/{proposalId}/changes' }],
  },
  {
    name: 'record-decision-page',
    entry: 'functions/handlers/staff-pages/record-decision-page.ts',
    description: 'Court officer records the decision from the proposal page',
    access: { table: 'readWrite', taskResponse: true, stopExecution: true },
    environment: [...staffSignIn, 'workflow'],
    routes: [{ method: 'POST', path: '/proposals/{proposalId}/decision' }],
  },
  {
    name: 'withdraw-proposal-page',
    entry: 'functions/handlers/staff-pages/withdraw-proposal-page.ts',
    description: 'Court officer withdraws a proposal from the proposal page',
    access: { table: 'readWrite', stopExecution: true },
    environment: [...staffSignIn, 'workflow'],
    routes: [{ method: 'POST', path: '/proposals/{proposalId}/withdraw' }],
  },
  {
    name: 'adjourn-hearing-page',
    entry: 'functions/handlers/staff-pages/adjourn-hearing-page.ts',
    description: 'Court officer records that the hearing moved to a new date, from the proposal page',
    access: { table: 'readWrite' },
    environment: [...staffSignIn, 'linkLifetimes'],
    routes: [
      { method: 'GET', path: '/proposals/{proposalId}/adjournment' },
      { method: 'POST', path: '/proposals/{proposalId}/adjournment' },
    ],
  },
  {
    name: 'hearing-outcome-page',
    entry: 'functions/handlers/staff-pages/hearing-outcome-page.ts',
    description: 'Court officer records what the court decided at the hearing, from the proposal page (another sentence: open checks cancelled, the workflow stops)',
    access: { table: 'readWrite', stopExecution: true },
    environment: [...staffSignIn, 'linkLifetimes', 'workflow'],
    routes: [
      { method: 'GET', path: '/proposals/{proposalId}/outcome' },
      { method: 'POST', path: '/proposals/{proposalId}/outcome' },
    ],
  },
  {
    name: 'record-consent-withdrawal-page',
    entry: 'functions/handlers/staff-pages/record-consent-withdrawal-page.ts',
    description: 'Court officer records, from the proposal page, that a resident withdrew their consent',
    access: { table: 'readWrite', taskResponse: true, stopExecution: true },
    environment: [...staffSignIn, 'workflow'],
    routes: [{ method: 'POST', path: '/proposals/{proposalId}/consent-withdrawals' }],
  },
  {
    name: 'record-resident-consent-page',
    entry: 'functions/handlers/staff-pages/record-resident-consent-page.ts',
    description: "Court officer records a resident's consent taken by phone or in person, from the proposal page",
    access: { table: 'readWrite', taskResponse: true },
    environment: staffSignIn,
    routes: [{ method: 'POST', path: '/proposals/{proposalId}/residents/{residentId}/consent' }],
  },
  {
    name: 'resend-link-page',
    entry: 'functions/handlers/staff-pages/resend-link-page.ts',
    description: "Court officer sends a waiting check's link again from the proposal page; the old link stops working",
    access: { table: 'readWrite' },
    environment: [...staffSignIn, 'linkLifetimes'],
    routes: [{ method: 'POST', path: '/proposals/{proposalId}/checks/{checkId}/resend' }],
  },
  {
    name: 'change-recipient-page',
    entry: 'functions/handlers/staff-pages/change-recipient-page.ts',
    description: "Court officer changes a waiting resident's contact details from the proposal page; a new link is sent there",
    access: { table: 'readWrite' },
    environment: [...staffSignIn, 'linkLifetimes'],
    routes: [{ method: 'POST', path: '/proposals/{proposalId}/residents/{residentId}/contact' }],
  },
  {
    name: 'check-summary-page',
    entry: 'functions/handlers/staff-pages/check-summary-page.ts',
    description: 'The printable check summary for the report: categories and provenance, no free text',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/proposals/{proposalId}/summary' }],
  },
  {
    name: 'countersign-page',
    entry: 'functions/handlers/staff-pages/countersign-page.ts',
    description: 'Senior probation officer countersigns a suitable decision made despite a concern',
    access: { table: 'readWrite', taskResponse: true },
    environment: staffSignIn,
    routes: [
      { method: 'GET', path: '/proposals/{proposalId}/countersign' },
      { method: 'POST', path: '/proposals/{proposalId}/countersign' },
    ],
  },
  {
    name: 'queue-page',
    entry: 'functions/handlers/staff-pages/queue-page.ts',
    description: 'Senior probation officer: decisions waiting for a countersignature, and overdue checks',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/queue' }],
  },
  {
    name: 'court-list-page',
    entry: 'functions/handlers/staff-pages/court-list-page.ts',
    description: 'Sentencer: check completeness for a court and hearing date; each listing is audited',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/court-list' }],
  },
  {
    name: 'morning-check-in-page',
    entry: 'functions/handlers/staff-pages/morning-check-in-page.ts',
    description: "Court officer and SPO: the team's morning check-in (today's and the next working day's hearings, what waits, what needs the SPO, overnight answers); not audited",
    // Reads the team's court lists; writes only the session's last use, as every staff page does.
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/morning-check-in' }],
  },
  {
    name: 'performance-page',
    entry: 'functions/handlers/staff-pages/performance-page.ts',
    description: "SPO (their courts) and performance lead (their region): performance and quality figures from the counters kept as things happen; no case, not audited; also as CSV",
    // Reads the counters; writes only the session's last use, as every staff page does.
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [
      { method: 'GET', path: '/performance' },
      { method: 'GET', path: '/performance.csv' },
    ],
  },
  {
    name: 'court-list-proposal-page',
    entry: 'functions/handlers/staff-pages/court-list-proposal-page.ts',
    description: "Sentencer: where each of one proposal's answers came from, by category; audited",
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/court-list/{proposalId}' }],
  },

  // Staff and link API
  {
    name: 'create-proposal',
    entry: 'functions/handlers/api/create-proposal.ts',
    description: 'Court officer starts the safeguarding checks for a curfew proposal',
    access: { table: 'readWrite', startExecution: true },
    environment: [...staffSignIn, 'workflow'],
    routes: [{ method: 'POST', path: '/api/proposals' }],
  },
  {
    name: 'propose-alternative-address',
    entry: 'functions/handlers/api/propose-alternative-address.ts',
    description: 'Court officer proposes another address for an unsuitable or withdrawn proposal: the next version of the case, every check asked again',
    access: { table: 'readWrite', startExecution: true },
    environment: [...staffSignIn, 'workflow'],
    routes: [{ method: 'POST', path: '/api/proposals/{proposalId}/alternative-address' }],
  },
  {
    name: 'get-proposal',
    entry: 'functions/handlers/api/get-proposal.ts',
    description: 'Staff view of one proposal, its checks and its audit events; restricted answers by POST with a reason; every view is audited',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [
      { method: 'GET', path: '/api/proposals/{proposalId}' },
      // Restricted answers only after a POST with a reason: never a reason in an address.
      { method: 'POST', path: '/api/proposals/{proposalId}/restricted' },
    ],
  },
  {
    name: 'get-audit-trail',
    entry: 'functions/handlers/api/get-audit-trail.ts',
    description: "Exports a proposal's audit trail and verifies its hash chain",
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/api/proposals/{proposalId}/audit' }],
  },
  {
    name: 'record-decision',
    entry: 'functions/handlers/api/record-decision.ts',
    description: 'Court officer records SUITABLE or UNSUITABLE with a rationale',
    access: { table: 'readWrite', taskResponse: true, stopExecution: true },
    environment: [...staffSignIn, 'workflow'],
    routes: [{ method: 'POST', path: '/api/proposals/{proposalId}/decision' }],
  },
  {
    name: 'countersign-decision',
    entry: 'functions/handlers/api/countersign-decision.ts',
    description: 'Senior probation officer agrees or disagrees with a SUITABLE decision made despite concerns',
    access: { table: 'readWrite', taskResponse: true },
    environment: staffSignIn,
    routes: [{ method: 'POST', path: '/api/proposals/{proposalId}/countersign' }],
  },
  {
    name: 'withdraw-proposal',
    entry: 'functions/handlers/api/withdraw-proposal.ts',
    description: 'Court officer withdraws a proposal: links stop working and the workflow stops',
    access: { table: 'readWrite', stopExecution: true },
    environment: [...staffSignIn, 'workflow'],
    routes: [{ method: 'POST', path: '/api/proposals/{proposalId}/withdraw' }],
  },
  {
    name: 'adjourn-hearing',
    entry: 'functions/handlers/api/adjourn-hearing.ts',
    description: 'Court officer records that the hearing moved to a new date: due dates, reminders, agency links and the court list follow it',
    access: { table: 'readWrite' },
    environment: [...staffSignIn, 'linkLifetimes'],
    routes: [{ method: 'POST', path: '/api/proposals/{proposalId}/adjournment' }],
  },
  {
    name: 'record-hearing-outcome',
    entry: 'functions/handlers/api/record-hearing-outcome.ts',
    description: 'Court officer records what the court decided at the hearing (adjourned: with the new date; another sentence: open checks cancelled, the workflow stops)',
    access: { table: 'readWrite', stopExecution: true },
    environment: [...staffSignIn, 'linkLifetimes', 'workflow'],
    routes: [{ method: 'POST', path: '/api/proposals/{proposalId}/outcome' }],
  },
  {
    name: 'record-consent-withdrawal',
    entry: 'functions/handlers/api/record-consent-withdrawal.ts',
    description: "Court officer records that a resident withdrew their consent, naming the resident's check",
    access: { table: 'readWrite', taskResponse: true, stopExecution: true },
    environment: [...staffSignIn, 'workflow'],
    routes: [{ method: 'POST', path: '/api/proposals/{proposalId}/consent-withdrawals' }],
  },
  {
    name: 'record-resident-consent',
    entry: 'functions/handlers/api/record-resident-consent.ts',
    description: "Court officer records a resident's consent taken by phone or in person",
    access: { table: 'readWrite', taskResponse: true },
    environment: staffSignIn,
    routes: [{ method: 'POST', path: '/api/proposals/{proposalId}/residents/{residentId}/consent' }],
  },
  {
    name: 'resend-link',
    entry: 'functions/handlers/api/resend-link.ts',
    description: "Court officer sends a waiting check's link again: a new link, the old one stops working, the workflow keeps waiting",
    access: { table: 'readWrite' },
    environment: [...staffSignIn, 'linkLifetimes'],
    routes: [{ method: 'POST', path: '/api/proposals/{proposalId}/checks/{checkId}/resend' }],
  },
  {
    name: 'change-recipient',
    entry: 'functions/handlers/api/change-recipient.ts',
    description: "Court officer changes a waiting resident's contact details; a new link is sent there",
    access: { table: 'readWrite' },
    environment: [...staffSignIn, 'linkLifetimes'],
    routes: [{ method: 'POST', path: '/api/proposals/{proposalId}/residents/{residentId}/contact' }],
  },
  {
    name: 'submit-response',
    entry: 'functions/handlers/recipients/submit-response.ts',
    description: 'Police, children\'s services or a resident answers through their link',
    access: { table: 'readWrite', taskResponse: true },
    routes: [{ method: 'POST', path: '/api/responses' }],
  },
  {
    name: 'open-link',
    entry: 'functions/handlers/recipients/open-link.ts',
    description: 'The link in a message: moves the token into a cookie and redirects; changes nothing',
    // It looks nothing up, so that a mail scanner cannot learn whether a token exists.
    access: { table: 'none' },
    environment: ['cookies'],
    routes: [
      { method: 'GET', path: '/r/{token}' },
      { method: 'HEAD', path: '/r/{token}' },
    ],
  },
  {
    name: 'get-link-request',
    entry: 'functions/handlers/recipients/get-link-request.ts',
    description: "What a link's holder is asked, with only what they need to answer",
    access: { table: 'readWrite' },
    environment: ['cookies'],
    routes: [{ method: 'GET', path: '/respond' }],
  },
  {
    name: 'answer-link-request',
    entry: 'functions/handlers/recipients/answer-link-request.ts',
    description: "A link holder's answer from the link page",
    access: { table: 'readWrite', taskResponse: true },
    environment: ['cookies'],
    routes: [{ method: 'POST', path: '/respond' }],
  },
  {
    name: 'ask-for-new-link',
    entry: 'functions/handlers/recipients/ask-for-new-link.ts',
    description: 'The holder of an expired or replaced link asks for a new one; the officer is told',
    access: { table: 'readWrite' },
    environment: ['cookies'],
    routes: [{ method: 'POST', path: '/respond/new-link' }],
  },
  {
    name: 'open-withdrawal-link',
    entry: 'functions/handlers/recipients/open-withdrawal-link.ts',
    description: "The withdrawal link in a resident's confirmation of consent: moves the token into a cookie and redirects; changes nothing",
    // It looks nothing up, so that a scanner cannot learn whether a token exists.
    access: { table: 'none' },
    environment: ['cookies'],
    routes: [
      { method: 'GET', path: '/w/{token}' },
      { method: 'HEAD', path: '/w/{token}' },
    ],
  },
  {
    name: 'withdrawal-page',
    entry: 'functions/handlers/recipients/withdrawal-page.ts',
    description: 'A resident sees what withdrawing their consent does, and the button; opening it changes nothing',
    access: { table: 'read' },
    environment: ['cookies'],
    routes: [{ method: 'GET', path: '/withdraw-consent' }],
  },
  {
    name: 'withdraw-consent',
    entry: 'functions/handlers/recipients/withdraw-consent.ts',
    description: 'A resident withdraws their consent through their link, once; the officer and SPOs are told',
    access: { table: 'readWrite', taskResponse: true, stopExecution: true },
    environment: ['cookies', 'workflow'],
    routes: [{ method: 'POST', path: '/withdraw-consent' }],
  },
  {
    name: 'list-court-hearing',
    entry: 'functions/handlers/api/list-court-hearing.ts',
    description: 'Sentencer view: check completeness for every proposal at one court on one date; each listing is audited',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/api/courts/{courtCode}/hearings/{date}' }],
  },
  {
    name: 'get-openapi',
    entry: 'functions/handlers/api/get-openapi.ts',
    description: 'The OpenAPI 3.1 document of the JSON API, generated from the schemas the handlers validate with; public (it holds no data)',
    // Built from the schemas as the function loads: it reads nothing of ours.
    access: { table: 'none' },
    routes: [{ method: 'GET', path: '/api/openapi.json' }],
  },
  // Staff sign-in (OpenID Connect: Cognito deployed, the local provider locally)
  {
    name: 'sign-in',
    entry: 'functions/handlers/sign-in/sign-in.ts',
    description: 'Starts staff sign-in: keeps the PKCE verifier, state and nonce and redirects to the identity provider',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/auth/sign-in' }],
  },
  {
    name: 'sign-in-callback',
    entry: 'functions/handlers/sign-in/sign-in-callback.ts',
    description: 'The identity provider returns here: checks the answer and starts a server-side session',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/auth/callback' }],
  },
  {
    name: 'sign-out',
    entry: 'functions/handlers/sign-in/sign-out.ts',
    description: 'Ends the staff session (CSRF token required) and signs out at the identity provider',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'POST', path: '/auth/sign-out' }],
  },
  {
    name: 'get-session',
    entry: 'functions/handlers/sign-in/get-session.ts',
    description: 'Who is signed in, with the CSRF token for state-changing requests',
    access: { table: 'readWrite' },
    environment: staffSignIn,
    routes: [{ method: 'GET', path: '/auth/session' }],
  },
  {
    name: 'pre-token-generation',
    entry: 'functions/handlers/sign-in/pre-token-generation.ts',
    description: "Cognito's pre token generation trigger: puts the user's courts into the access token the staff API reads",
    // It reads nothing of ours: the courts come in Cognito's event.
    access: { table: 'none' },
  },
  {
    name: 'health',
    entry: 'functions/handlers/integrations/health.ts',
    description: 'Reports whether the table and the workflow can be reached',
    access: { table: 'read', describe: true },
    environment: ['workflow'],
    routes: [{ method: 'GET', path: '/health' }],
  },
  {
    name: 'dev-outbox',
    entry: 'functions/handlers/local-only/dev-outbox.ts',
    description: 'Local stack only: every message the local outbox has sent, with its link',
    access: { table: 'read' },
    routes: [{ method: 'GET', path: '/api/dev/outbox' }],
    localOnly: true,
  },
  {
    name: 'outbox-page',
    entry: 'functions/handlers/local-only/outbox-page.ts',
    description: 'Local stack only: the outbox as a page, each link a real link to follow',
    access: { table: 'read' },
    routes: [{ method: 'GET', path: '/dev/outbox' }],
    localOnly: true,
  },

  // Workflow steps
  {
    name: 'plan-checks',
    entry: 'functions/handlers/workflow-steps/plan-checks.ts',
    description: 'Removes the proposal\'s start marker; returns the ids of its checks and how long to wait for each',
    access: { table: 'readWrite' },
    workflowPlaceholder: 'PlanChecksFunctionArn',
  },
  {
    name: 'request-domestic-abuse-check',
    entry: 'functions/handlers/workflow-steps/request-domestic-abuse-check.ts',
    description: 'Sends the domestic abuse enquiry to the police and keeps the task token',
    access: { table: 'readWrite', taskResponse: true },
    environment: ['linkLifetimes'],
    workflowPlaceholder: 'RequestDomesticAbuseCheckFunctionArn',
  },
  {
    name: 'request-child-safeguarding-check',
    entry: 'functions/handlers/workflow-steps/request-child-safeguarding-check.ts',
    description: "Sends the child safeguarding enquiry to children's services and keeps the task token",
    access: { table: 'readWrite', taskResponse: true },
    environment: ['linkLifetimes'],
    workflowPlaceholder: 'RequestChildSafeguardingCheckFunctionArn',
  },
  {
    name: 'request-resident-consent',
    entry: 'functions/handlers/workflow-steps/request-resident-consent.ts',
    description: 'Asks one adult resident for consent and keeps the task token',
    access: { table: 'readWrite', taskResponse: true },
    environment: ['linkLifetimes'],
    workflowPlaceholder: 'RequestResidentConsentFunctionArn',
  },
  {
    name: 'handle-check-timeout',
    entry: 'functions/handlers/workflow-steps/handle-check-timeout.ts',
    description: 'A check wait ended without an answer: mark it overdue when due and wait again',
    access: { table: 'readWrite' },
    // A reminder sends a new link (ADR 0013), so this step issues links and needs their lifetimes.
    environment: ['linkLifetimes'],
    workflowPlaceholder: 'HandleCheckTimeoutFunctionArn',
  },
  {
    name: 'assess-checks',
    entry: 'functions/handlers/workflow-steps/assess-checks.ts',
    description: 'Every check is answered: computes whether the proposal awaits a decision or is unsuitable',
    access: { table: 'readWrite' },
    workflowPlaceholder: 'AssessChecksFunctionArn',
  },
  {
    name: 'await-officer-action',
    entry: 'functions/handlers/workflow-steps/await-officer-action.ts',
    description: 'Keeps the task token while the proposal waits for a decision or a countersignature',
    access: { table: 'readWrite', taskResponse: true },
    workflowPlaceholder: 'AwaitOfficerActionFunctionArn',
  },
  {
    name: 'record-needs-attention',
    entry: 'functions/handlers/workflow-steps/record-needs-attention.ts',
    description: 'Marks a proposal as needing attention when a workflow step failed',
    access: { table: 'readWrite' },
    workflowPlaceholder: 'RecordNeedsAttentionFunctionArn',
  },

  // GOV.UK Notify delivery
  {
    name: 'deliver-messages',
    entry: 'functions/handlers/streams/deliver-messages.ts',
    description: 'Delivers pending outbox messages through GOV.UK Notify, at most once each, with retries',
    access: { table: 'readWrite' },
    environment: ['notifySending'],
  },
  // Performance and quality counts (ADR 0020)
  {
    name: 'keep-performance-counts',
    entry: 'functions/handlers/streams/keep-performance-counts.ts',
    description: "The P&Q view's counters: adds each new audit event of a proposal to its court's weekly counts, once",
    // Reads the proposal an event names; writes only counters and their once-only markers.
    access: { table: 'readWrite' },
  },
  // Domain events for other systems (ADR 0027)
  {
    name: 'publish-domain-events',
    entry: 'functions/handlers/streams/publish-domain-events.ts',
    description: 'Publishes each new domain event from its outbox to the EventBridge bus, at least once, and marks it published',
    // Reads and marks the events' outbox items; events:PutEvents on the bus alone (infra/constructs/domain-events.ts).
    access: { table: 'readWrite', putEvents: true },
    environment: ['domainEvents'],
    // The repair: events the stream gave up on (its dead-letter queue) are published by this sweep.
    schedule: { everyMinutes: 5, description: 'Every 5 minutes: publish domain events still waiting after the stream gave up on them' },
  },
  {
    name: 'notify-callback',
    entry: 'functions/handlers/integrations/notify-callback.ts',
    description: "GOV.UK Notify's delivery receipts: records each message's final status",
    access: { table: 'readWrite' },
    environment: ['notifyCallback'],
    routes: [{ method: 'POST', path: '/notify/callback' }],
  },

  // Escalation
  {
    name: 'send-overdue-digest',
    entry: 'functions/handlers/scheduled/send-overdue-digest.ts',
    description: "Each working morning: one message per court team listing its overdue checks (officers and senior probation officers)",
    access: { table: 'readWrite' },
    schedule: { weekdaysAtLondonTime: '07:30', description: 'Working-day mornings: the overdue checks digest for each court team' },
  },
  {
    name: 'send-agency-digests',
    entry: 'functions/handlers/scheduled/send-agency-digests.ts',
    description: "Each working morning: one message per police force's and local authority's enquiry mailbox listing its outstanding enquiries from every court",
    access: { table: 'readWrite' },
    // Before the 09:00 reminders it replaces when a mailbox has several enquiries (domain/agency-digest.ts).
    schedule: { weekdaysAtLondonTime: '07:45', description: "Working-day mornings: each agency mailbox's digest of its outstanding enquiries" },
  },

  // Repair
  {
    name: 'start-pending-workflows',
    entry: 'functions/handlers/scheduled/start-pending-workflows.ts',
    description: 'Starts the checks workflow of any proposal stored without one (the request that stored it stopped before starting it)',
    // Stops what it started if the proposal was withdrawn meanwhile (proposals/pending-starts.ts); stops
    // or wakes the workflow of a proposal a withdrawal of consent ended (proposals/withdraw-consent.ts).
    access: { table: 'readWrite', startExecution: true, stopExecution: true, taskResponse: true },
    environment: ['workflow'],
    schedule: { everyMinutes: 1, description: 'Every minute: start the workflow of any proposal whose start was interrupted' },
  },
];

/** Functions that the deployed stack creates. */
export const deployedFunctions = functionRegistry.filter((definition) => !definition.localOnly);
