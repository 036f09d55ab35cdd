/**
 * The largest request body any route accepts: 64 KiB, room for the longest answer (4,000
 * characters of free text, which a browser's form encoding can triple) with plenty to spare. One
 * number for every layer that enforces it, so none refuses what another accepts: the handlers
 * (http-handler.ts, pages/form-body.ts), the local HTTP server, and AWS WAF in front of CloudFront
 * (infra/edge-stack.ts: its own size rule, and a body inspection limit that sees this much).
 */
export const maxBodyBytes = 64 * 1024;
