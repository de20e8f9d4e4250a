/**
 * Tells the server whether this wall can ring the chime (`status { sound }`), so the console can
 * show it. Sends only changes, and sends again after every (re)connect: a new connection starts
 * as 'blocked' on the server.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StatusAck, WallSound } from '../../../shared/protocol.js';
import type { CafeConnection } from './cafe-connection.js';

/** Where the status goes: the wall's socket, or a test's stand-in. */
export interface SoundChannel {
  readonly connected: boolean;
  send(sound: WallSound): Promise<StatusAck>;
  /** Calls `listener` on every (re)connect; returns the unsubscribe. */
  onConnect(listener: () => void): () => void;
}

/** The wall's café connection as a sound channel. */
export function connectionSoundChannel(connection: CafeConnection): SoundChannel {
  return {
    get connected() {
      return connection.status === 'connected';
    },
    send: (sound) => connection.sendStatus(sound),
    onConnect: (listener) => connection.on('connect', listener),
  };
}

export class WallStatusController implements ReactiveController {
  private wanted: WallSound | null = null;
  /** What the server has for this connection (null: nothing or unknown). */
  private told: WallSound | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly channel: SoundChannel,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = this.channel.onConnect(() => {
      this.told = null;
      // After every other `connect` handler, the connection's own included, has run.
      queueMicrotask(() => void this.flush());
    });
    void this.flush();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** The wall's sound state changed (or was first known). */
  report(sound: WallSound): void {
    this.wanted = sound;
    void this.flush();
  }

  private async flush(): Promise<void> {
    const sound = this.wanted;
    if (sound === null || sound === this.told || !this.channel.connected) return;
    this.told = sound;
    const ack = await this.channel.send(sound);
    // Not delivered: try again on the next change or reconnect. A refusal is not retried.
    if (!ack.ok && ack.error.retryable && this.told === sound) this.told = null;
  }
}
