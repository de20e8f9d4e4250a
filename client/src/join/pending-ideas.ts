/**
 * Ideas and edits the phone has sent but the server has not yet confirmed. Nothing typed is lost
 * when the venue Wi-Fi drops: an unconfirmed operation is re-sent with the same operation id
 * (the server answers a repeat with the original result) as soon as the socket is back. Kept in
 * memory only: the durable outbox, surviving a reload, comes later.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClientCommand } from '../../../shared/domain/commands.js';
import { own } from '../../../shared/domain/state.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { normalizeText } from '../../../shared/text.js';
import type { CafeConnection, ConnectionStatus } from '../controllers/cafe-connection.js';
import { newId } from '../lib/ids.js';

export type IdeaOp = Extract<ClientCommand, { type: 'addIdea' | 'editIdea' }>;

export interface PendingIdea {
  opId: string;
  op: IdeaOp;
  /** sending: on its way; waiting: not connected, re-sent later; sent: confirmed, until the café state shows it; refused: the reason is in `error`. */
  status: 'sending' | 'waiting' | 'sent' | 'refused';
  error: ErrorCode | null;
  sentAt: number;
}

const RETRY_MS = 5000;
/** A confirmed change normally shows in the state at once; this long at most we keep showing our copy. */
const SHOW_SENT_MS = 3000;

export class PendingIdeas implements ReactiveController {
  private items: PendingIdea[] = [];
  private lastStatus: ConnectionStatus | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly connection: CafeConnection,
  ) {
    host.addController(this);
  }

  get list(): readonly PendingIdea[] {
    return this.items;
  }

  send(op: IdeaOp): void {
    const item: PendingIdea = { opId: newId(), op, status: 'sending', error: null, sentAt: Date.now() };
    this.items = [...this.items, item];
    void this.attempt(item);
  }

  discard(opId: string): void {
    this.items = this.items.filter((i) => i.opId !== opId);
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.timer = setInterval(() => this.flush(), RETRY_MS);
  }

  hostDisconnected(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  hostUpdate(): void {
    const status = this.connection.status;
    if (status === 'connected' && this.lastStatus !== 'connected') this.flush();
    this.lastStatus = status;
    this.prune();
  }

  /** Re-sends everything that is waiting. */
  flush(): void {
    if (this.connection.status !== 'connected') return;
    for (const item of this.items) if (item.status === 'waiting') void this.attempt(item);
  }

  private async attempt(item: PendingIdea): Promise<void> {
    this.update(item, { status: 'sending' });
    const ack = await this.connection.send(item.op, item.opId);
    if (ack.ok) this.update(item, { status: 'sent', sentAt: Date.now() });
    else if (ack.error.retryable) this.update(item, { status: 'waiting' });
    else this.update(item, { status: 'refused', error: ack.error.code });
  }

  private update(item: PendingIdea, patch: Partial<PendingIdea>): void {
    Object.assign(item, patch);
    this.items = [...this.items];
    this.host.requestUpdate();
  }

  /** Forgets confirmed operations once the café state shows them. */
  private prune(): void {
    const state = this.connection.state;
    const now = Date.now();
    const shown = (item: PendingIdea) => {
      if (item.status !== 'sent') return false;
      if (now - item.sentAt > SHOW_SENT_MS) return true;
      const idea = state ? own(state.ideas, item.op.ideaId) : undefined;
      return idea !== undefined && (item.op.type === 'addIdea' || idea.text === normalizeText(item.op.text));
    };
    if (this.items.some(shown)) this.items = this.items.filter((i) => !shown(i));
  }
}
