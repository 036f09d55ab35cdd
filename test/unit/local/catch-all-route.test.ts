import { describe, expect, it } from 'vitest';
import { functionRegistry } from '../../../infra/function-registry.ts';
import { apiGatewayEvent, compileRoutes, matchRoute } from '../../../infra/local/http-server.ts';

/**
 * Deployed, API Gateway takes the most specific route, so the greedy `/{proxy+}` routes answer
 * only what no other route does; the local server must choose the same function for every request.
 */
const routes = compileRoutes(functionRegistry);
const served = (method: string, path: string) => matchRoute(routes, method, path).route?.functionName;

describe('the catch-all route, locally as on API Gateway', () => {
  it('takes every path and method no other route takes', () => {
    for (const [method, path] of [
      ['GET', '/no-such-page'],
      ['GET', '/r'],
      ['GET', '/r/'],
      ['GET', '/r/abc/more'],
      ['GET', '/proposals/abc/nothing-here'],
      ['HEAD', '/nothing'],
      ['POST', '/nothing'],
      ['POST', '/proposals'],
      ['GET', '/api/nothing'],
    ] as const) {
      expect(served(method, path), `${method} ${path}`).toBe('not-found-page');
    }
  });

  it('never takes a path and method another route serves', () => {
    expect(served('GET', '/')).toBe('home-page');
    expect(served('GET', '/proposals')).toBe('my-proposals-page');
    expect(served('GET', '/proposals/new')).toBe('start-checks-page');
    expect(served('GET', '/proposals/abc')).toBe('proposal-page');
    expect(served('POST', '/proposals/abc/restricted')).toBe('proposal-page');
    expect(served('GET', '/r/abc')).toBe('open-link');
    expect(served('GET', '/court-list/abc')).toBe('court-list-proposal-page');
  });

  it('keeps the rest of the path as its parameter, and leaves OPTIONS and other methods of a known path to the server', () => {
    const { route } = matchRoute(routes, 'GET', '/r/abc/more');
    const built = route === undefined ? undefined : apiGatewayEvent(route, { method: 'GET', url: new URL('http://local/r/abc/more'), headers: {}, remoteAddress: undefined, body: '' });
    expect(built !== undefined && 'event' in built ? built.event.pathParameters : undefined).toEqual({ proxy: 'r/abc/more' });
    expect(matchRoute(routes, 'OPTIONS', '/nothing')).toEqual({ route: undefined, candidates: [] });
    expect(matchRoute(routes, 'PUT', '/proposals').candidates.map((candidate) => candidate.functionName)).toEqual(['my-proposals-page']);
  });
});
