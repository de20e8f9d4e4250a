/**
 * Where cafés are created and people let in: the facilitator's new café with all its links,
 * participants joining by code, links issued and withdrawn. Secrets are made here and leave the
 * server only inside link URLs (in the #fragment) given to the person they belong to.
 */
import type { CafeSetup, JoinRequest } from '../shared/domain/commands.js';
import { decide } from '../shared/domain/reducer.js';
import { own, type CafeState, type Link } from '../shared/domain/state.js';
import type { ErrorCode } from '../shared/errors.js';
import type { Clock } from './clock.js';
import {
  derivedSecret,
  hashSecret,
  newId,
  newJoinCode,
  newLinkKey,
  newSecret,
  normalizeJoinCode,
  unwrapLinkKey,
  wrapLinkKey,
} from './secrets.js';
import type { Sequencer } from './sequencer.js';
import type { CafeRecord, CafeStore, CredentialRecord } from './store/store.js';

/**
 * Operation ids of the server's own operations. The colon is outside the alphabet of client ids,
 * so no device can take an id the server will need (e.g. to block the revocation of its link).
 */
export function serverOpId(kind: string, key: string): string {
  return `server:${kind}:${key}`;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly path?: string,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

/** The page of each face. Secrets travel in the #fragment, which browsers never send to a server. */
export const facePaths = {
  facilitator: '/facilitator',
  qr: '/qr',
  host: '/host',
  wall: '/wall',
  join: '/j',
  /** The public harvest page, by café code (H15). */
  harvest: '/h',
} as const;

export interface CafeLinks {
  cafeId: string;
  joinCode: string;
  facilitator: string | null;
  wall: string[];
  coFacilitators: { linkId: string; url: string }[];
  join: string;
  tables: { tableId: string; name: string; enabled: boolean; hostLinkId: string | null; host: string | null; participants: string }[];
}

export interface Authenticated {
  cafe: CafeRecord;
  credential: CredentialRecord;
  state: CafeState;
  link: Link;
}

export class Reception {
  constructor(
    private readonly store: CafeStore,
    private readonly sequencer: Sequencer,
    private readonly clock: Clock,
  ) {}

  /** Creates a café: a facilitator link, a wall link and a host link per table. */
  async createCafe(setup: CafeSetup, base: string): Promise<CafeLinks> {
    const cafeId = newId();
    const facilitatorSecret = newSecret();
    const key = newLinkKey();
    const facilitatorId = newId();
    const wallId = newId();
    const tableCount = typeof setup.tables === 'number' ? setup.tables : setup.tables.length;
    const hostIds = Array.from({ length: tableCount }, () => newId());
    const links = [
      { id: facilitatorId, role: 'facilitator' as const, tableId: null },
      { id: wallId, role: 'wall' as const, tableId: null },
      ...hostIds.map((id, i) => ({ id, role: 'host' as const, tableId: String(i + 1) })),
    ];
    const now = this.clock.now();
    const credentials: CredentialRecord[] = [
      { secretHash: hashSecret(facilitatorSecret), cafeId, linkId: facilitatorId, wrappedKey: wrapLinkKey(key, facilitatorSecret, facilitatorId) },
      ...[wallId, ...hostIds].map((linkId) => ({ secretHash: hashSecret(derivedSecret(key, linkId)), cafeId, linkId, wrappedKey: null })),
    ];
    for (let attempt = 0; ; attempt++) {
      const joinCode = newJoinCode();
      const decision = decide(null, { type: 'createCafe', cafeId, joinCode, setup, links }, { actor: 'system', now });
      if (!decision.ok) throw new DomainError(decision.code, decision.path);
      const result = await this.store.createCafe(
        { cafeId, joinCode, createdAt: now },
        { opId: serverOpId('create', cafeId), actor: 'system', at: now, event: decision.event },
        credentials,
      );
      if (result === 'created') break;
      if (result === 'id_taken' || attempt > 20) throw new DomainError('CAFE_EXISTS');
    }
    const state = await this.sequencer.state(cafeId);
    const cafe = await this.store.getCafe(cafeId);
    if (!state || !cafe) throw new DomainError('STORE_UNAVAILABLE');
    return { ...this.links(cafe, state, key, base), facilitator: `${base}${facePaths.facilitator}#${facilitatorSecret}` };
  }

  /** Resolves a secret to its café and link, checked against the café's current links. */
  async authenticate(secret: string): Promise<Authenticated> {
    const credential = await this.store.findCredential(hashSecret(secret));
    if (!credential) throw new DomainError('UNAUTHENTICATED');
    const [cafe, state] = await Promise.all([this.store.getCafe(credential.cafeId), this.sequencer.state(credential.cafeId)]);
    if (!cafe || !state) throw new DomainError('UNAUTHENTICATED');
    const link = own(state.links, credential.linkId);
    if (!link) throw new DomainError('UNAUTHENTICATED');
    if (link.revoked) throw new DomainError('LINK_REVOKED');
    return { cafe, credential, state, link };
  }

  /** Every link of the café, for a facilitator (who can unwrap the link key with their secret). */
  async linksFor(secret: string, base: string): Promise<CafeLinks> {
    const who = await this.authenticate(secret);
    const key = this.linkKey(who, secret);
    return this.links(who.cafe, who.state, key, base);
  }

  /** A participant joins by code: a new participant link (its secret goes to this device only). */
  async join(request: JoinRequest): Promise<{ cafeId: string; participantId: string; secret: string }> {
    const cafe = await this.store.findCafeByJoinCode(normalizeJoinCode(request.code));
    if (!cafe) throw new DomainError('CAFE_NOT_FOUND', 'code');
    const participantId = newId();
    const secret = newSecret();
    await this.store.addCredential({ secretHash: hashSecret(secret), cafeId: cafe.cafeId, linkId: participantId, wrappedKey: null });
    // If the join is refused the credential names a link that never exists in the café: it opens nothing.
    const result = await this.sequencer.submit(cafe.cafeId, 'system', serverOpId('join', participantId), {
      type: 'join',
      participantId,
      displayName: request.displayName ?? null,
      group: request.group ?? null,
      consent: request.consent,
      tableId: request.tableId ?? null,
    });
    if (!result.ok) throw new DomainError(result.code, result.path);
    return { cafeId: cafe.cafeId, participantId, secret };
  }

  /** Issues a new host, wall or co-facilitator link; a new host link withdraws the table's old one. */
  async issueLink(secret: string, role: 'host' | 'wall' | 'facilitator', tableId: string | null, base: string) {
    const who = await this.authenticate(secret);
    if (who.link.role !== 'facilitator') throw new DomainError('FORBIDDEN');
    const key = this.linkKey(who, secret);
    const linkId = newId();
    const linkSecret = derivedSecret(key, linkId);
    await this.store.addCredential({
      secretHash: hashSecret(linkSecret),
      cafeId: who.cafe.cafeId,
      linkId,
      wrappedKey: role === 'facilitator' ? wrapLinkKey(key, linkSecret, linkId) : null,
    });
    const result = await this.sequencer.submit(who.cafe.cafeId, who.link.id, serverOpId('link', linkId), {
      type: 'issueLink',
      linkId,
      role,
      tableId: role === 'host' ? tableId : null,
    });
    if (!result.ok) throw new DomainError(result.code, result.path);
    const path = role === 'host' ? facePaths.host : role === 'wall' ? facePaths.wall : facePaths.facilitator;
    const revoked = result.entry.event.type === 'linkIssued' ? result.entry.event.revokes : null;
    return { linkId, role, tableId: role === 'host' ? tableId : null, url: `${base}${path}#${linkSecret}`, revoked };
  }

  async revokeLink(secret: string, linkId: string): Promise<{ linkId: string; seq: number }> {
    const who = await this.authenticate(secret);
    const result = await this.sequencer.submit(who.cafe.cafeId, who.link.id, serverOpId('revoke', `${linkId}:${newId()}`), { type: 'revokeLink', linkId });
    if (!result.ok) throw new DomainError(result.code, result.path);
    return { linkId, seq: result.entry.seq };
  }

  private linkKey(who: Authenticated, secret: string): Buffer {
    if (who.link.role !== 'facilitator' || who.credential.wrappedKey === null) throw new DomainError('FORBIDDEN');
    return unwrapLinkKey(who.credential.wrappedKey, secret, who.link.id);
  }

  private links(cafe: CafeRecord, state: CafeState, key: Buffer, base: string): CafeLinks {
    const active = Object.values(state.links).filter((l) => !l.revoked);
    const url = (path: string, linkId: string) => `${base}${path}#${derivedSecret(key, linkId)}`;
    const join = `${base}${facePaths.join}/${cafe.joinCode}`;
    return {
      cafeId: cafe.cafeId,
      joinCode: cafe.joinCode,
      facilitator: null,
      wall: active.filter((l) => l.role === 'wall').map((l) => url(facePaths.wall, l.id)),
      // The founding facilitator's secret is random (not derived), so only co-facilitators' links can be shown again.
      coFacilitators: active
        .filter((l) => l.role === 'facilitator' && l.id !== Object.values(state.links).find((f) => f.role === 'facilitator')?.id)
        .map((l) => ({ linkId: l.id, url: url(facePaths.facilitator, l.id) })),
      join,
      tables: state.tables.map((t) => {
        const host = active.find((l) => l.role === 'host' && l.tableId === t.id);
        return {
          tableId: t.id,
          name: t.name,
          enabled: t.enabled,
          hostLinkId: host?.id ?? null,
          host: host ? url(facePaths.host, host.id) : null,
          participants: `${join}?t=${encodeURIComponent(t.id)}`,
        };
      }),
    };
  }
}
