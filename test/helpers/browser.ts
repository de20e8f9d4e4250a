/**
 * Real Chromium (Debian's, no download) driven by playwright-core. Pages are opened at
 * http://cafe.test:PORT — a name that is not localhost — so that, as on a venue LAN, the page is
 * not a secure context and an API that needs one cannot slip in unnoticed.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';

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

/** The devices of a café, at the sizes the faces are designed for. */
export const LAPTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, locale: 'en-GB' };
export const TABLET: BrowserContextOptions = { viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'en-GB' };
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' };
export const PROJECTOR: BrowserContextOptions = { viewport: { width: 1920, height: 1080 }, locale: 'en-GB' };
