import { cpSync } from 'node:fs';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleEntryFile, rendersPages, sharedLambdaBundles } from '#infra/build/lambda-bundles';
import type { FunctionAccess, FunctionDefinition } from '#infra/function-registry';
import { impliedEnvironmentGroups, routeEnvironmentGroups, tableEnvironmentGroups, type EnvironmentGroup, type EnvironmentVariable } from '#runtime/environment';

/**
 * The fixed defaults every deployed handler gets. They are not props on purpose: a handler that
 * needs something different should make the case in review, not pass an option. The one
 * exception is the timeout ({@link HandlerFunctionProps.timeout}), for a function that calls an
 * outside service and says why in the stack (today only deliver-messages, see NotifyDelivery).
 */
export const handlerDefaults = {
  /** The runtime the project is pinned to (package.json devDependency `node` ^24), and the bundles' target (lambdaNodeMajorVersion). */
  runtime: Runtime.NODEJS_24_X,
  /** Graviton: cheaper per GB-second and nothing in our code or dependencies is x86-only. */
  architecture: Architecture.ARM_64,
  /** Every request and workflow step traced end to end (the state machine traces too). */
  tracing: Tracing.ACTIVE,
  memorySizeMb: 512,
  /**
   * Our handlers do a few DynamoDB and Step Functions calls; 10 s is far above the expected time
   * and well under API Gateway's 30 s integration limit, so a stuck call fails visibly. The
   * default for every handler unless its `timeout` prop says otherwise.
   */
  timeout: Duration.seconds(10),
  /**
   * One year. Logs carry only ids, types and outcomes (never names, addresses or free text), so
   * keeping them does not keep personal details; a year covers the life of a proposal, the
   * curfew that follows it and the time in which a decision is usually questioned, so we can
   * still reconstruct what the system did when asked. Longer would be retention without purpose.
   */
  logRetention: RetentionDays.ONE_YEAR,
  /** Logs outlive a stack deletion: they are the record of what happened. */
  logRemovalPolicy: RemovalPolicy.RETAIN,
} as const;

/**
 * Variables read by libraries, not by our code, so in no environment group: every handler gets them.
 */
export const libraryEnvironment = {
  POWERTOOLS_SERVICE_NAME: 'curfew-checks',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  // Stack traces point at our TypeScript, not at the minified bundle.
  NODE_OPTIONS: '--enable-source-maps',
} as const;

/** Values for some of an environment group's variables (CDK tokens are strings too). */
export type EnvironmentGroupValues<G extends EnvironmentGroup> = Readonly<Partial<Record<EnvironmentVariable<G>, string>>>;

/** What a stack knows of each environment group when it creates its functions. */
export type EnvironmentValues = { readonly [G in EnvironmentGroup]?: EnvironmentGroupValues<G> };

/**
 * The groups a function's variables come from: the implied ones, `table` if it has access to the
 * table (TABLE_NAME comes with the grant, {@link grantTableAccess}), `originVerify` if it serves
 * routes, and those its registry entry names. The environment test loads every handler with only
 * its groups' variables, so code that needs a group its function lacks fails a test.
 */
export function environmentGroupsOf(definition: FunctionDefinition): readonly EnvironmentGroup[] {
  const servesRoutes = (definition.routes ?? []).length > 0;
  const table = definition.access.table === 'none' ? [] : tableEnvironmentGroups;
  return [...impliedEnvironmentGroups, ...table, ...(servesRoutes ? routeEnvironmentGroups : []), ...(definition.environment ?? [])];
}

/** The variables of these groups that `values` has. */
function variablesOf(groups: readonly EnvironmentGroup[], values: EnvironmentValues): Record<string, string> {
  const entries = groups.flatMap((group) => Object.entries<string | undefined>(values[group] ?? {}));
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * A function's code: its folder of the one bundle build (infra/build/lambda-bundles.ts), copied
 * as it is, so the deployed files are those the local stack and the bundles test run. The build
 * runs once per process, when the first function is staged; a synth that skips bundling (the
 * infra tests that only read the template) never builds. The Docker image is never pulled: the
 * local copy always succeeds.
 */
function bundledCode(projectRoot: string, definition: FunctionDefinition): Code {
  return Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/busybox'),
      // Never used by a container. CDK caches assets by source folder and bundling options, and
      // every function stages from the same folder: naming the function keeps their assets apart.
      environment: { FUNCTION_NAME: definition.name },
      local: {
        tryBundle(outputDir: string): boolean {
          cpSync(sharedLambdaBundles(projectRoot).folderOf(definition.name), outputDir, { recursive: true });
          return true;
        },
      },
    },
  });
}

export interface HandlerFunctionProps {
  /** The registry entry this function deploys. */
  readonly definition: FunctionDefinition;
  /** Absolute path of the repository root (the registry's entry files are relative to it). */
  readonly projectRoot: string;
  /**
   * The stack's values for the environment groups it can fill when it creates its functions; the
   * function takes those of its own groups ({@link environmentGroupsOf}) and no others. Values
   * made later are set with {@link HandlerFunction.setEnvironmentGroup} (`TABLE_NAME` by
   * {@link grantTableAccess}, the Notify secrets' ARNs by NotifyDelivery).
   */
  readonly environment: EnvironmentValues;
  /**
   * Only for a function whose work is bounded by an outside service rather than by our own
   * DynamoDB and Step Functions calls; the caller documents why. Never above 30 s for a function
   * that serves routes (API Gateway's integration limit).
   * @default handlerDefaults.timeout (10 s)
   */
  readonly timeout?: Duration;
}

/**
 * One registry entry as a bundled Lambda function with the defaults above, its own role and its
 * own log group. The role starts with write access to that log group only (no AWS managed
 * policy); everything else is granted from the entry's `access`.
 */
export class HandlerFunction extends Construct {
  readonly definition: FunctionDefinition;
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** The environment groups whose variables this function gets, and no others. */
  readonly environmentGroups: readonly EnvironmentGroup[];

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const { definition, projectRoot } = props;
    this.definition = definition;
    this.environmentGroups = environmentGroupsOf(definition);
    const timeout = props.timeout ?? handlerDefaults.timeout;
    if (rendersPages(definition) && timeout.toSeconds() > 30) {
      throw new Error(`${definition.name} serves routes, so its timeout cannot exceed API Gateway's 30 s integration limit`);
    }

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: handlerDefaults.logRetention,
      removalPolicy: handlerDefaults.logRemovalPolicy,
    });

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${definition.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      code: bundledCode(projectRoot, definition),
      handler: `${bundleEntryFile.replace(/\.mjs$/, '')}.handler`,
      description: definition.description,
      runtime: handlerDefaults.runtime,
      architecture: handlerDefaults.architecture,
      tracing: handlerDefaults.tracing,
      memorySize: handlerDefaults.memorySizeMb,
      timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...libraryEnvironment, ...variablesOf(this.environmentGroups, props.environment) },
    });
  }

  /**
   * Sets variables of one of this function's environment groups. A group its registry entry does
   * not name fails the synth: a function gets exactly the environment the registry gives it.
   */
  setEnvironmentGroup<G extends EnvironmentGroup>(group: G, variables: EnvironmentGroupValues<G>): void {
    if (!this.environmentGroups.includes(group)) {
      throw new Error(`${this.definition.name} is given the ${group} environment, but its registry entry does not name it (infra/function-registry.ts)`);
    }
    for (const [name, value] of Object.entries<string | undefined>(variables)) {
      if (value !== undefined) this.function.addEnvironment(name, value);
    }
  }
}

/**
 * Grants the handler the table access its registry entry asks for and tells it the table's
 * name, together, so no function can have one without the other. `'none'`: neither.
 */
export function grantTableAccess(handler: HandlerFunction, table: ITable, access: FunctionAccess['table']): void {
  if (access === 'none') return;
  if (access === 'readWrite') {
    table.grantReadWriteData(handler.function);
  } else {
    table.grantReadData(handler.function);
  }
  handler.setEnvironmentGroup('table', { TABLE_NAME: table.tableName });
}
