/**
 * Bundle size and load time of every deployed Lambda (issue 7, `npm run bench`). Each handler is
 * bundled with exactly the esbuild options of the one bundle build the CDK app deploys
 * (lambdaBuildOptions in infra/build/lambda-bundles.ts), then imported in a fresh Node process several
 * times; the median import time is reported. The page templates are compiled into the bundles that
 * render pages (docs/decisions/0018-precompiled-page-templates.md), so their size and load are
 * counted. A page function's cold start also includes its first render: each page a typical
 * journey meets is rendered once in a fresh process, and the journeys add those first renders to
 * the module loads. `sdk: 'external'` measures the other choice of
 * docs/decisions/0009-lambda-bundles.md: the AWS SDK left out, as if the runtime provided it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { build, version as esbuildVersion, type BuildOptions, type Metafile } from 'esbuild';
import { lambdaBuildOptions } from '../../infra/build/lambda-bundles.ts';
import { writePrecompiledTemplates } from '../../infra/build/page-templates.ts';
import { defaultNotifyTemplates } from '../../infra/constructs/notify-delivery.ts';
import { deployedFunctions, functionRegistry, type FunctionDefinition } from '../../infra/function-registry.ts';
import { compileRoutes, matchRoute } from '../../infra/local/http-server.ts';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

/** Issue 7's targets; reported against, never changed to fit. 300 KB read as 300,000 bytes. */
export const coldStartTargets = { maxZippedBytes: 300_000, maxLoadMs: 150 } as const;

export interface PackageShare {
  /** `our code` for the repository's own files, otherwise the npm package. */
  name: string;
  /** Bytes of the minified bundle that come from it. */
  bytes: number;
}

export interface BundleMeasurement {
  name: string;
  entry: string;
  /** The minified index.mjs. */
  bundleBytes: number;
  /** index.mjs.map (deployed too: NODE_OPTIONS=--enable-source-maps). */
  sourceMapBytes: number;
  /** The deployed zip: index.mjs and index.mjs.map, deflated (level 9) with zip headers. */
  zippedBytes: number;
  /** The zip without the source map, for comparison. */
  zippedCodeOnlyBytes: number;
  /** Median time to import the bundle in a fresh Node process (the target applies to it). */
  loadMs: number;
  /** The fastest run: the least disturbed by other work on a shared machine. */
  loadMsMin: number;
  loadRunsMs: number[];
  /** The largest contributors to the bundle. */
  largest: PackageShare[];
  /** Packages left out of the bundle and provided by the Lambda runtime (the AWS SDK). */
  runtimeProvided: string[];
  underSizeTarget: boolean;
  underLoadTarget: boolean;
}

/**
 * What a person meets on a quiet morning, every function cold: the requests of a typical journey,
 * in order, each with the page template it answers with (none for a redirect or JSON). Each
 * request's function starts cold once (later requests to it find it warm), and renders its first
 * page once: its first render is the one that loads that page's templates.
 */
export const typicalJourneys = {
  officer: {
    description: 'a court officer signs in, starts checks (six question pages, Check your answers, send), views the proposal and decides',
    requests: [
      // Not signed in yet: the start page.
      ['GET', '/', 'start.njk'],
      ['GET', '/auth/sign-in'],
      ['GET', '/auth/callback'],
      ['GET', '/proposals', 'staff/my-proposals.njk'],
      ['GET', '/proposals/new', 'staff/start-hearing.njk'],
      // Each page saved redirects to the next (post/redirect/get), served warm by the same function.
      ...['hearing', 'defendant', 'curfew', 'adults', 'children', 'agencies'].map((step) => ['POST', `/proposals/new?step=${step}`] as const),
      ['GET', '/proposals/new?step=check', 'staff/start-check-answers.njk'],
      ['POST', '/proposals/new?step=check'],
      ['GET', '/proposals/00000000-0000-4000-8000-000000000000', 'staff/proposal.njk'],
      ['GET', '/proposals/00000000-0000-4000-8000-000000000000/changes'],
      ['POST', '/proposals/00000000-0000-4000-8000-000000000000/decision'],
    ],
    // Not a route: Cognito calls it while the officer signs in, as it issues the tokens.
    alsoInvoked: ['pre-token-generation'],
  },
  recipient: {
    description: 'the police, children\'s services or a resident open their link and answer',
    requests: [
      ['GET', '/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
      ['GET', '/respond', 'link/agency.njk'],
      ['POST', '/respond', 'link/agency-sent.njk'],
    ],
    alsoInvoked: [],
  },
} as const;

export interface FirstRenderMeasurement {
  /** A page template, as renderPage names it. */
  template: string;
  /** Median time of its first render in a fresh process, after the page code has loaded. */
  firstRenderMs: number;
  firstRenderRunsMs: number[];
  /** Median time of a second render of it in the same process (warm), for comparison. */
  warmRenderMs: number;
}

export interface JourneyColdStarts {
  journey: keyof typeof typicalJourneys;
  description: string;
  requests: number;
  /** The functions met, in order, each once: so many cold starts. */
  functions: string[];
  /** Their median module loads, summed; undefined when a function met was not measured in this run. */
  totalLoadMs: number | undefined;
  /** The first page each function renders in the journey (a function that only redirects or answers JSON renders none). */
  firstPages: { function: string; template: string }[];
  /** Those pages' first renders, summed; undefined when one was not measured in this run. */
  totalFirstRenderMs: number | undefined;
  /** Module loads and first renders: the cold start the person meets over the journey, besides the runtime's own start and any I/O. */
  totalColdStartMs: number | undefined;
}

/** The functions each typical journey meets, from the registry's routes (as API Gateway and the local server choose them), and the first page each renders. */
export function journeyColdStarts(
  measured: readonly Pick<BundleMeasurement, 'name' | 'loadMs'>[],
  firstRenders: readonly Pick<FirstRenderMeasurement, 'template' | 'firstRenderMs'>[] = [],
): JourneyColdStarts[] {
  const routes = compileRoutes(functionRegistry);
  const sum = (values: (number | undefined)[]) => (values.every((value) => value !== undefined) ? Math.round(values.reduce((total: number, value) => total + (value ?? 0), 0)) : undefined);
  return (Object.keys(typicalJourneys) as (keyof typeof typicalJourneys)[]).map((journey) => {
    const { description, requests, alsoInvoked } = typicalJourneys[journey];
    const functions: string[] = [...alsoInvoked];
    const firstPages: { function: string; template: string }[] = [];
    for (const [method, address, template] of requests) {
      const name = matchRoute(routes, method, new URL(address, 'https://service.example').pathname).route?.functionName;
      if (name === undefined) throw new Error(`No function serves ${method} ${address}`);
      if (!functions.includes(name)) functions.push(name);
      if (template !== undefined && !firstPages.some((page) => page.function === name)) firstPages.push({ function: name, template });
    }
    const totalLoadMs = sum(functions.map((name) => measured.find((measurement) => measurement.name === name)?.loadMs));
    const totalFirstRenderMs = sum(firstPages.map((page) => firstRenders.find((render) => render.template === page.template)?.firstRenderMs));
    const totalColdStartMs = totalLoadMs === undefined || totalFirstRenderMs === undefined ? undefined : totalLoadMs + totalFirstRenderMs;
    return { journey, description, requests: requests.length, functions, totalLoadMs, firstPages, totalFirstRenderMs, totalColdStartMs };
  });
}

/** Every page template the typical journeys render, each once. */
export function journeyTemplates(): string[] {
  const templates = Object.values(typicalJourneys).flatMap(({ requests }) => requests.flatMap(([, , template]) => (template === undefined ? [] : [template])));
  return [...new Set(templates)];
}

export interface ColdStartReport {
  measuredAt: string;
  node: string;
  esbuild: string;
  machine: { cpus: number; model: string; platform: string; arch: string };
  runsPerFunction: number;
  /** How the bundles were built (the CDK's options, as esbuild API options). */
  esbuildOptions: Pick<BuildOptions, 'format' | 'platform' | 'target' | 'minify' | 'sourcemap' | 'sourcesContent' | 'external' | 'mainFields'>;
  targets: typeof coldStartTargets;
  functions: BundleMeasurement[];
  /** Each page's first render in a fresh process (functions/pages/render.ts bundled alone, as in every page function). */
  firstRenders: FirstRenderMeasurement[];
  summary: {
    functions: number;
    largestZippedBytes: number;
    medianZippedBytes: number;
    slowestLoadMs: number;
    medianLoadMs: number;
    /** The median over functions of each one's fastest run. */
    medianOfFastestLoadMs: number;
    allUnderSizeTarget: boolean;
    allUnderLoadTarget: boolean;
    /** Functions over a target and by how much (bytes or ms). */
    overSize: { name: string; overByBytes: number }[];
    overLoad: { name: string; overByMs: number }[];
    /** Bytes per package summed over every bundle, largest first. */
    largestAcrossBundles: PackageShare[];
    /** A person's typical journey on a quiet morning: how many cold starts, their module loads and first renders summed. */
    journeys: JourneyColdStarts[];
  };
  notes: string[];
}

/** The size of a zip holding these files: deflate level 9 plus local headers, central directory and end record. */
function zipSize(files: { name: string; content: Buffer }[]): number {
  let size = 22;
  for (const file of files) {
    const nameBytes = Buffer.byteLength(file.name);
    size += 30 + nameBytes + Math.min(deflateRawSync(file.content, { level: 9 }).length, file.content.length) + 46 + nameBytes;
  }
  return size;
}

function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.split(path.sep).join('/'));
  return match?.[1] ?? 'our code';
}

function shares(metafile: Metafile, outfile: string): PackageShare[] {
  const output = Object.entries(metafile.outputs).find(([name]) => name.endsWith(outfile))?.[1];
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  return [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function externalImports(metafile: Metafile, outfile: string): string[] {
  const output = Object.entries(metafile.outputs).find(([name]) => name.endsWith(outfile))?.[1];
  return [...new Set((output?.imports ?? []).filter((entry) => entry.external && !entry.path.startsWith('node:')).map((entry) => entry.path))].sort();
}

/** What the handlers read when they load (fake values: nothing is called while loading). */
function loadEnvironment(definition: FunctionDefinition): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    TZ: 'UTC',
    // As deployed (HandlerFunction): source maps are read when stack traces are made.
    NODE_OPTIONS: '--enable-source-maps',
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_LAMBDA_FUNCTION_NAME: definition.name,
    POWERTOOLS_SERVICE_NAME: 'curfew-checks',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    TABLE_NAME: 'curfew-checks-bench',
    PUBLIC_BASE_URL: 'https://curfew-checks.example.gov.uk',
    STATE_MACHINE_ARN: 'arn:aws:states:eu-west-2:000000000000:stateMachine:curfew-checks',
    EVENT_BUS_NAME: 'curfew-checks-events',
    OIDC_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_bench',
    OIDC_CLIENT_ID: 'bench-client',
    OIDC_AUDIENCE: 'bench-client',
    SESSION_COOKIE_SECURE: 'true',
    // Deployed these come from Secrets Manager at cold start (one GetSecretValue, not measured here).
    NOTIFY_API_KEY: 'bench-00000000-0000-4000-8000-000000000000-00000000-0000-4000-8000-000000000000',
    NOTIFY_CALLBACK_BEARER_TOKEN: 'bench-callback-token-bench-callback-token',
    NOTIFY_TEMPLATES: defaultNotifyTemplates,
  };
}

const loaderSource = `
const start = performance.now();
await import(process.argv[2]);
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms }));
process.exit(0);
`;

/** Loads the page code, then renders one page twice with an empty context: the first render, then a warm one. */
const rendererSource = `
const { renderPage } = await import(process.argv[2]);
const start = performance.now();
renderPage(process.argv[3], {});
const first = performance.now() - start;
renderPage(process.argv[3], {});
const warm = performance.now() - start - first;
process.stdout.write(JSON.stringify({ first, warm }));
process.exit(0);
`;

/** Node 24 as the Lambda runtime: the project's own (npm's `node` package), else this process's. */
function nodeBinary(): string {
  const local = path.join(projectRoot, 'node_modules', '.bin', 'node');
  return existsSync(local) ? local : process.execPath;
}

function runNode(node: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(node, args, { env, timeout: 30_000, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr.slice(0, 2000)}`));
      else resolve(stdout);
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface ColdStartOptions {
  /** Which deployed functions: names, or the first N of the registry. Default: all. */
  functions?: readonly string[] | number;
  /** Fresh processes per function (the median is reported). Default 5. */
  runs?: number;
  /**
   * `bundled` (default): as deployed. `external`: the AWS SDK left out of the bundle and loaded from
   * the project's node_modules, standing in for a runtime's copy (the other choice, for comparison).
   */
  sdk?: 'bundled' | 'external';
  /** Page templates whose first render is measured (`runs` fresh processes each). Default: every page the typical journeys render. */
  firstRenders?: readonly string[];
}

export async function measureColdStarts(options: ColdStartOptions = {}): Promise<ColdStartReport> {
  const runs = options.runs ?? 5;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('runs must be a positive whole number');
  const selected =
    options.functions === undefined
      ? deployedFunctions
      : typeof options.functions === 'number'
        ? deployedFunctions.slice(0, options.functions)
        : deployedFunctions.filter((definition) => (options.functions as readonly string[]).includes(definition.name));
  if (selected.length === 0) throw new Error('No deployed function selected');
  const { outExtension: _outExtension, ...deployed } = lambdaBuildOptions();
  const esbuildOptions: BuildOptions = {
    ...deployed,
    external: options.sdk === 'external' ? ['@aws-sdk/*'] : deployed.external,
  };
  const outFile = 'index.mjs';
  // Inside node_modules, so that with `sdk: 'external'` the bundle's SDK imports resolve to the
  // project's copy when it is loaded, as they would to a runtime's.
  const cacheDir = path.join(projectRoot, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const workDir = mkdtempSync(path.join(cacheDir, 'curfew-bundles-'));
  const node = nodeBinary();
  const nodeVersion = (await runNode(node, ['--version'], { PATH: process.env.PATH ?? '' })).trim();
  const loader = path.join(workDir, 'load.mjs');
  writeFileSync(loader, loaderSource);
  const renderer = path.join(workDir, 'render.mjs');
  writeFileSync(renderer, rendererSource);
  // The page functions import the compiled templates, made from the templates as they are now, as the bundle build makes them.
  writePrecompiledTemplates(projectRoot);
  const functions: BundleMeasurement[] = [];
  const firstRenders: FirstRenderMeasurement[] = [];
  try {
    // Bundling first (esbuild is parallel itself), then loading one process at a time.
    const bundles = [];
    for (const definition of selected) {
      const outfile = path.join(workDir, definition.name, outFile);
      const result = await build({ ...esbuildOptions, absWorkingDir: projectRoot, entryPoints: [path.join(projectRoot, definition.entry)], outfile, metafile: true, logLevel: 'error' });
      bundles.push({ definition, outfile, metafile: result.metafile });
    }
    for (const { definition, outfile, metafile } of bundles) {
      const code = readFileSync(outfile);
      const map = existsSync(`${outfile}.map`) ? readFileSync(`${outfile}.map`) : undefined;
      const env = loadEnvironment(definition);
      const loadRunsMs: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const output = await runNode(node, [loader, pathToFileURL(outfile).href], env);
        const { ms } = JSON.parse(output) as { ms: number };
        loadRunsMs.push(Math.round(ms * 10) / 10);
      }
      const zippedBytes = zipSize([{ name: outFile, content: code }, ...(map === undefined ? [] : [{ name: `${outFile}.map`, content: map }])]);
      const loadMs = median(loadRunsMs);
      functions.push({
        name: definition.name,
        entry: definition.entry,
        bundleBytes: statSync(outfile).size,
        sourceMapBytes: map?.length ?? 0,
        zippedBytes,
        zippedCodeOnlyBytes: zipSize([{ name: outFile, content: code }]),
        loadMs,
        loadMsMin: Math.min(...loadRunsMs),
        loadRunsMs,
        largest: shares(metafile, outFile).slice(0, 8),
        runtimeProvided: externalImports(metafile, outFile),
        underSizeTarget: zippedBytes < coldStartTargets.maxZippedBytes,
        underLoadTarget: loadMs < coldStartTargets.maxLoadMs,
      });
    }
    // The page code every page function bundles (render, its environment, the compiled templates),
    // on its own, so that a first render is timed apart from the handler's own module load.
    const pageCode = path.join(workDir, 'first-render', outFile);
    await build({ ...esbuildOptions, absWorkingDir: projectRoot, entryPoints: [path.join(projectRoot, 'functions', 'pages', 'render.ts')], outfile: pageCode, logLevel: 'error' });
    for (const template of options.firstRenders ?? journeyTemplates()) {
      const firstRenderRunsMs: number[] = [];
      const warmRunsMs: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const output = await runNode(node, [renderer, pathToFileURL(pageCode).href, template], { PATH: process.env.PATH ?? '', TZ: 'UTC', NODE_OPTIONS: '--enable-source-maps' });
        const { first, warm } = JSON.parse(output) as { first: number; warm: number };
        firstRenderRunsMs.push(Math.round(first * 10) / 10);
        warmRunsMs.push(Math.round(warm * 10) / 10);
      }
      firstRenders.push({ template, firstRenderMs: median(firstRenderRunsMs), firstRenderRunsMs, warmRenderMs: median(warmRunsMs) });
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  const across = new Map<string, number>();
  for (const measurement of functions) {
    // Only the top contributors of each bundle are kept; enough to see where the bytes are.
    for (const share of measurement.largest) across.set(share.name, (across.get(share.name) ?? 0) + share.bytes);
  }
  const cpus = os.cpus();
  return {
    measuredAt: new Date().toISOString(),
    node: nodeVersion,
    esbuild: esbuildVersion,
    machine: { cpus: cpus.length, model: cpus[0]?.model ?? 'unknown', platform: os.platform(), arch: os.arch() },
    runsPerFunction: runs,
    esbuildOptions: {
      format: esbuildOptions.format,
      platform: esbuildOptions.platform,
      target: esbuildOptions.target,
      minify: esbuildOptions.minify,
      sourcemap: esbuildOptions.sourcemap,
      sourcesContent: esbuildOptions.sourcesContent,
      external: esbuildOptions.external,
      mainFields: esbuildOptions.mainFields,
    },
    targets: coldStartTargets,
    functions,
    firstRenders,
    summary: {
      functions: functions.length,
      largestZippedBytes: Math.max(...functions.map((measurement) => measurement.zippedBytes)),
      medianZippedBytes: median(functions.map((measurement) => measurement.zippedBytes)),
      slowestLoadMs: Math.max(...functions.map((measurement) => measurement.loadMs)),
      medianLoadMs: median(functions.map((measurement) => measurement.loadMs)),
      medianOfFastestLoadMs: median(functions.map((measurement) => measurement.loadMsMin)),
      allUnderSizeTarget: functions.every((measurement) => measurement.underSizeTarget),
      allUnderLoadTarget: functions.every((measurement) => measurement.underLoadTarget),
      overSize: functions.filter((measurement) => !measurement.underSizeTarget).map((measurement) => ({ name: measurement.name, overByBytes: measurement.zippedBytes - coldStartTargets.maxZippedBytes })),
      overLoad: functions.filter((measurement) => !measurement.underLoadTarget).map((measurement) => ({ name: measurement.name, overByMs: Math.round((measurement.loadMs - coldStartTargets.maxLoadMs) * 10) / 10 })),
      largestAcrossBundles: [...across].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 10),
      journeys: journeyColdStarts(functions, firstRenders),
    },
    notes: [
      'Load time is the import of the bundle in a fresh Node process on this machine (2 shared cores, other work running: noisy), not a Lambda cold start: that adds the runtime start, the zip download and unpacking, and for deliver-messages and notify-callback a Secrets Manager read.',
      'The zip size is computed (deflate level 9 plus zip headers) for index.mjs and its source map, which the stack deploys with NODE_OPTIONS=--enable-source-maps; a page function has no other file (its templates are compiled into index.mjs).',
      "A first render is a page rendered with an empty context in a fresh process after the page code has loaded: what the page's templates cost the first time a container renders it (the view model's data and the request's I/O are not included). A journey counts each function's first page once.",
    ],
  };
}
