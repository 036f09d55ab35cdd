/**
 * The local stand-in for the WAF rate-based rule on link endpoints: at most `limit` requests per
 * client address in each `windowMilliseconds`. Guessing tokens is hopeless anyway (256 bits);
 * this keeps a flood from reaching the table.
 */
export function createRateLimiter(limit: number, windowMilliseconds: number) {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return {
    /** True when this request is allowed. */
    allow(clientAddress: string, nowMilliseconds = Date.now()): boolean {
      const current = windows.get(clientAddress);
      if (current === undefined || nowMilliseconds - current.startedAt >= windowMilliseconds) {
        windows.set(clientAddress, { startedAt: nowMilliseconds, count: 1 });
        if (windows.size > 10_000) {
          // Forget finished windows so the map cannot grow without bound.
          for (const [address, window] of windows) {
            if (nowMilliseconds - window.startedAt >= windowMilliseconds) windows.delete(address);
          }
        }
        return true;
      }
      current.count += 1;
      return current.count <= limit;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** The paths a link holder uses: the link itself, the link page (and asking for a new link), the JSON answer endpoint, and a resident's withdrawal link and page. */
export function isLinkPath(pathname: string): boolean {
  return pathname.startsWith('/r/') || pathname === '/respond' || pathname.startsWith('/respond/') || pathname === '/api/responses' || pathname.startsWith('/w/') || pathname === '/withdraw-consent';
}
