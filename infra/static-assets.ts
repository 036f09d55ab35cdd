import path from 'node:path';

/**
 * The files pages load, by the URL they are served at. The local server serves them from here;
 * the CDK stack uploads the same files to S3 behind CloudFront. No page loads anything from
 * another origin.
 */
export const repositoryRoot = path.resolve(import.meta.dirname, '..');

const govukDist = path.join(repositoryRoot, 'node_modules', 'govuk-frontend', 'dist', 'govuk');

export interface StaticFolder {
  /** URL prefix, ending in `/`. */
  readonly urlPrefix: string;
  readonly folder: string;
}

export interface StaticFile {
  readonly url: string;
  readonly file: string;
}

export const staticFolders: readonly StaticFolder[] = [{ urlPrefix: '/assets/', folder: path.join(govukDist, 'assets') }];

export const staticFiles: readonly StaticFile[] = [
  { url: '/stylesheets/govuk-frontend.min.css', file: path.join(govukDist, 'govuk-frontend.min.css') },
  { url: '/javascripts/govuk-frontend.min.js', file: path.join(govukDist, 'govuk-frontend.min.js') },
  { url: '/stylesheets/app.css', file: path.join(repositoryRoot, 'functions', 'pages', 'static', 'app.css') },
  // The proposal page keeps itself up to date with it (progressive enhancement: the page works without it).
  { url: '/javascripts/proposal-updates.js', file: path.join(repositoryRoot, 'functions', 'pages', 'static', 'proposal-updates.js') },
];

export const contentTypes: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The file behind a URL, or undefined; never a path outside the folders above. */
export function staticFileFor(urlPath: string): string | undefined {
  const file = staticFiles.find((candidate) => candidate.url === urlPath);
  if (file !== undefined) {
    return file.file;
  }
  for (const { urlPrefix, folder } of staticFolders) {
    if (urlPath.startsWith(urlPrefix)) {
      const resolved = path.resolve(folder, `.${path.posix.normalize(`/${urlPath.slice(urlPrefix.length)}`)}`);
      return resolved.startsWith(`${folder}${path.sep}`) ? resolved : undefined;
    }
  }
  return undefined;
}
