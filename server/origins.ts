/**
 * Which web pages may talk to this server: its own (the Origin's host is the Host the request
 * came to, whatever address the venue uses), PUBLIC_URL's, and those listed in ALLOWED_ORIGINS.
 * A request without an Origin header is not a browser page's (our tests, the bench, curl) and
 * passes: the secret, not the origin, is what authorises it.
 */
export interface OriginPolicy {
  /** Whether a request with this Origin header, sent to this Host, may go on. */
  allows(origin: string | undefined, host: string | undefined): boolean;
  /** Whether the origin is another site allowed by configuration, which then needs CORS headers. */
  isListed(origin: string): boolean;
  /** The configured foreign origins (for Socket.IO's own CORS on the polling transport). */
  readonly listed: readonly string[];
}

export function originPolicy(allowedOrigins: readonly string[], publicUrl: string | null): OriginPolicy {
  const listed = [...new Set([...allowedOrigins, ...(publicUrl ? [new URL(publicUrl).origin] : [])])];
  const isListed = (origin: string) => listed.includes(origin.toLowerCase());
  return {
    listed,
    isListed,
    allows(origin, host) {
      if (origin === undefined) return true;
      if (isListed(origin)) return true;
      try {
        // "null" (a sandboxed frame, a file) and anything unparseable throw here and are refused.
        return host !== undefined && new URL(origin).host === host.toLowerCase();
      } catch {
        return false;
      }
    },
  };
}
