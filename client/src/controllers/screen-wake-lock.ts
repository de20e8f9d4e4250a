/**
 * Keeps the screen on while its host says so, where the browser allows it. The Screen Wake Lock
 * API exists only in secure contexts (not on a plain-http LAN address) and from iPadOS 16.4; where
 * it is missing nothing happens (no silent-video tricks). The browser drops the lock whenever the
 * page is hidden, so it is asked for again when the page becomes visible.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ScreenWakeLock implements ReactiveController {
  private wanted = false;
  private sentinel: WakeLockSentinel | null = null;
  private requesting = false;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Whether this browser can keep the screen on for this page at all. */
  static get supported(): boolean {
    return typeof navigator !== 'undefined' && 'wakeLock' in navigator && window.isSecureContext;
  }

  /** Whether the screen is being kept on now. */
  get held(): boolean {
    return this.sentinel !== null && !this.sentinel.released;
  }

  /** Says whether the screen should stay on; cheap to call on every render. */
  keepAwake(wanted: boolean): void {
    if (wanted === this.wanted) return;
    this.wanted = wanted;
    if (wanted) void this.request();
    else void this.release();
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.wanted = false;
    void this.release();
  }

  private async request(): Promise<void> {
    if (!ScreenWakeLock.supported || this.held || this.requesting || document.visibilityState !== 'visible') return;
    this.requesting = true;
    try {
      const sentinel = await navigator.wakeLock.request('screen');
      // The round may have ended while the browser was deciding.
      if (this.wanted) this.sentinel = sentinel;
      else await sentinel.release();
    } catch {
      // Refused (battery saver, policy): the screen may sleep; nothing else to do.
    } finally {
      this.requesting = false;
    }
  }

  private async release(): Promise<void> {
    const sentinel = this.sentinel;
    this.sentinel = null;
    if (sentinel && !sentinel.released) await sentinel.release().catch(() => undefined);
  }

  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible' && this.wanted) void this.request();
  };
}
