/**
 * The behaviour every `CafeStore` must show, whatever is behind it. Run it from a `*.test.ts`
 * file with a factory for the implementation. Uses only the port, and a fresh café id per test,
 * so it also runs against a shared backing store (Redis) without tests seeing each other.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CafeEvent, LogEntry } from '../shared/domain/events.js';
import type { CafeRecord, CafeStore, CredentialRecord, NewEntry } from '../server/store/store.js';

export type StoreFactory = () => Promise<{ store: CafeStore; cleanup: () => Promise<void> }>;

const uid = (prefix: string): string => `${prefix}-${randomUUID()}`;

function cafeRecord(overrides: Partial<CafeRecord> = {}): CafeRecord {
  return { cafeId: uid('cafe'), joinCode: uid('code'), createdAt: 1_700_000_000_000, ...overrides };
}

function broadcast(text: string, at = 1_700_000_000_123): CafeEvent {
  return { type: 'broadcastSet', broadcast: { text, at } };
}

function entry(opId = uid('op'), event: CafeEvent = broadcast(`text ${opId}`), actor = 'link-1', at = 1_700_000_000_500): NewEntry {
  return { opId, actor, at, event };
}

function credential(cafeId: string, overrides: Partial<CredentialRecord> = {}): CredentialRecord {
  return { secretHash: uid('hash'), cafeId, linkId: uid('link'), wrappedKey: null, ...overrides };
}

export function storeContract(name: string, makeStore: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    let store: CafeStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    /** Creates a café with a first entry and returns its id. */
    async function newCafe(first: NewEntry = entry()): Promise<CafeRecord> {
      const cafe = cafeRecord();
      expect(await store.createCafe(cafe, first, [])).toBe('created');
      return cafe;
    }

    describe('creating a café', () => {
      it('stores the first entry as sequence 1 and sets the head to 1', async () => {
        const first = entry();
        const cafe = await newCafe(first);
        expect(await store.head(cafe.cafeId)).toBe(1);
        expect(await store.readSince(cafe.cafeId, 0)).toEqual([{ ...first, seq: 1 }]);
      });

      it('stores the credentials given with the café', async () => {
        const cafe = cafeRecord();
        const creds = [credential(cafe.cafeId, { wrappedKey: 'wrapped-1' }), credential(cafe.cafeId)];
        expect(await store.createCafe(cafe, entry(), creds)).toBe('created');
        for (const c of creds) expect(await store.findCredential(c.secretHash)).toEqual(c);
      });

      it('refuses an existing café id with id_taken and writes nothing', async () => {
        const cafe = await newCafe();
        const again = cafeRecord({ cafeId: cafe.cafeId });
        const cred = credential(cafe.cafeId);
        expect(await store.createCafe(again, entry(), [cred])).toBe('id_taken');
        expect(await store.head(cafe.cafeId)).toBe(1);
        expect(await store.getCafe(cafe.cafeId)).toEqual(cafe);
        expect(await store.findCafeByJoinCode(again.joinCode)).toBeNull();
        expect(await store.findCredential(cred.secretHash)).toBeNull();
      });

      it('refuses an existing join code with code_taken and writes nothing', async () => {
        const cafe = await newCafe();
        const other = cafeRecord({ joinCode: cafe.joinCode });
        const cred = credential(other.cafeId);
        expect(await store.createCafe(other, entry(), [cred])).toBe('code_taken');
        expect(await store.getCafe(other.cafeId)).toBeNull();
        expect(await store.head(other.cafeId)).toBe(0);
        expect(await store.readSince(other.cafeId, 0)).toEqual([]);
        expect(await store.findCredential(cred.secretHash)).toBeNull();
        expect(await store.findCafeByJoinCode(cafe.joinCode)).toEqual(cafe);
      });
    });

    describe('finding cafés', () => {
      it('finds a café by id and by join code', async () => {
        const cafe = await newCafe();
        expect(await store.getCafe(cafe.cafeId)).toEqual(cafe);
        expect(await store.findCafeByJoinCode(cafe.joinCode)).toEqual(cafe);
      });

      it('answers null for an unknown id or join code', async () => {
        expect(await store.getCafe(uid('nope'))).toBeNull();
        expect(await store.findCafeByJoinCode(uid('nope'))).toBeNull();
      });
    });

    describe('credentials', () => {
      it('finds an added credential by its hash, keeping a wrapped key', async () => {
        const cafe = await newCafe();
        const c = credential(cafe.cafeId, { wrappedKey: 'base64url-wrapped.key_value' });
        await store.addCredential(c);
        expect(await store.findCredential(c.secretHash)).toEqual(c);
      });

      it('keeps a missing wrapped key as null', async () => {
        const cafe = await newCafe();
        const c = credential(cafe.cafeId, { wrappedKey: null });
        await store.addCredential(c);
        const found = await store.findCredential(c.secretHash);
        expect(found).toEqual(c);
        expect(found?.wrappedKey).toBeNull();
      });

      it('answers null for an unknown hash', async () => {
        expect(await store.findCredential(uid('hash'))).toBeNull();
      });
    });

    describe('appending', () => {
      it('assigns consecutive sequence numbers without gaps', async () => {
        const cafe = await newCafe();
        for (let head = 1; head <= 10; head++) {
          expect(await store.append(cafe.cafeId, head, entry())).toEqual({ status: 'appended', seq: head + 1 });
        }
        expect(await store.head(cafe.cafeId)).toBe(11);
        expect((await store.readSince(cafe.cafeId, 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      });

      it('answers a stale head with a conflict carrying the real head and writes nothing', async () => {
        const cafe = await newCafe();
        await store.append(cafe.cafeId, 1, entry());
        await store.append(cafe.cafeId, 2, entry());
        const late = entry();
        expect(await store.append(cafe.cafeId, 1, late)).toEqual({ status: 'conflict', head: 3 });
        expect(await store.append(cafe.cafeId, 7, entry())).toEqual({ status: 'conflict', head: 3 });
        expect(await store.head(cafe.cafeId)).toBe(3);
        expect(await store.findByOpId(cafe.cafeId, late.opId)).toBeNull();
      });

      it('answers a known operation id with the original entry even when the head is stale, and writes nothing', async () => {
        const cafe = await newCafe();
        const original = entry('op-original', broadcast('first version'));
        expect(await store.append(cafe.cafeId, 1, original)).toEqual({ status: 'appended', seq: 2 });
        await store.append(cafe.cafeId, 2, entry());

        const retry = entry('op-original', broadcast('second version'), 'link-2', 1_700_000_999_999);
        const staleHead = await store.append(cafe.cafeId, 1, retry);
        expect(staleHead).toEqual({ status: 'duplicate', entry: { ...original, seq: 2 } });
        const currentHead = await store.append(cafe.cafeId, 3, retry);
        expect(currentHead).toEqual({ status: 'duplicate', entry: { ...original, seq: 2 } });

        expect(await store.head(cafe.cafeId)).toBe(3);
        expect((await store.readSince(cafe.cafeId, 0)).filter((e) => e.opId === 'op-original')).toHaveLength(1);
      });

      it('treats the first entry of a café as a known operation id', async () => {
        const first = entry();
        const cafe = await newCafe(first);
        expect(await store.append(cafe.cafeId, 1, first)).toEqual({ status: 'duplicate', entry: { ...first, seq: 1 } });
        expect(await store.head(cafe.cafeId)).toBe(1);
      });

      it('allows the same operation id in two different cafés', async () => {
        const a = await newCafe();
        const b = await newCafe();
        const shared = 'op-shared';
        expect(await store.append(a.cafeId, 1, entry(shared))).toEqual({ status: 'appended', seq: 2 });
        expect(await store.append(b.cafeId, 1, entry(shared))).toEqual({ status: 'appended', seq: 2 });
        expect((await store.findByOpId(a.cafeId, shared))?.seq).toBe(2);
        expect((await store.findByOpId(b.cafeId, shared))?.seq).toBe(2);
      });

      it('keeps the logs of different cafés apart', async () => {
        const a = await newCafe();
        const b = await newCafe();
        await store.append(a.cafeId, 1, entry());
        await store.append(a.cafeId, 2, entry());
        expect(await store.head(a.cafeId)).toBe(3);
        expect(await store.head(b.cafeId)).toBe(1);
        expect(await store.readSince(b.cafeId, 0)).toHaveLength(1);
      });
    });

    describe('reading', () => {
      it('returns only entries after `since`, in ascending order, at most `limit`', async () => {
        const cafe = await newCafe();
        for (let head = 1; head < 10; head++) await store.append(cafe.cafeId, head, entry());
        const seqs = (entries: LogEntry[]): number[] => entries.map((e) => e.seq);
        expect(seqs(await store.readSince(cafe.cafeId, 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(seqs(await store.readSince(cafe.cafeId, 4))).toEqual([5, 6, 7, 8, 9, 10]);
        expect(seqs(await store.readSince(cafe.cafeId, 4, 3))).toEqual([5, 6, 7]);
        expect(seqs(await store.readSince(cafe.cafeId, 8, 5))).toEqual([9, 10]);
        expect(await store.readSince(cafe.cafeId, 10)).toEqual([]);
        expect(await store.readSince(cafe.cafeId, 99)).toEqual([]);
      });

      it('returns nothing for an unknown café', async () => {
        expect(await store.readSince(uid('nope'), 0)).toEqual([]);
      });

      it('returns entries exactly as they were appended', async () => {
        const cafe = await newCafe();
        const idea: CafeEvent = {
          type: 'ideaAdded',
          idea: {
            id: 'idea-1',
            tableId: 'table-α',
            round: 2,
            text: 'Ünïcødé 🎉👩🏽‍🌾 \u200Fمرحبا بالعالم\u200F שלום "quotes" \\ back\nslash\ttab',
            author: { role: 'participant', participantId: 'p-1', displayName: 'Zoë 🌍', group: null },
            consent: { publish: true, showName: false },
            starred: false,
            hidden: false,
          held: false,
            deleted: false,
            late: true,
            createdAt: 1_700_000_000_001,
            editedAt: null,
            seq: 0,
          },
        };
        const rounds: CafeEvent = {
          type: 'roundsChanged',
          rounds: [
            { question: 'Why?', tableQuestions: {}, durationMs: 1_200_000, returnHome: false },
            { question: '¿Y ahora?', tableQuestions: { t1: 'Quoi ?', t2: '何？' }, durationMs: 0.5, returnHome: true },
          ],
        };
        const phase: CafeEvent = {
          type: 'phaseChanged',
          phase: { kind: 'round', round: 1, paused: true, deadline: Number.MAX_SAFE_INTEGER, remainingMs: -42 },
          undo: { kind: 'lobby' },
          roundsStarted: 1,
        };
        const sent = [
          entry(uid('op'), idea, 'link-ü', 1_700_000_000_002),
          entry(uid('op'), rounds, 'system', 0),
          { ...entry(uid('op'), phase, 'link-3', 1_712_345_678_901), digest: 'fingerprint-of-the-operation' },
        ];
        for (const [i, e] of sent.entries()) await store.append(cafe.cafeId, i + 1, e);

        const read = await store.readSince(cafe.cafeId, 1);
        expect(read).toEqual(sent.map((e, i) => ({ ...e, seq: i + 2 })));
        expect(read[0]?.event).toStrictEqual(idea);
        expect(read[2]?.event).toStrictEqual(phase);
        expect(read[2]?.digest).toBe('fingerprint-of-the-operation');
        expect(read[0]).not.toHaveProperty('digest');
        for (const e of sent) {
          expect(await store.findByOpId(cafe.cafeId, e.opId)).toEqual(read.find((r) => r.opId === e.opId));
        }
      });

      it('finds an entry by its operation id and answers null for an unknown one', async () => {
        const cafe = await newCafe();
        const e = entry();
        await store.append(cafe.cafeId, 1, e);
        expect(await store.findByOpId(cafe.cafeId, e.opId)).toEqual({ ...e, seq: 2 });
        expect(await store.findByOpId(cafe.cafeId, uid('op'))).toBeNull();
        expect(await store.findByOpId(uid('nope'), e.opId)).toBeNull();
      });

      it('reports a head of 0 for an unknown café', async () => {
        expect(await store.head(uid('nope'))).toBe(0);
      });
    });

    describe('deleting a café', () => {
      it('removes its record, join code, credentials and log, and leaves another café as it was', async () => {
        const cafe = cafeRecord();
        const creds = [credential(cafe.cafeId, { wrappedKey: 'wrapped-1' }), credential(cafe.cafeId)];
        expect(await store.createCafe(cafe, entry(), creds)).toBe('created');
        const later = credential(cafe.cafeId);
        await store.addCredential(later);
        await store.append(cafe.cafeId, 1, entry());
        const other = cafeRecord();
        const otherCred = credential(other.cafeId);
        const otherFirst = entry();
        expect(await store.createCafe(other, otherFirst, [otherCred])).toBe('created');

        await store.deleteCafe(cafe.cafeId);

        expect(await store.getCafe(cafe.cafeId)).toBeNull();
        expect(await store.findCafeByJoinCode(cafe.joinCode)).toBeNull();
        for (const c of [...creds, later]) expect(await store.findCredential(c.secretHash)).toBeNull();
        expect(await store.credentialsOf(cafe.cafeId)).toEqual([]);
        expect(await store.head(cafe.cafeId)).toBe(0);
        expect(await store.readSince(cafe.cafeId, 0)).toEqual([]);
        expect(await store.getCafe(other.cafeId)).toEqual(other);
        expect(await store.findCredential(otherCred.secretHash)).toEqual(otherCred);
        expect(await store.readSince(other.cafeId, 0)).toEqual([{ ...otherFirst, seq: 1 }]);
      });

      it('refuses appends and credentials for the deleted café, and frees its id and join code', async () => {
        const cafe = await newCafe();
        await store.deleteCafe(cafe.cafeId);
        await expect(store.append(cafe.cafeId, 0, entry())).rejects.toThrow();
        await expect(store.addCredential(credential(cafe.cafeId))).rejects.toThrow();
        expect(await store.head(cafe.cafeId)).toBe(0);
        expect(await store.createCafe(cafe, entry(), [])).toBe('created');
      });

      it('does nothing for an unknown café', async () => {
        const other = await newCafe();
        await store.deleteCafe(uid('nope'));
        expect(await store.getCafe(other.cafeId)).toEqual(other);
      });
    });

    describe('credentials of a café and importing an archived café', () => {
      it('lists every credential of a café, and none of another', async () => {
        const cafe = cafeRecord();
        const creds = [credential(cafe.cafeId, { wrappedKey: 'w' }), credential(cafe.cafeId)];
        expect(await store.createCafe(cafe, entry(), creds)).toBe('created');
        await newCafe();
        const sort = (list: CredentialRecord[]) => [...list].sort((a, b) => a.secretHash.localeCompare(b.secretHash));
        expect(sort(await store.credentialsOf(cafe.cafeId))).toEqual(sort(creds));
      });

      it('creates a café with its whole log and credentials at head 0, then appends only what follows its head', async () => {
        const cafe = cafeRecord();
        const log: LogEntry[] = [1, 2, 3, 4].map((seq) => ({ ...entry(), seq }));
        const cred = credential(cafe.cafeId, { wrappedKey: 'wrapped' });
        expect(await store.importCafe(cafe, 0, log.slice(0, 2), [cred])).toBe('imported');
        expect(await store.getCafe(cafe.cafeId)).toEqual(cafe);
        expect(await store.findCafeByJoinCode(cafe.joinCode)).toEqual(cafe);
        expect(await store.findCredential(cred.secretHash)).toEqual(cred);
        expect(await store.readSince(cafe.cafeId, 0)).toEqual(log.slice(0, 2));
        const cred2 = credential(cafe.cafeId);
        expect(await store.importCafe(cafe, 2, log.slice(2), [cred, cred2])).toBe('imported');
        expect(await store.readSince(cafe.cafeId, 0)).toEqual(log);
        expect(await store.head(cafe.cafeId)).toBe(4);
        expect(await store.findByOpId(cafe.cafeId, log[3]!.opId)).toEqual(log[3]);
        expect(await store.findCredential(cred2.secretHash)).toEqual(cred2);
        // The appends after an import go on from its head.
        expect(await store.append(cafe.cafeId, 4, entry())).toEqual({ status: 'appended', seq: 5 });
      });

      it('refuses a stale head, another join code, a taken id or code, and writes nothing', async () => {
        const cafe = await newCafe();
        const next: LogEntry[] = [{ ...entry(), seq: 2 }];
        const cred = credential(cafe.cafeId);
        expect(await store.importCafe(cafe, 0, [{ ...entry(), seq: 1 }], [cred])).toBe('conflict');
        expect(await store.importCafe(cafe, 3, next, [cred])).toBe('conflict');
        expect(await store.importCafe({ ...cafe, joinCode: uid('code') }, 1, next, [cred])).toBe('conflict');
        const taken = cafeRecord({ joinCode: cafe.joinCode });
        expect(await store.importCafe(taken, 0, [{ ...entry(), seq: 1 }], [credential(taken.cafeId)])).toBe('code_taken');
        expect(await store.head(cafe.cafeId)).toBe(1);
        expect(await store.findCredential(cred.secretHash)).toBeNull();
        expect(await store.getCafe(taken.cafeId)).toBeNull();
      });
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('under concurrency', () => {
      it('lets exactly one of 50 parallel appends with the same head through', async () => {
        const cafe = await newCafe();
        const entries = Array.from({ length: 50 }, () => entry());
        const results = await Promise.all(entries.map((e) => store.append(cafe.cafeId, 1, e)));
        const appended = results.filter((r) => r.status === 'appended');
        const conflicts = results.filter((r) => r.status === 'conflict');
        expect(appended).toEqual([{ status: 'appended', seq: 2 }]);
        expect(conflicts).toHaveLength(49);
        for (const c of conflicts) expect(c).toEqual({ status: 'conflict', head: 2 });
        expect(await store.head(cafe.cafeId)).toBe(2);
        const winner = entries[results.findIndex((r) => r.status === 'appended')];
        expect((await store.readSince(cafe.cafeId, 1)).map((e) => e.opId)).toEqual([winner?.opId]);
      });

      it('keeps the log contiguous when 20 workers each append 10 entries, retrying on conflict', async () => {
        const cafe = await newCafe();
        const workers = 20;
        const perWorker = 10;
        const sent: string[] = [];

        async function worker(w: number): Promise<void> {
          for (let i = 0; i < perWorker; i++) {
            const e = entry(`op-w${w}-${i}`);
            sent.push(e.opId);
            for (let attempt = 0; ; attempt++) {
              if (attempt > 10_000) throw new Error('worker starved');
              const head = await store.head(cafe.cafeId);
              const result = await store.append(cafe.cafeId, head, e);
              if (result.status === 'appended') break;
              expect(result.status).toBe('conflict');
            }
          }
        }
        await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));

        const total = workers * perWorker + 1;
        const log = await store.readSince(cafe.cafeId, 0);
        expect(await store.head(cafe.cafeId)).toBe(total);
        expect(log.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        const opIds = log.slice(1).map((e) => e.opId);
        expect(new Set(opIds).size).toBe(opIds.length);
        expect([...opIds].sort()).toEqual([...sent].sort());
      });
    });
  });
}
