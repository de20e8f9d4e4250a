/**
 * Security headers by @fastify/helmet, with a Content-Security-Policy that every face works
 * under: scripts only from this server (no inline script, no eval), nothing embedded elsewhere,
 * connections only back to this server.
 *
 * Styles allow 'unsafe-inline', deliberately. Lit styles components with constructable
 * stylesheets, which CSP does not govern; where they are missing (Safari before 16.4, i.e. the
 * iPadOS 15 tablets we support) Lit falls back to `<style>` elements, which need either
 * 'unsafe-inline' or a per-response nonce handed to Lit as `window.litNonce`. Our pages are
 * static files sent precompressed by @fastify/static: a nonce would mean rewriting every page on
 * every request (and an inline script to set it). Inline styles cannot run code, and with
 * img-src, font-src and connect-src kept to this server a style cannot send data elsewhere
 * either, so the nonce would buy little for its cost.
 *
 * A café runs on plain http://192.168.x.x: HSTS and upgrade-insecure-requests would send
 * browsers to an https:// that does not exist, so both are off; so is Cross-Origin-Opener-Policy,
 * which browsers ignore (with a console error) on an origin that is not secure.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/** The page's own host as a WebSocket source: older Safari does not count ws: as 'self'. */
function ownWebSocket(scheme: 'ws' | 'wss') {
  return (request: IncomingMessage) => {
    const host = request.headers.host ?? '';
    // Only a plain host[:port] goes into the header: anything else could add directives.
    return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? `${scheme}://${host}` : "'self'";
  };
}

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'", ownWebSocket('ws'), ownWebSocket('wss')],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: false,
  });
}
