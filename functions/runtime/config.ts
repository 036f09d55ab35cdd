/**
 * Configuration read once, when a handler module loads. A missing required value throws with
 * its name, so a misconfigured function fails at cold start instead of on a user's request.
 */

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

export const config = {
  tableName: required('TABLE_NAME'),
  /** Links in messages are built from this (the public address of the service). */
  publicBaseUrl: required('PUBLIC_BASE_URL').replace(/\/+$/, ''),
  /** Only functions that start, stop or describe executions receive it. */
  stateMachineArn: optional('STATE_MACHINE_ARN'),
  /** Local stack only: DynamoDB Local and the local Step Functions endpoint. */
  dynamoDbEndpoint: optional('DYNAMODB_ENDPOINT'),
  stepFunctionsEndpoint: optional('SFN_ENDPOINT'),
  /**
   * Local stack only: developer endpoints such as the outbox. Only the local stack sets it; the
   * CDK stack never does (an infra test asserts that).
   */
  localDevelopmentEndpoints: optional('LOCAL_DEVELOPMENT_ENDPOINTS') === 'enabled',
  /** Staff sign-in (OpenID Connect): only the HTTP functions that identify staff need these. */
  oidcIssuer: optional('OIDC_ISSUER'),
  oidcClientId: optional('OIDC_CLIENT_ID'),
  /** Absent for a public client (the local provider's); set for a confidential one. */
  oidcClientSecret: optional('OIDC_CLIENT_SECRET'),
  /** The `aud` our API requires of bearer access tokens (the resource indicator of our API). */
  oidcAudience: optional('OIDC_AUDIENCE'),
  /** `true` deployed (`__Host-` cookie, Secure); `false` only on the local stack's plain http. */
  sessionCookieSecure: optional('SESSION_COOKIE_SECURE'),
} as const;

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  audience: string;
  sessionCookieSecure: boolean;
}

/** Staff sign-in settings, for the modules that identify staff; each calls this when it loads. */
export function requireOidcConfig(): OidcConfig {
  const missing = (name: string): never => {
    throw new Error(`Missing required environment variable ${name}`);
  };
  const secure = config.sessionCookieSecure ?? missing('SESSION_COOKIE_SECURE');
  if (secure !== 'true' && secure !== 'false') {
    throw new Error('SESSION_COOKIE_SECURE must be true or false');
  }
  return {
    issuer: config.oidcIssuer ?? missing('OIDC_ISSUER'),
    clientId: config.oidcClientId ?? missing('OIDC_CLIENT_ID'),
    clientSecret: config.oidcClientSecret,
    audience: config.oidcAudience ?? missing('OIDC_AUDIENCE'),
    sessionCookieSecure: secure === 'true',
  };
}

/** The state machine ARN, for the few functions that need it. */
export function requireStateMachineArn(): string {
  if (config.stateMachineArn === undefined) {
    throw new Error('Missing required environment variable STATE_MACHINE_ARN');
  }
  return config.stateMachineArn;
}
