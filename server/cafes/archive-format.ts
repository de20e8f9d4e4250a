/**
 * The café archive (issue 5, "the morning after"): one file that carries a café to another server.
 * Gzipped NDJSON: one JSON record per line, so it is written and read as a stream, and checked
 * with nothing but `zcat archive.tablecloth.gz | head` (a zip or tar would need a library for a
 * container whose entries we would only fill with the same JSON). Photos ride as base64.
 *
 *   {"type":"archive","version":1,"cafe":{…},"head":N,"state":"<sha256 of the café's state at N>"}
 *   {"type":"credential","linkId":…,"secretHash":…,"wrappedKey":…}   hashes and wrapped keys, never a secret
 *   {"type":"entry","seq":1,…}                                       the log, 1 … N
 *   {"type":"part","part":"photo","record":{…}}                     export jobs, photos, invitations
 *   {"type":"end","records":R,"sha256":"…"}                          R records above, the SHA-256 of their bytes
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { LogEntry } from '../../shared/domain/events.js';
import { evolve } from '../../shared/domain/evolve.js';
import type { CafeState } from '../../shared/domain/state.js';
import { canonicalJson } from '../canonical-json.js';
import { DomainError } from '../reception.js';
import type { CafeRecord, CredentialRecord } from '../store/store.js';

export const ARCHIVE_VERSION = 1;

export interface ArchiveHeader {
  type: 'archive';
  version: number;
  cafe: CafeRecord;
  head: number;
  /** SHA-256 of the state the log replays to: the importer replays it and must arrive there. */
  state: string;
}

export interface ArchivedPart {
  part: string;
  record: unknown;
}

/** A read, checked archive. */
export interface Archive {
  cafe: CafeRecord;
  entries: LogEntry[];
  credentials: CredentialRecord[];
  parts: ArchivedPart[];
  state: CafeState;
}

/** A digest of a state that does not depend on the order of its keys. */
export function stateDigest(state: CafeState): string {
  return createHash('sha256').update(canonicalJson(state)).digest('hex');
}

/** The archive's lines, the end line with the count and checksum last (gzip them as they come). */
export async function* archiveLines(header: ArchiveHeader, body: AsyncIterable<object>): AsyncGenerator<string> {
  const hash = createHash('sha256');
  let records = 0;
  const line = (record: object) => {
    const text = `${JSON.stringify(record)}\n`;
    hash.update(text);
    records++;
    return text;
  };
  yield line(header);
  for await (const record of body) yield line(record);
  yield `${JSON.stringify({ type: 'end', records, sha256: hash.digest('hex') })}\n`;
}

const invalid = (path: string): DomainError => new DomainError('ARCHIVE_INVALID', path);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * Reads and checks an archive without writing anything: the gzip, the checksum and count, the
 * version, every record's shape, and the log replayed through the reducer's `evolve`, which must
 * arrive at the state the header names. Throws ARCHIVE_INVALID (with a path) or ARCHIVE_TOO_LARGE.
 */
export function readArchive(gzipped: Uint8Array, maxBytes: number): Archive {
  let text: string;
  try {
    text = gunzipSync(gzipped, { maxOutputLength: maxBytes }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new DomainError('ARCHIVE_TOO_LARGE');
    throw invalid('gzip');
  }
  if (!text.endsWith('\n')) throw invalid('end');
  const lines = text.slice(0, -1).split('\n');
  const last = parseLine(lines.pop() ?? '', 'end');
  const body = lines.map((l) => `${l}\n`).join('');
  if (last.type !== 'end' || last.records !== lines.length || last.sha256 !== createHash('sha256').update(body).digest('hex')) throw invalid('end');

  const header = parseLine(lines[0] ?? '', 'archive');
  if (header.type !== 'archive' || header.version !== ARCHIVE_VERSION) throw invalid('version');
  const cafe = header.cafe;
  if (!isObject(cafe) || !isText(cafe.cafeId, 64) || !isText(cafe.joinCode, 16) || typeof cafe.createdAt !== 'number') throw invalid('cafe');
  const record: CafeRecord = { cafeId: cafe.cafeId, joinCode: cafe.joinCode, createdAt: cafe.createdAt };

  const entries: LogEntry[] = [];
  const credentials: CredentialRecord[] = [];
  const parts: ArchivedPart[] = [];
  let state: CafeState | null = null;
  for (const [i, line] of lines.slice(1).entries()) {
    const r = parseLine(line, `line ${i + 2}`);
    if (r.type === 'entry') {
      const { type: _type, ...entry } = r;
      if (entry.seq !== entries.length + 1 || !isText(entry.opId) || !isText(entry.actor) || typeof entry.at !== 'number' || !isObject(entry.event)) throw invalid(`entry ${entries.length + 1}`);
      try {
        state = evolve(state, entry as unknown as LogEntry);
      } catch {
        throw invalid(`entry ${entry.seq}`);
      }
      entries.push(entry as unknown as LogEntry);
    } else if (r.type === 'credential') {
      if (!isText(r.linkId, 64) || typeof r.secretHash !== 'string' || !/^[0-9a-f]{64}$/.test(r.secretHash) || (r.wrappedKey !== null && !isText(r.wrappedKey, 400))) throw invalid('credential');
      credentials.push({ cafeId: record.cafeId, linkId: r.linkId, secretHash: r.secretHash, wrappedKey: r.wrappedKey as string | null });
    } else if (r.type === 'part' && isText(r.part, 40)) {
      parts.push({ part: r.part, record: r.record });
    } else {
      throw invalid(`line ${i + 2}`);
    }
  }
  if (!state || state.id !== record.cafeId || state.joinCode !== record.joinCode) throw invalid('cafe');
  if (entries.length !== header.head || stateDigest(state) !== header.state) throw invalid('state');
  // Every credential names a link of the café (the facilitator's works on the new server).
  for (const c of credentials) if (!state.links[c.linkId]) throw invalid('credential');
  return { cafe: record, entries, credentials, parts, state };
}

function parseLine(line: string, path: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    if (isObject(value)) return value;
  } catch {
    // Reported below, with the line.
  }
  throw invalid(path);
}
