import * as z from 'zod';

/**
 * The one place that knows the environment variables. Each group below is a set of variables that
 * a function needs together; the registry (infra/function-registry.ts) names the groups each
 * function needs beyond the implied ones, the CDK stack sets exactly those groups' variables, and
 * test/infra/function-environment.test.ts loads every deployed handler with exactly the variables
 * the synthesized template gives it. A group is parsed once, when the first module that needs it
 * loads, so a misconfigured function fails at cold start with every missing or invalid variable
 * named, never on a user's request.
 *
 * | group          | variables (`?` optional)                                                  | functions                                            |
 * | -------------- | ------------------------------------------------------------------------- | ---------------------------------------------------- |
 * | core           | PUBLIC_BASE_URL, AWS_REGION? and AWS_ACCESS_KEY_ID? (set by Lambda), and  | every function (implied)                             |
 * |                | the local stack's DYNAMODB_ENDPOINT?, SFN_ENDPOINT?,                      |                                                      |
 * |                | EVENTBRIDGE_ENDPOINT?, LOCAL_DEVELOPMENT_ENDPOINTS?                       |                                                      |
 * | table          | TABLE_NAME                                                                | every function with table access (implied)           |
 * | clock          | LOCAL_CLOCK_OFFSET_MS? (local stack), AWS_LAMBDA_FUNCTION_NAME? (Lambda)  | every function (implied)                             |
 * | workflow       | STATE_MACHINE_ARN (read on first use)                                     | those that start, stop or describe executions        |
 * | signIn         | OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET?, OIDC_AUDIENCE           | staff pages and API, sign-in                         |
 * | cookies        | SESSION_COOKIE_SECURE                                                     | as signIn, and the three link functions              |
 * | linkLifetimes  | RESIDENT_LINK_DAYS?, AGENCY_LINK_DAYS_AFTER_HEARING?                      | those that issue links (requests, resend, contact)   |
 * | notifySending  | NOTIFY_API_KEY (deployed: NOTIFY_API_KEY_SECRET_ARN), NOTIFY_TEMPLATES?,  | deliver-messages                                     |
 * |                | NOTIFY_BASE_URL?, NOTIFY_RETRY_BASE_MS?                                   |                                                      |
 * | notifyCallback | NOTIFY_CALLBACK_BEARER_TOKEN (deployed: NOTIFY_CALLBACK_TOKEN_SECRET_ARN) | notify-callback                                      |
 * | domainEvents   | EVENT_BUS_NAME                                                            | publish-domain-events                                |
 * | originVerify   | ORIGIN_VERIFY_TOKEN (deployed: ORIGIN_VERIFY_TOKEN_SECRET_ARN)             | every function that serves routes (implied)          |
 *
 * The registry is the exact list of functions. The Lambda runtime sets AWS_REGION, AWS_ACCESS_KEY_ID and
 * AWS_LAMBDA_FUNCTION_NAME; the CDK stack never sets the local stack's variables. Variables read by
 * libraries themselves (POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL, NODE_OPTIONS) are in no group.
 * A variable set to the empty string counts as unset.
 */

/** `''` is unset: a variable set to nothing is one nobody meant to set. */
const unsetIfEmpty = (value: unknown): unknown => (value === '' ? undefined : value);

/** Every environment value is text, so a type issue can only mean the variable is missing. */
const required = () => z.preprocess(unsetIfEmpty, z.string());
const optional = () => z.preprocess(unsetIfEmpty, z.string().optional());

/** An optional whole number in a range, as `RESIDENT_LINK_DAYS must be a whole number of days from 1 to 28`. */
const optionalWholeNumber = (minimum: number, maximum: number, unit: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((raw) => Number.isInteger(Number(raw)) && Number(raw) >= minimum && Number(raw) <= maximum, {
        error: `must be a whole number of ${unit} from ${minimum} to ${maximum}`,
      })
      .transform(Number)
      .optional(),
  );

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const notifyApiKeyShape = new RegExp(`^.+-${uuid}-${uuid}$`, 'i');

const environmentSchemas = {
  core: z.object({
    /** Links in messages are built from this (the public address of the service), without a trailing slash. */
    PUBLIC_BASE_URL: required().transform((url) => url.replace(/\/+$/, '')),
    AWS_REGION: z.preprocess(unsetIfEmpty, z.string().default('eu-west-2')),
    /**
     * Set by the Lambda runtime (the role's credentials, which the SDK reads itself). Read here
     * only to tell whether a client of a local endpoint must be given credentials (aws-clients.ts).
     */
    AWS_ACCESS_KEY_ID: optional(),
    /** Local stack only: DynamoDB Local and the local Step Functions endpoint. */
    DYNAMODB_ENDPOINT: optional(),
    SFN_ENDPOINT: optional(),
    /** Local stack only: the local EventBridge endpoint (infra/local/event-bridge.ts). */
    EVENTBRIDGE_ENDPOINT: optional(),
    /** Local stack only: developer endpoints such as the outbox, on when `enabled`. */
    LOCAL_DEVELOPMENT_ENDPOINTS: optional().transform((value) => value === 'enabled'),
  }),
  table: z.object({
    /** The application table (store/table-name.ts). */
    TABLE_NAME: required(),
  }),
  clock: z.object({
    /** Local stack only: the offset a stack process starts with (the crash harness runs it in a child process). */
    LOCAL_CLOCK_OFFSET_MS: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .refine((raw) => Number.isFinite(Number(raw)), { error: 'must be a number of milliseconds' })
        .transform(Number)
        .optional(),
    ),
    /** Set by the Lambda runtime: deployed, the clock offset is ignored. */
    AWS_LAMBDA_FUNCTION_NAME: optional(),
  }),
  workflow: z.object({
    STATE_MACHINE_ARN: required(),
  }),
  signIn: z.object({
    OIDC_ISSUER: required(),
    OIDC_CLIENT_ID: required(),
    /** Absent for a public client (Cognito's web client and the local provider's); set for a confidential one. */
    OIDC_CLIENT_SECRET: optional(),
    /** The `aud` our API requires of bearer access tokens (Cognito: the client id). */
    OIDC_AUDIENCE: required(),
  }),
  cookies: z.object({
    /** `true` deployed (`__Host-` cookies, Secure); `false` only on the local stack's plain http. */
    SESSION_COOKIE_SECURE: required()
      .refine((value) => value === 'true' || value === 'false', { error: 'must be true or false' })
      .transform((value) => value === 'true'),
  }),
  linkLifetimes: z.object({
    RESIDENT_LINK_DAYS: optionalWholeNumber(1, 28, 'days'),
    AGENCY_LINK_DAYS_AFTER_HEARING: optionalWholeNumber(0, 14, 'days'),
  }),
  notifySending: z.object({
    /** `{key_name}-{service_id}-{secret}`. Never echoed in an error: it is a secret. */
    NOTIFY_API_KEY: required().refine((key) => notifyApiKeyShape.test(key), {
      error: 'is not a GOV.UK Notify API key ({key_name}-{service_id}-{secret})',
    }),
    /** Deployed: where NOTIFY_API_KEY is read from at cold start (functions/notify/secrets.ts). */
    NOTIFY_API_KEY_SECRET_ARN: optional(),
    /** JSON template ids (functions/notify/templates.ts checks them); required for real Notify. */
    NOTIFY_TEMPLATES: optional(),
    /** Real Notify when unset (the local stack points it at a fake). */
    NOTIFY_BASE_URL: optional(),
    /** The first retry delay; tests shorten it. */
    NOTIFY_RETRY_BASE_MS: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .refine((raw) => Number.isInteger(Number(raw)) && Number(raw) > 0, { error: 'must be a positive whole number of milliseconds' })
        .transform(Number)
        .optional(),
    ),
  }),
  notifyCallback: z.object({
    /** What Notify sends with delivery receipts. */
    NOTIFY_CALLBACK_BEARER_TOKEN: required().refine((token) => token.length >= 16, { error: 'must be at least 16 characters' }),
    /** Deployed: where NOTIFY_CALLBACK_BEARER_TOKEN is read from at cold start (functions/notify/secrets.ts). */
    NOTIFY_CALLBACK_TOKEN_SECRET_ARN: optional(),
  }),
  domainEvents: z.object({
    /** The EventBridge bus the domain events are published to (ADR 0027). */
    EVENT_BUS_NAME: required(),
  }),
  originVerify: z.object({
    /**
     * What CloudFront sends in the x-origin-verify header (the local HTTP server likewise): a
     * request without it did not come through CloudFront and AWS WAF, and is refused. Never echoed.
     */
    ORIGIN_VERIFY_TOKEN: required().refine((token) => token.length >= 32, { error: 'must be at least 32 characters' }),
    /** Deployed: where ORIGIN_VERIFY_TOKEN is read from at cold start (runtime/origin-verification.ts). */
    ORIGIN_VERIFY_TOKEN_SECRET_ARN: optional(),
  }),
};

export type EnvironmentGroup = keyof typeof environmentSchemas;
/** A group's settings, checked and converted (e.g. SESSION_COOKIE_SECURE as a boolean). */
export type Environment<G extends EnvironmentGroup> = z.output<(typeof environmentSchemas)[G]>;
/** The names of a group's variables. */
export type EnvironmentVariable<G extends EnvironmentGroup> = keyof (typeof environmentSchemas)[G]['shape'] & string;

export const environmentGroups = Object.keys(environmentSchemas) as EnvironmentGroup[];

/** Every function has these; a registry entry names only the others. */
export const impliedEnvironmentGroups = ['core', 'clock'] as const satisfies readonly EnvironmentGroup[];
/** Every function the registry grants access to the table (`read` or `readWrite`) has this too. */
export const tableEnvironmentGroups = ['table'] as const satisfies readonly EnvironmentGroup[];
/** Every function that serves routes has these too: its factory refuses a request that bypassed CloudFront. */
export const routeEnvironmentGroups = ['originVerify'] as const satisfies readonly EnvironmentGroup[];
export type DeclaredEnvironmentGroup = Exclude<
  EnvironmentGroup,
  (typeof impliedEnvironmentGroups)[number] | (typeof tableEnvironmentGroups)[number] | (typeof routeEnvironmentGroups)[number]
>;

/** The variables of a group, for the CDK stack to check what it sets against. */
export function environmentVariableNames<G extends EnvironmentGroup>(group: G): readonly EnvironmentVariable<G>[] {
  return Object.keys(environmentSchemas[group].shape) as EnvironmentVariable<G>[];
}

/**
 * Deployed, these variables are not set: the function gets the ARN of the secret holding each
 * (ADR 0007) and runtime/secret-variables.ts puts the value here at cold start, before the group
 * that needs it is read.
 */
export const secretBackedVariables = {
  NOTIFY_API_KEY: 'NOTIFY_API_KEY_SECRET_ARN',
  NOTIFY_CALLBACK_BEARER_TOKEN: 'NOTIFY_CALLBACK_TOKEN_SECRET_ARN',
  ORIGIN_VERIFY_TOKEN: 'ORIGIN_VERIFY_TOKEN_SECRET_ARN',
} as const satisfies Partial<Record<EnvironmentVariable<'notifySending'> | EnvironmentVariable<'notifyCallback'> | EnvironmentVariable<'originVerify'>, string>>;
export type SecretBackedVariable = keyof typeof secretBackedVariables;

function variable(name: string): string | undefined {
  const value = process.env[name];
  return value === '' ? undefined : value;
}

/** `Missing required environment variable X`, or `X <what is wrong>`; never the value. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const name = String(issue.path[0] ?? 'environment');
  return issue.code === 'invalid_type' ? `Missing required environment variable ${name}` : `${name} ${issue.message}`;
}

const groupsRead = new Set<EnvironmentGroup>();

/**
 * Parses a group from the environment as it is now, throwing one Error that names every missing
 * or invalid variable. Most code wants {@link environment}, read once; this is for settings read
 * at a moment the handler chooses (the Notify ones, after their secret is in the environment).
 */
export function readEnvironment<G extends EnvironmentGroup>(group: G): Environment<G> {
  groupsRead.add(group);
  const result = environmentSchemas[group].safeParse(process.env);
  if (!result.success) {
    throw new Error(result.error.issues.map(describeIssue).join('; '));
  }
  return result.data as Environment<G>;
}

const parsed = new Map<EnvironmentGroup, unknown>();

/**
 * Several groups at once, each parsed the first time any module asks and kept for the life of the
 * process (a Lambda container): one Error names what is wrong in all of them.
 */
export function environments<const G extends readonly EnvironmentGroup[]>(...groups: G): { [K in keyof G]: Environment<G[K]> } {
  const problems: string[] = [];
  const settings = groups.map((group) => {
    if (!parsed.has(group)) {
      try {
        parsed.set(group, readEnvironment(group));
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    return parsed.get(group);
  });
  if (problems.length > 0) {
    throw new Error(problems.join('; '));
  }
  return settings as { [K in keyof G]: Environment<G[K]> };
}

/** One group, parsed the first time any module asks and kept for the life of the process. */
export function environment<G extends EnvironmentGroup>(group: G): Environment<G> {
  return environments(group)[0];
}

/** Whether a secret-backed variable is set, and otherwise the ARN of the secret that holds it. */
export function secretBackedVariable(name: SecretBackedVariable): { value: string | undefined; secretArn: string | undefined } {
  return { value: variable(name), secretArn: variable(secretBackedVariables[name]) };
}

/** Puts a value read from Secrets Manager where its group reads it; a group already kept is read again. */
export function setSecretBackedVariable(name: SecretBackedVariable, value: string): void {
  process.env[name] = value;
  for (const group of environmentGroups) {
    if ((environmentVariableNames(group) as readonly string[]).includes(name)) parsed.delete(group);
  }
}

/** The groups this process has read so far: the environment test compares them with the registry. */
export function environmentGroupsRead(): EnvironmentGroup[] {
  return [...groupsRead];
}
