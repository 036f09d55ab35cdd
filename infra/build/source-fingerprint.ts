import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file at `location` (a file, or a folder's files at any depth), in a stable order. */
function filesOf(location: string): string[] {
  if (!existsSync(location)) return [];
  if (!statSync(location).isDirectory()) return [location];
  return readdirSync(location, { recursive: true, encoding: 'utf8' })
    .map((relative) => path.join(location, relative))
    .filter((file) => statSync(file).isFile())
    .sort();
}

/**
 * A short fingerprint of the files at `sources` (paths relative to `projectRoot`, files or
 * folders) and of `extra` (versions, options): the name under which something built from them is
 * kept, so it is built again exactly when one of them changes. `exclude` leaves out files whose
 * relative path starts with one of its entries.
 */
export function sourceFingerprint(projectRoot: string, sources: readonly string[], extra: readonly string[] = [], exclude: readonly string[] = []): string {
  const hash = createHash('sha256').update(projectRoot);
  for (const value of extra) hash.update(value).update('\0');
  for (const file of sources.flatMap((source) => filesOf(path.join(projectRoot, source)))) {
    const relative = path.relative(projectRoot, file);
    if (exclude.some((prefix) => relative.startsWith(prefix))) continue;
    hash.update(relative).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}
