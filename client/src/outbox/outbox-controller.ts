/**
 * The durable outbox of a face (host tablet, participant phone): opens the link's outbox in
 * IndexedDB, sends through the face's CafeConnection under the tab's send lock, sends again at
 * once when the socket connects or the browser comes back online, and forgets what the café state
 * already includes. A refused link (revoked, unknown) turns what waits into "not accepted".
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UploadCommand } from '../../../shared/domain/commands.js';
import type { OpAck } from '../../../shared/protocol.js';
import { apiRequest } from '../lib/api-request.js';
import type { CafeConnection } from '../controllers/cafe-connection.js';
import { idbStorage } from './idb-storage.js';
import { Outbox, type OutboxOp, type OutgoingOp, type Payload } from './outbox.js';
import { webLock } from './web-lock.js';

export class OutboxController implements ReactiveController {
  private outbox: Outbox | null = null;
  /** Put before the storage was open: queued as soon as it is. */
  private early: [OutboxOp, Payload | null][] = [];
  private lastStatus = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly connection: CafeConnection,
    private readonly secret: string,
  ) {
    host.addController(this);
  }

  /** Everything not yet in the café state, oldest first. */
  get list(): readonly OutgoingOp[] {
    return this.outbox?.list ?? [];
  }

  async put(op: OutboxOp, payload: Payload | null = null): Promise<void> {
    if (this.outbox) await this.outbox.put(op, payload);
    else this.early.push([op, payload]);
  }

  retry(opId: string): void {
    void this.outbox?.retry(opId);
  }

  discard(opId: string): void {
    void this.outbox?.discard(opId);
  }

  hostConnected(): void {
    if (this.outbox) return;
    void Outbox.open({
      storage: idbStorage(this.secret),
      lock: webLock(this.secret),
      send: (op, opId, payload) => {
        const refusal = this.connection.status === 'refused' ? this.connection.refusal : null;
        if (refusal) return Promise.resolve({ ok: false, error: refusal });
        return op.type === 'addPhoto' ? this.upload(op, payload) : this.connection.send(op, opId);
      },
      onChange: () => this.host.requestUpdate(),
    }).then(async (outbox) => {
      this.outbox = outbox;
      for (const [op, payload] of this.early.splice(0)) await outbox.put(op, payload);
      this.host.requestUpdate();
    });
    window.addEventListener('online', this.onOnline);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.onOnline);
    this.outbox?.close();
    this.outbox = null;
  }

  hostUpdate(): void {
    const status = this.connection.status;
    if (status !== this.lastStatus && (status === 'connected' || status === 'refused')) this.outbox?.reconnected();
    this.lastStatus = status;
    this.outbox?.prune(this.connection.replica.seq);
  }

  private readonly onOnline = () => this.outbox?.reconnected();

  /** A photo goes over HTTP, not the socket (H13); the server answers a repeat with the first result. */
  private async upload(op: UploadCommand, payload: Payload | null): Promise<OpAck> {
    const cafeId = this.connection.state?.id;
    if (!cafeId || !payload) return { ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'Not connected.', retryable: true } };
    const path = `/api/cafes/${encodeURIComponent(cafeId)}/photos/${encodeURIComponent(op.photoId)}?tableId=${encodeURIComponent(op.tableId)}&round=${op.round}`;
    const result = await apiRequest<{ seq: number; duplicate: boolean }>('PUT', path, { secret: this.secret, raw: { bytes: payload, type: 'image/jpeg' }, timeoutMs: 60_000 });
    return result.ok ? { ok: true, seq: result.value.seq, duplicate: result.value.duplicate } : { ok: false, error: result.error };
  }
}
