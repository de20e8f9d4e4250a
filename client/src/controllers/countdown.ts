/**
 * Re-renders its host while a countdown runs. The time left is always computed from the server's
 * deadline and the estimated server time, never by counting down, so a tablet that slept or a
 * phone with a wrong clock shows the same time as the wall.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { timeLeft } from '../../../shared/domain/clock.js';
import type { CafeConnection } from './cafe-connection.js';

export class CountdownController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly connection: CafeConnection,
    private readonly intervalMs = 250,
  ) {
    host.addController(this);
  }

  /** Milliseconds left (negative in overtime), or null when no round or travel time runs. */
  get msLeft(): number | null {
    const state = this.connection.state;
    return state ? timeLeft(state.phase, this.connection.serverNow()) : null;
  }

  hostConnected(): void {
    this.timer = setInterval(() => {
      if (this.connection.state && timeLeft(this.connection.state.phase, 0) !== null) this.host.requestUpdate();
    }, this.intervalMs);
  }

  hostDisconnected(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
