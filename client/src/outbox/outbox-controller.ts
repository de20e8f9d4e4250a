/**
 * The durable outbox of a face (host tablet, participant phone): opens the link's outbox in
 * IndexedDB, sends through the face's CafeConnection under the tab's send lock, sends again at
 * once when the socket connects or the browser comes back online, and forgets what the café state
 * already includes. A refused link (revoked, unknown) turns what waits into "not accepted".
 * A photo's upload goes through the `PhotoUpload` the face passes: only the tablet takes photos,
 * so the phone does not carry the code that sends them.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UploadCommand } from '../../../shared/domain/commands.js';
import type { OpAck } from '../../../shared/protocol.js';
import { apiRequest } from '../lib/api-request.js';
import type { CafeConnection } from '../controllers/cafe-connection.js';
import { idbStorage } from './idb-storage.js';
import { Outbox, type OutboxOp, type OutgoingOp, type Payload } from './outbox.js';
import { webLock } from './web-lock.js';

/** Sends a photo's upload (addPhoto) for the café `cafeId` with the link's secret. */
export type PhotoUpload = (op: UploadCommand, payload: Payload | null, cafeId: string | undefined, secret: string) => Promise<OpAck>;

/** A photo goes over HTTP, not the socket (H13); the server answers a repeat with the first result. */
export const uploadPhoto: PhotoUpload = async (op, payload, cafeId, secret) => {
  if (!cafeId || !payload) return { ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'Not connected.', retryable: true } };
  const path = `/api/cafes/${encodeURIComponent(cafeId)}/photos/${encodeURIComponent(op.photoId)}?tableId=${encodeURIComponent(op.tableId)}&round=${op.round}`;
  const result = await apiRequest<{ seq: number; duplicate: boolean }>('PUT', path, { secret, raw: { bytes: payload, type: 'image/jpeg' }, timeoutMs: 60_000 });
  return result.ok ? { ok: true, seq: result.value.seq, duplicate: result.value.duplicate } : { ok: false, error: result.error };
};

/** What a face without photos answers an upload with (none is ever put there). */
const noPhotos: PhotoUpload = () => Promise.resolve({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'This page sends no photos.', retryable: false } });

export class OutboxController implements ReactiveController {
  private outbox: Outbox | null = null;
  /** Put before the storage was open: queued as soon as it is. */
  private early: [OutboxOp, Payload | null][] = [];
  private lastStatus = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly connection: CafeConnection,
    private readonly secret: string,
    private readonly upload: PhotoUpload = noPhotos,
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
        return op.type === 'addPhoto' ? this.upload(op, payload, this.connection.state?.id, this.secret) : this.connection.send(op, opId);
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
}
