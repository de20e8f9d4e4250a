/**
 * Who is connected, for the facilitator's console: the server sends `presence` to facilitators
 * only (hosts per table, walls and their sound, phones), on the page's one connection.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Presence } from '../../../shared/protocol.js';
import type { CafeConnection } from './cafe-connection.js';

export class PresenceController implements ReactiveController {
  /** Null until the server has said, and again while disconnected (then it is not known). */
  presence: Presence | null = null;
  private unsubscribe: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly connection: CafeConnection,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = [this.connection.on('presence', this.onPresence), this.connection.on('disconnect', this.onDisconnect)];
  }

  hostDisconnected(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }

  private readonly onPresence = (presence: Presence) => {
    this.presence = presence;
    this.host.requestUpdate();
  };

  private readonly onDisconnect = () => {
    this.presence = null;
    this.host.requestUpdate();
  };
}
