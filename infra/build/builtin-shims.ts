import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * Node's built-in modules, as a bundle imports them: through `process.getBuiltinModule`, not an
 * ESM `import`. Importing a built-in as ESM copies every export into the module's namespace, getters
 * included: reading `http`'s `WebSocket` getter loads Node's whole copy of undici (and `http2` with
 * it), `process.report` and `process.stdout` build objects, `util`'s and `timers`' getters load
 * more modules, and deprecated getters are read too. About 50 ms of a function's module load went
 * on objects no function uses. Each shim exports the built-in's default object and its plain
 * values by name; a getter only when a dependency imports it by name ({@link gettersImportedByName}),
 * otherwise it is read from the default object when (and if) code reads it.
 *
 * esbuild's `alias` sends every import of a built-in (`http` and `node:http` alike) to its shim. A
 * named import of any other getter has no matching export, which fails the build with esbuild's
 * "No matching export" naming it (add it below); reading one from a namespace (`fs.promises` after
 * `import * as fs`) would be undefined, which esbuild warns of and
 * {@link assertNoMissingBuiltinExports} turns into a failed build.
 */
export function builtinShimAliases(): Record<string, string> {
  const folder = path.join(os.tmpdir(), shimFolderName, `${process.version}-v2`);
  mkdirSync(folder, { recursive: true });
  const aliases: Record<string, string> = {};
  for (const name of builtinModules) {
    if (name.startsWith('_') || name.startsWith('node:') || notShimmed.has(name)) continue;
    const id = `node:${name}`;
    const file = path.join(folder, `${id.replace(/[:/]/g, '_')}.mjs`);
    if (!existsSync(file)) {
      const building = `${file}.${process.pid}.tmp`;
      writeFileSync(building, shimSource(id));
      renameSync(building, file);
    }
    aliases[id] = file;
    aliases[name] = file;
  }
  return aliases;
}

/**
 * Deprecated or experimental built-ins, which warn as they load (no function uses them; an import
 * of one stays as it was). Built-ins only reachable as `node:…` (`node:test`, `node:sqlite`…) are
 * left alone too.
 */
const notShimmed = new Set(['punycode', 'sys', 'wasi']);

/** Named so a build's warnings can tell a missing export of a shim from any other. */
const shimFolderName = 'curfew-checks-builtin-shims';

/** The getters our dependencies import by name (the AWS SDK's credential and checksum code), cheap to read. */
const gettersImportedByName: Readonly<Record<string, readonly string[]>> = {
  'node:fs': ['promises', 'ReadStream'],
  'node:crypto': ['getRandomValues'],
};

const identifier = /^[A-Za-z_$][\w$]*$/;

function shimSource(id: string): string {
  const loaded = loadBuiltin(id) as Record<string, unknown>;
  const values = Object.entries(Object.getOwnPropertyDescriptors(loaded))
    .filter(([name, descriptor]) => ('value' in descriptor || gettersImportedByName[id]?.includes(name)) && identifier.test(name) && name !== 'default')
    .map(([name]) => name);
  return [
    `const builtin = process.getBuiltinModule(${JSON.stringify(id)});`,
    'export default builtin;',
    ...values.map((name) => `export const ${name} = builtin.${name};`),
    '',
  ].join('\n');
}

/** The built-in as the build's own Node.js has it (process.getBuiltinModule from Node.js 20.16 and 22.3). */
function loadBuiltin(id: string): unknown {
  const withGetBuiltin = process as NodeJS.Process & { getBuiltinModule?: (id: string) => unknown };
  return withGetBuiltin.getBuiltinModule?.(id) ?? createRequire(import.meta.url)(id);
}

/** A namespace import read a getter of a built-in (undefined through its shim): fail the build rather than deploy it. */
export function assertNoMissingBuiltinExports(warnings: readonly { text: string; location?: { file: string } | null }[]): void {
  const missing = warnings.filter((warning) => /will always be undefined/.test(warning.text) && warning.text.includes(shimFolderName));
  if (missing.length > 0) {
    throw new Error(`A bundle reads a built-in's getter through a namespace import; read it from the default import instead:\n${missing.map((warning) => `${warning.location?.file ?? ''}: ${warning.text}`).join('\n')}`);
  }
}
