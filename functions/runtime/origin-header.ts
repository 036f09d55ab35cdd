/**
 * The header CloudFront adds to every request it sends the API, with a value from a secret only it
 * and the route functions know (the local HTTP server plays CloudFront and adds it too). Its own
 * module, free of side effects, so the CDK app and the local server can name it without loading
 * the handlers' runtime (runtime/origin-verification.ts checks it).
 */
export const originVerifyHeader = 'x-origin-verify';
