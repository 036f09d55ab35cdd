/**
 * Nunjucks' runtime-only build (it renders precompiled templates and carries no lexer, parser or
 * compiler: functions/pages/nunjucks-environment.ts). It is the same library as `nunjucks`, so its
 * types are those of the parts it keeps.
 */
declare module 'nunjucks/browser/nunjucks-slim.js' {
  import type nunjucks from 'nunjucks';

  const slim: Pick<typeof nunjucks, 'Environment'>;
  export default slim;
}
