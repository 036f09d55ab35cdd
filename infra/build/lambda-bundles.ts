import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildSync, version as esbuildVersion, type BuildOptions, type Metafile } from 'esbuild';
import { functionRegistry, type FunctionDefinition } from '#infra/function-registry';
import { assertNoMissingBuiltinExports, builtinShimAliases } from './builtin-shims.ts';
import { precompiledTemplatesModule, writePrecompiledTemplates } from './page-templates.ts';
import { sourceFingerprint } from './source-fingerprint.ts';

/**
 * The one build of the Lambda bundles. The CDK app deploys these folders as they are
 * (HandlerFunction), and the local stack and the bundles test run the same files, so what the
 * tests exercise is what a deploy ships (docs/decisions/0015-local-stack-parity.md). esbuild builds
 * every function in one call, each entry bundled on its own exactly as a separate build would.
 */

/** The Node.js major version of the Lambda runtime (handlerDefaults.runtime must say the same). */
export const lambdaNodeMajorVersion = 24;

/**
 * How every function is bundled. Nothing is external: the AWS SDK is bundled too, at the version
 * package-lock.json pins and the tests ran, rather than taken from the runtime, which documents
 * no list of the SDK packages it carries (docs/decisions/0009-lambda-bundles.md). A bundle thus
 * needs nothing but Node.js itself, and the build proves it (see {@link assertSelfContained}).
 */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  target: `node${lambdaNodeMajorVersion}`,
  format: 'esm',
  // ESM first, so dependencies that ship both are bundled as ESM.
  mainFields: ['module', 'main'],
  // A CommonJS dependency bundled into ESM still calls `require` for Node built-ins. Not an ESM
  // import of node:module either: see builtin-shims.ts.
  banner: { js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
  minify: true,
  // Deployed with NODE_OPTIONS=--enable-source-maps, so stack traces point at our TypeScript.
  sourcemap: true,
  // The map only needs line mappings; leaving the sources out keeps the bundle small.
  sourcesContent: false,
  external: [],
  outExtension: { '.js': '.mjs' },
  // Sizes for every function on every build are noise; warnings and errors still show.
  logLevel: 'warning',
} as const satisfies BuildOptions;

/**
 * {@link bundleOptions} as esbuild takes them, with two substitutions that only a bundle makes,
 * each measured on a cold start's module load: every Node built-in imported through its shim
 * (builtin-shims.ts), and the AWS SDK's credential chain cut to the environment that Lambda
 * provides (lambda-credentials.ts). docs/decisions/0009-lambda-bundles.md has the figures.
 */
export function lambdaBuildOptions(): BuildOptions {
  return {
    ...bundleOptions,
    mainFields: [...bundleOptions.mainFields],
    external: [...bundleOptions.external],
    alias: { ...builtinShimAliases(), '@aws-sdk/credential-provider-node': path.join(import.meta.dirname, 'lambda-credentials.ts') },
  };
}

/** The handler file in each function's folder, and so the Lambda handler `index.handler`. */
export const bundleEntryFile = 'index.mjs';

/**
 * Every function that serves a route may answer a person with a page (an error page at least),
 * so it must answer within API Gateway's limit. A function that renders pages (one that imports
 * functions/pages/render.ts) has the page templates in its bundle, compiled to JavaScript and
 * bundled with the handler from functions/pages/precompiled/templates.mjs, which the build
 * generates first (infra/build/page-templates.ts): no template file is deployed. Fonts, images and
 * stylesheets stay out of the Lambda too: CloudFront serves them from S3 (see
 * EdgeDistribution.serveFromBucket).
 */
export function rendersPages(definition: FunctionDefinition): boolean {
  return (definition.routes ?? []).length > 0;
}

export interface LambdaBundles {
  /** The folder holding one folder per function, named as in the registry. */
  readonly outdir: string;
  /** A function's folder: index.mjs and its source map. */
  folderOf(name: string): string;
}

/** Written beside the bundles: which functions they hold, so a reused build is known complete. */
const manifestFile = 'bundles.json';

/**
 * Packages a dependency requires only inside a `try` for a feature we never use, so esbuild leaves
 * them unresolved; in Lambda, as here, the require would fail and the dependency copes.
 */
export const optionalRequires: Readonly<Record<string, string>> = {
  'supports-color': "debug (under the Notify client's axios) tries it to colour terminal output, and does without",
};

/** Fails the build if a bundle would import anything but Node.js itself (nothing else is there in Lambda). */
function assertSelfContained(metafile: Metafile): void {
  const outside = Object.entries(metafile.outputs).flatMap(([output, { imports }]) =>
    imports
      .filter((imported) => imported.external && !isBuiltin(imported.path) && !Object.hasOwn(optionalRequires, imported.path))
      .map((imported) => `${output} imports ${imported.path}`),
  );
  if (outside.length > 0) throw new Error(`A Lambda bundle must hold everything it imports besides Node.js built-ins:\n${outside.join('\n')}`);
}

/**
 * Bundles these functions into `outdir` (emptied first), one folder each, after compiling the page
 * templates into the module the page functions import. Synchronous, because the CDK app is: a few
 * seconds for the whole registry.
 */
export function buildLambdaBundles(options: { projectRoot: string; outdir: string; functions?: readonly FunctionDefinition[] }): LambdaBundles {
  const { projectRoot, outdir } = options;
  const functions = options.functions ?? functionRegistry;
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  writePrecompiledTemplates(projectRoot);
  const result = buildSync({
    ...lambdaBuildOptions(),
    absWorkingDir: projectRoot,
    entryPoints: Object.fromEntries(functions.map((definition) => [`${definition.name}/index`, definition.entry])),
    outdir,
    metafile: true,
  });
  assertSelfContained(result.metafile);
  assertNoMissingBuiltinExports(result.warnings);
  writeFileSync(path.join(outdir, manifestFile), JSON.stringify({ projectRoot, functions: functions.map((definition) => definition.name) }));
  return bundlesIn(outdir, projectRoot);
}

/** The bundles already built in `outdir` from `projectRoot`, checked to hold every registry function. */
export function bundlesIn(outdir: string, projectRoot: string): LambdaBundles {
  const manifest = path.join(outdir, manifestFile);
  const found = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { projectRoot: string; functions: string[] }) : undefined;
  if (found !== undefined && path.resolve(found.projectRoot) !== path.resolve(projectRoot)) {
    throw new Error(`The Lambda bundles in ${outdir} were built from ${found.projectRoot}, not ${projectRoot}`);
  }
  const built = found?.functions ?? [];
  const missing = functionRegistry.filter((definition) => !built.includes(definition.name)).map((definition) => definition.name);
  if (missing.length > 0) throw new Error(`The Lambda bundles in ${outdir} lack ${missing.join(', ')}: build them again`);
  return {
    outdir,
    folderOf(name) {
      if (!built.includes(name)) throw new Error(`No Lambda bundle named ${name} in ${outdir}`);
      return path.join(outdir, name);
    },
  };
}

/** The files a build reads besides node_modules (pinned by package-lock.json): a change to any builds again. */
const sourceFolders = ['functions', 'schemas', 'infra/build', 'infra/function-registry.ts', 'package-lock.json'];

/**
 * A fingerprint of everything a build depends on: the sources, the lock file, the options, esbuild's
 * version. The compiled templates are left out: the build makes them from the templates and the
 * generator, which are in.
 */
function buildKey(projectRoot: string): string {
  return sourceFingerprint(projectRoot, sourceFolders, [esbuildVersion, process.version, JSON.stringify(bundleOptions)], [precompiledTemplatesModule]);
}

/**
 * Outside the repository and any node_modules, so a bundle finds nothing to import besides what
 * it holds, as in Lambda.
 */
export const bundleCacheFolder = path.join(os.tmpdir(), 'curfew-checks-lambda-bundles');

/** Builds kept besides the newest: enough for two checkouts or a quick switch back and forth. */
const keptBuilds = 4;

const shared = new Map<string, LambdaBundles>();

/**
 * The bundles of the sources as they are now, built at most once per change: the first process
 * that asks builds them into a folder named by their fingerprint ({@link bundleCacheFolder}), and
 * every later one (the CDK app, each test file, `npm start`) uses that folder. Two processes that
 * build at once each build, and the first to finish is kept: there is no lock to go stale.
 */
export function sharedLambdaBundles(projectRoot: string): LambdaBundles {
  const root = path.resolve(projectRoot);
  const known = shared.get(root);
  if (known !== undefined) return known;
  const key = buildKey(root);
  const outdir = path.join(bundleCacheFolder, key);
  if (!existsSync(path.join(outdir, manifestFile))) {
    mkdirSync(bundleCacheFolder, { recursive: true });
    const building = mkdtempSync(path.join(bundleCacheFolder, `${key}-building-`));
    try {
      buildLambdaBundles({ projectRoot: root, outdir: building });
      renameSync(building, outdir);
    } catch (error) {
      rmSync(building, { recursive: true, force: true });
      // Another process finished the same build first: use it.
      if (!existsSync(path.join(outdir, manifestFile))) throw error;
    }
    pruneBuilds(outdir);
  }
  const bundles = bundlesIn(outdir, root);
  shared.set(root, bundles);
  return bundles;
}

/** Removes all but the newest few builds (never the one just made), and any build left half done for an hour. */
function pruneBuilds(keep: string): void {
  const entries = readdirSync(bundleCacheFolder).map((name) => path.join(bundleCacheFolder, name));
  const finished = entries.filter((entry) => !entry.includes('-building-') && entry !== keep).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  const stale = entries.filter((entry) => entry.includes('-building-') && Date.now() - statSync(entry).mtimeMs > 3_600_000);
  for (const entry of [...finished.slice(keptBuilds - 1), ...stale]) rmSync(entry, { recursive: true, force: true });
}
