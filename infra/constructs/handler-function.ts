import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BundlingOptions, ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionAccess, FunctionDefinition } from '#infra/function-registry';
import { impliedEnvironmentGroups, type EnvironmentGroup, type EnvironmentVariable } from '#runtime/environment';

/**
 * The fixed defaults every deployed handler gets. They are not props on purpose: a handler that
 * needs something different should make the case in review, not pass an option. The one
 * exception is the timeout ({@link HandlerFunctionProps.timeout}), for a function that calls an
 * outside service and says why in the stack (today only deliver-messages, see NotifyDelivery).
 */
export const handlerDefaults = {
  /** The runtime the project is pinned to (package.json devDependency `node` ^24). */
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

/** The groups a function's variables come from: the implied ones and those its registry entry names. */
export function environmentGroupsOf(definition: FunctionDefinition): readonly EnvironmentGroup[] {
  return [...impliedEnvironmentGroups, ...(definition.environment ?? [])];
}

/** The variables of these groups that `values` has. */
function variablesOf(groups: readonly EnvironmentGroup[], values: EnvironmentValues): Record<string, string> {
  const entries = groups.flatMap((group) => Object.entries<string | undefined>(values[group] ?? {}));
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * Where the page templates sit in the bundle of a function that serves routes, beside the bundled
 * handler (functions/pages/nunjucks-environment.ts looks there first).
 */
export const bundledTemplates = {
  /** A copy of functions/pages/templates. */
  pages: 'templates',
  /** The GOV.UK Frontend Nunjucks files only, so templates find them as `govuk/...`. */
  govukFrontend: 'govuk-frontend',
} as const;

/** The GOV.UK Frontend files the templates use, relative to node_modules/govuk-frontend/dist/govuk. */
export const govukFrontendTemplateFiles = {
  files: ['template.njk'],
  /** Only the `.njk` files in these folders (and their subfolders): no SCSS, JavaScript or docs. */
  folders: ['components', 'macros'],
} as const;

/**
 * The commands that copy the page templates into a bundle, after esbuild has written the handler.
 * One `node -e` call with fs.cpSync, so it runs wherever the CDK bundles (bash or cmd): the script
 * is in double quotes and uses no `$`, backquote, backslash, `%` or `!`, which either shell would
 * interpret there. Fonts, images and stylesheets stay out of the Lambda: CloudFront serves them
 * from S3 (see EdgeDistribution.serveFromBucket).
 */
export function pageTemplateCommands(inputDir: string, outputDir: string): string[] {
  const list = (items: readonly string[]): string => `[${items.map((item) => `'${item}'`).join(', ')}]`;
  const script = [
    "const fs = require('node:fs'), path = require('node:path');",
    'const [pages, govuk, out] = process.argv.slice(1);',
    `fs.cpSync(pages, path.join(out, '${bundledTemplates.pages}'), { recursive: true });`,
    `const target = path.join(out, '${bundledTemplates.govukFrontend}', 'govuk');`,
    `for (const file of ${list(govukFrontendTemplateFiles.files)}) fs.cpSync(path.join(govuk, file), path.join(target, file));`,
    `for (const folder of ${list(govukFrontendTemplateFiles.folders)}) fs.cpSync(path.join(govuk, folder), path.join(target, folder), ` +
      "{ recursive: true, filter: (source) => fs.statSync(source).isDirectory() || source.endsWith('.njk') });",
  ].join(' ');
  if (/[$`\\%!"]/.test(script)) throw new Error('The template copy script must not contain characters a shell interprets in double quotes');
  // Forward slashes: inputDir is /asset-input when bundling in Docker, and Node accepts them on Windows.
  const pages = `${inputDir}/functions/pages/templates`;
  const govuk = `${inputDir}/node_modules/govuk-frontend/dist/govuk`;
  return [`node -e "${script}" "${pages}" "${govuk}" "${outputDir}"`];
}

/**
 * How every deployed handler is bundled (esbuild, run by NodejsFunction), in one place: the stack
 * uses it as `bundling` (adding the template hooks for functions that render pages) and the bundle
 * benchmark (test/bench/cold-start.ts) builds with exactly these options to measure size and load.
 */
export const handlerBundling: BundlingOptions = {
  // No Docker on build machines: esbuild from node_modules does the bundling.
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  // ESM first, so dependencies that ship both are bundled as ESM.
  mainFields: ['module', 'main'],
  // A CommonJS dependency bundled into ESM still calls `require` for Node built-ins.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  // The map only needs line mappings; leaving the sources out keeps the bundle small.
  sourcesContent: false,
  // The Node.js 24 runtime provides AWS SDK v3: bundling it tripled every bundle and slowed every
  // cold start; we accept running the runtime's SDK version (docs/decisions/0009-lambda-bundles.md).
  externalModules: ['@aws-sdk/*'],
  // Bundle sizes for every function on every synth are noise; warnings and errors still show.
  logLevel: LogLevel.WARNING,
};

/** Bundling hooks for a function that renders pages: the templates go beside the handler. */
const pageTemplateHooks: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: pageTemplateCommands,
};

export interface HandlerFunctionProps {
  /** The registry entry this function deploys. */
  readonly definition: FunctionDefinition;
  /** Absolute path of the repository root (entry files and the lock file are relative to it). */
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
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** The environment groups whose variables this function gets, and no others. */
  readonly environmentGroups: readonly EnvironmentGroup[];

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const { definition, projectRoot } = props;
    this.definition = definition;
    this.environmentGroups = environmentGroupsOf(definition);
    // Every function that serves a route may render a page (an error page at least), so each of
    // them carries the templates; workflow steps render nothing and stay as they were.
    const rendersPages = (definition.routes ?? []).length > 0;
    const timeout = props.timeout ?? handlerDefaults.timeout;
    if (rendersPages && timeout.toSeconds() > 30) {
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

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(projectRoot, definition.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      description: definition.description,
      runtime: handlerDefaults.runtime,
      architecture: handlerDefaults.architecture,
      tracing: handlerDefaults.tracing,
      memorySize: handlerDefaults.memorySizeMb,
      timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...libraryEnvironment, ...variablesOf(this.environmentGroups, props.environment) },
      bundling: { ...handlerBundling, ...(rendersPages ? { commandHooks: pageTemplateHooks } : {}) },
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
 * name, together, so no function can have one without the other.
 */
export function grantTableAccess(handler: HandlerFunction, table: ITable, access: FunctionAccess['table']): void {
  if (access === 'readWrite') {
    table.grantReadWriteData(handler.function);
  } else {
    table.grantReadData(handler.function);
  }
  handler.setEnvironmentGroup('core', { TABLE_NAME: table.tableName });
}
