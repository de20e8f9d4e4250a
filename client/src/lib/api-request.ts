/**
 * One JSON request to the HTTP API, answered as a result instead of an exception: the refusal's
 * code from the body (shared/errors.ts), or STORE_UNAVAILABLE when the server cannot be reached
 * (venue Wi-Fi) or does not answer in time.
 */
import type { ErrorCode, WireError } from '../../../shared/errors.js';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

export interface ApiRequestOptions {
  body?: unknown;
  /** Bytes sent as they are (a photo), with their content type, instead of a JSON body. */
  raw?: { bytes: Blob | ArrayBuffer; type: string };
  /** A link's secret, sent as `Authorization: Bearer`. */
  secret?: string;
  timeoutMs?: number;
}

/** Without the catalogue of shared/errors.ts, which a phone does not need to carry: views say the message from the code. */
const local = (code: ErrorCode): WireError => ({ code, message: code, retryable: code !== 'INVALID_PAYLOAD' });

export async function apiRequest<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: ApiRequestOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.raw) headers['content-type'] = options.raw.type;
  if (options.secret) headers.authorization = `Bearer ${options.secret}`;
  // AbortSignal.timeout is missing before Safari 16, so a plain controller and timer.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? 20_000);
  try {
    const response = await fetch(path, {
      method,
      headers,
      body: options.raw ? options.raw.bytes : options.body === undefined ? null : JSON.stringify(options.body),
      signal: abort.signal,
    });
    const json: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, value: json as T };
    const error = (json as { error?: Partial<WireError> } | null)?.error;
    // The server sends codes from its catalogue; anything else (a proxy's error page) gets a generic one.
    return { ok: false, error: error && typeof error.code === 'string' ? (error as WireError) : local(response.status >= 500 ? 'INTERNAL' : 'INVALID_PAYLOAD') };
  } catch {
    return { ok: false, error: local('STORE_UNAVAILABLE') };
  } finally {
    clearTimeout(timer);
  }
}
