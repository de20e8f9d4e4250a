/**
 * engine.io-client's map of transports by name holds WebTransport besides WebSocket and HTTP
 * long-polling, so every face bundled its kilobyte although we ask only for
 * `transports: ['websocket', 'polling']` (cafe-connection.ts) and our server offers no
 * WebTransport. This plugin leaves it out of that map; the two we use stay as they are.
 */
import type { Plugin } from 'vite';

const TRANSPORTS_MAP = /[\\/]engine\.io-client[\\/]build[\\/]esm(?:-debug)?[\\/]transports[\\/]index\.js$/;
const IMPORT = 'import { WT } from "./webtransport.js";\n';
const ENTRY = /\n\s*webtransport: WT,/;

/** engine.io-client's transports/index.js without WebTransport; throws when its shape changed. */
export function withoutWebTransport(source: string): string {
  if (!source.includes(IMPORT) || !ENTRY.test(source)) {
    throw new Error("engine.io-client's transports/index.js changed shape: check client/build/without-webtransport.ts");
  }
  return source.replace(IMPORT, '').replace(ENTRY, '');
}

export function dropWebTransport(): Plugin {
  return {
    name: 'tablecloth-without-webtransport',
    transform: {
      filter: { id: TRANSPORTS_MAP },
      handler(code) {
        return { code: withoutWebTransport(code), map: null };
      },
    },
  };
}
