import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  UserPoolOperation,
  UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { callbackUrl, signedOutUrl } from '#auth/sign-in-urls';

/** The staff groups; a user's groups arrive in the `cognito:groups` claim of every token. */
export const staffGroups = {
  'court-officer': 'Court officers: start proposals, record decisions, withdraw, record consent taken in person',
  'senior-probation-officer': 'Senior probation officers: countersign SUITABLE decisions made despite concerns',
  sentencer: 'Sentencers: read-only view of check completeness for their courts\' hearings',
  'performance-lead': 'Performance leads: read-only performance and quality figures of every court of their region (custom:region); no case',
} as const;

/** Name of the custom attribute with the user's court codes (comma-separated, e.g. `B01LY00,B01CN00`). */
export const courtsAttribute = 'courts';
/** The custom attribute `custom:grade`: the staff member's grade (auth/staff.ts), set only by administrators. */
export const gradeAttribute = 'grade';
/** The custom attribute `custom:region`: a performance lead's region (court-teams.json), set only by administrators. */
export const regionAttribute = 'region';

/** The API resource server and its one scope: access tokens for the staff API carry `api/staff`. */
export const apiResourceServer = { identifier: 'api', scope: 'staff' } as const;

export interface StaffSignInProps {
  /** The origin staff use (`https://…`, no trailing slash): the callback and logout URLs hang off it. */
  readonly publicBaseUrl: string;
  /** Cognito prefix domain for the hosted sign-in pages: `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domainPrefix: string;
}

/**
 * Staff sign-in: a Cognito user pool (invitation only, TOTP MFA required, threat protection
 * enforced), the three staff groups, the admin-only `custom:courts` and `custom:grade` attributes, the hosted sign-in
 * domain and one public app client for the authorization code flow with PKCE.
 */
export class StaffSignIn extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly resourceServer: UserPoolResourceServer;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` of every token the pool issues. */
  readonly issuer: string;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly hostedUiBaseUrl: string;

  constructor(scope: Construct, id: string, props: StaffSignInProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${stack.stackName}-staff`,
      // Staff are invited by an administrator (admin-create-user); nobody can sign themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: false },
      signInCaseSensitive: false,
      standardAttributes: {
        email: { required: true, mutable: true },
      },
      customAttributes: {
        // Which courts' proposals the user may see. Only administrators set it: the app client
        // below cannot write it (see writeAttributes), so a user cannot widen their own access.
        [courtsAttribute]: new StringAttribute({ mutable: true, minLen: 0, maxLen: 2048 }),
        // Their grade (PROBATION_OFFICER, PROBATION_SERVICES_OFFICER, TRAINEE…): the countersigning
        // policy may depend on it, so, like the courts, only administrators set it.
        [gradeAttribute]: new StringAttribute({ mutable: true, minLen: 0, maxLen: 64 }),
        // A performance lead's region: which courts' figures they see. Administrators only, as above.
        [regionAttribute]: new StringAttribute({ mutable: true, minLen: 0, maxLen: 64 }),
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Every sign-in needs an authenticator app code; no SMS (it can be intercepted or ported).
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus plan: threat protection (compromised credentials, risky sign-ins) is enforced, not just
      // reported. Priced per monthly active user; a few hundred staff cost little.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const [groupName, description] of Object.entries(staffGroups)) {
      new CfnUserPoolGroup(this, `Group-${groupName}`, {
        userPoolId: this.userPool.userPoolId,
        groupName,
        description,
      });
    }

    const staffScope = new ResourceServerScope({ scopeName: apiResourceServer.scope, scopeDescription: 'Use the staff API' });
    this.resourceServer = this.userPool.addResourceServer('ApiResourceServer', {
      identifier: apiResourceServer.identifier,
      userPoolResourceServerName: `${stack.stackName} staff API`,
      scopes: [staffScope],
    });

    this.domain = this.userPool.addDomain('HostedUiDomain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });

    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: `${stack.stackName}-web`,
      // A public client: the authorization code is protected by PKCE, not by a client secret.
      generateSecret: false,
      // Sign-in happens only through the hosted pages; of the API flows only refreshing is allowed.
      authFlows: { userSrp: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [
          OAuthScope.OPENID,
          OAuthScope.EMAIL,
          OAuthScope.PROFILE,
          OAuthScope.resourceServer(this.resourceServer, staffScope),
        ],
        // Exactly the addresses the handlers send: the sign-out handler's `logout_uri` must be one of
        // the logout URLs, or Cognito's /logout refuses it and the user stays signed in there.
        callbackUrls: [callbackUrl(props.publicBaseUrl)],
        logoutUrls: [signedOutUrl(props.publicBaseUrl)],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(10),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, givenName: true, familyName: true })
        .withCustomAttributes(courtsAttribute, gradeAttribute, regionAttribute),
      // Never empty: Cognito treats an empty list as "every attribute writable", custom:courts too.
      writeAttributes: new ClientAttributes().withStandardAttributes({ givenName: true, familyName: true }),
    });

    // Built rather than read from the pool's ProviderURL attribute, which has no `https://` scheme.
    this.issuer = `https://cognito-idp.${stack.region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.hostedUiBaseUrl = this.domain.baseUrl();
  }

  /**
   * Cognito calls `trigger` as it issues tokens, with event version 2 (V2_0), the version that may
   * add claims to access tokens (the Plus plan allows it): the staff API reads the user's courts
   * there, and Cognito access tokens carry no user attributes of their own.
   */
  addAccessTokenClaimsTrigger(trigger: IFunction): void {
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, trigger, LambdaVersion.V2_0);
  }
}
