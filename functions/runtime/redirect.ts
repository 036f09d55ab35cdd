import type { HttpResult } from './http-handler.ts';
import { securityHeaders } from './security-headers.ts';

/** 303 See Other: the browser follows with a GET, whatever the method that led here. */
export function seeOther(location: string, cookies: string[] = []): HttpResult {
  return { statusCode: 303, headers: { ...securityHeaders, location }, ...(cookies.length === 0 ? {} : { cookies }), body: '' };
}
