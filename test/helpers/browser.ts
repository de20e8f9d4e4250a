/**
 * Real Chromium (Debian's, no download) driven by playwright-core. Pages are opened at
 * http://cafe.test:PORT — a name that is not localhost — so that, as on a venue LAN, the page is
 * not a secure context and an API that needs one cannot slip in unnoticed.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP cafe.test 127.0.0.1',
  '--autoplay-policy=user-gesture-required',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs });
}

/** The address of a test server as the browser should reach it. */
export function browserUrl(serverUrl: string): string {
  return serverUrl.replace('127.0.0.1', 'cafe.test');
}
