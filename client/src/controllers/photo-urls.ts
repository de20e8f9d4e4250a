/**
 * Tablecloth photos for a face, as `blob:` URLs: a photo is fetched with the link's secret in the
 * Authorization header (never a secret in an image URL, which would reach logs and caches), and
 * its URL is released as soon as a render no longer shows it, or the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Loads one photo's bytes; null when the server has none for this link. */
export type PhotoSource = (photoId: string) => Promise<Blob | null>;

/** Photos of the café as the link with `secret` may see them (`GET /api/cafes/:cafeId/photos/:photoId`); `server` is empty for the page's own origin. */
export function linkPhotoSource(cafeId: string, secret: string, server = ''): PhotoSource {
  return async (photoId) => {
    try {
      const response = await fetch(`${server}/api/cafes/${encodeURIComponent(cafeId)}/photos/${encodeURIComponent(photoId)}`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      return response.ok ? await response.blob() : null;
    } catch {
      return null;
    }
  };
}

/** A face's photo source: the same function while the café and the link stay, so the views are not redrawn for it. */
export class PhotoSources {
  private last: { key: string; load: PhotoSource } | null = null;

  for(cafeId: string, secret: string, server = ''): PhotoSource {
    const key = `${server} ${cafeId} ${secret}`;
    if (this.last?.key !== key) this.last = { key, load: linkPhotoSource(cafeId, secret, server) };
    return this.last.load;
  }
}

const RETRY_MS = 15_000;

export class PhotoUrls implements ReactiveController {
  private readonly urls = new Map<string, string>();
  private readonly loading = new Set<string>();
  /** Photos that could not be loaded, with when: tried again on a later render after `retryMs` (venue Wi-Fi drops). */
  private readonly missing = new Map<string, number>();
  /** The photos the last render asked for. */
  private asked = new Set<string>();
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => PhotoSource | null,
    private readonly retryMs = RETRY_MS,
  ) {
    host.addController(this);
  }

  /** The photo's `blob:` URL once it arrived; null while it loads or when it could not be loaded (`failed` says which). Call it while rendering. */
  url(photoId: string): string | null {
    this.asked.add(photoId);
    const url = this.urls.get(photoId);
    if (url) return url;
    const failedAt = this.missing.get(photoId);
    if (!this.loading.has(photoId) && (failedAt === undefined || Date.now() - failedAt > this.retryMs)) void this.load(photoId);
    return null;
  }

  failed(photoId: string): boolean {
    return this.missing.has(photoId);
  }

  private async load(photoId: string): Promise<void> {
    const source = this.source();
    if (!source) return;
    this.loading.add(photoId);
    const blob = await source(photoId);
    this.loading.delete(photoId);
    if (!this.connected) return;
    if (blob) {
      this.urls.set(photoId, URL.createObjectURL(blob));
      this.missing.delete(photoId);
    } else this.missing.set(photoId, Date.now());
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostUpdated(): void {
    for (const [id, url] of this.urls) {
      if (this.asked.has(id)) continue;
      URL.revokeObjectURL(url);
      this.urls.delete(id);
    }
    this.asked = new Set();
  }

  hostDisconnected(): void {
    this.connected = false;
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
    this.missing.clear();
  }

  /** How many `blob:` URLs are held now (tests check that none outlive their photo). */
  get held(): number {
    return this.urls.size;
  }
}
