/**
 * The behaviour every `InvitationStore` must show (server/invitations/invitation-store.ts), run
 * once per implementation from test/invitation-store.test.ts. Uses only the ports, and fresh café
 * ids per test, so it also runs against a shared Redis.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Invitation, InvitationStore } from '../server/invitations/invitation-store.js';
import type { CafeStore } from '../server/store/store.js';

export type InvitationStoreFactory = () => Promise<{ cafes: CafeStore; invitations: InvitationStore; cleanup: () => Promise<void> }>;

const uid = (prefix: string): string => `${prefix}-${randomUUID()}`;
const T = 1_780_000_000_000;

export function invitationStoreContract(name: string, makeStore: InvitationStoreFactory): void {
  describe(`invitation store contract: ${name}`, () => {
    let opened: Awaited<ReturnType<InvitationStoreFactory>>;
    let invitations: InvitationStore;
    beforeEach(async () => {
      opened = await makeStore();
      invitations = opened.invitations;
    });
    afterEach(() => opened.cleanup());

    /** A café the café store holds (invitations are refused for any other). */
    async function newCafe(): Promise<string> {
      const cafeId = uid('cafe');
      const created = await opened.cafes.createCafe({ cafeId, joinCode: uid('code'), createdAt: T }, { opId: uid('op'), actor: 'system', at: T, event: { type: 'rehearsalStarted' } }, []);
      expect(created).toBe('created');
      return cafeId;
    }
    const invitation = (cafeId: string, overrides: Partial<Invitation> = {}): Invitation => ({
      cafeId, participantId: uid('p'), email: 'jürgen.müller@schule.example', consentAge: 16, consentedAt: T, ...overrides,
    });

    it('stores an invitation and gives it back as it was', async () => {
      const cafeId = await newCafe();
      const row = invitation(cafeId, { email: 'a+b@example.org', consentAge: 18, consentedAt: T + 7 });
      expect(await invitations.put(row)).toBe('created');
      expect(await invitations.get(cafeId, row.participantId)).toEqual(row);
      expect(await invitations.get(cafeId, 'someone-else')).toBeNull();
    });

    it('replaces the address of the same participant instead of adding a second row', async () => {
      const cafeId = await newCafe();
      const row = invitation(cafeId);
      await invitations.put(row);
      expect(await invitations.put({ ...row, email: 'new@example.org', consentedAt: T + 60_000 })).toBe('replaced');
      expect(await invitations.listForCafe(cafeId)).toEqual([{ ...row, email: 'new@example.org', consentedAt: T + 60_000 }]);
    });

    it('refuses an invitation for a café it does not hold', async () => {
      await expect(invitations.put(invitation(uid('no-cafe')))).rejects.toThrow();
    });

    it('lists a café’s invitations oldest consent first, and no other café’s', async () => {
      const [a, b] = [await newCafe(), await newCafe()];
      const late = invitation(a, { consentedAt: T + 2 });
      const early = invitation(a, { consentedAt: T + 1 });
      const tie = [invitation(a, { participantId: 'p-2', consentedAt: T + 3 }), invitation(a, { participantId: 'p-1', consentedAt: T + 3 })];
      for (const row of [late, early, ...tie, invitation(b)]) await invitations.put(row);
      expect(await invitations.listForCafe(a)).toEqual([early, late, tie[1], tie[0]]);
      expect(await invitations.listForCafe(b)).toHaveLength(1);
      expect(await invitations.listForCafe(uid('none'))).toEqual([]);
    });

    it('removes a withdrawn invitation (the row is gone) and says whether there was one', async () => {
      const cafeId = await newCafe();
      const [kept, withdrawn] = [invitation(cafeId), invitation(cafeId)];
      await invitations.put(kept);
      await invitations.put(withdrawn);
      expect(await invitations.remove(cafeId, withdrawn.participantId)).toBe(true);
      expect(await invitations.remove(cafeId, withdrawn.participantId)).toBe(false);
      expect(await invitations.get(cafeId, withdrawn.participantId)).toBeNull();
      expect(await invitations.listForCafe(cafeId)).toEqual([kept]);
    });

    it('deletes every invitation of one café and nothing of another', async () => {
      const [gone, other] = [await newCafe(), await newCafe()];
      for (const row of [invitation(gone), invitation(gone), invitation(other)]) await invitations.put(row);
      expect(await invitations.deleteCafe(gone)).toBe(2);
      expect(await invitations.listForCafe(gone)).toEqual([]);
      expect(await invitations.listForCafe(other)).toHaveLength(1);
      expect(await invitations.deleteCafe(gone)).toBe(0);
    });

    it('restores the rows of an archive as they were, over rows of the same participants', async () => {
      const cafeId = await newCafe();
      const rows = [invitation(cafeId, { consentedAt: T + 1 }), invitation(cafeId, { consentedAt: T + 2, consentAge: 13 })];
      await invitations.put({ ...rows[0]!, email: 'changed@example.org' });
      await invitations.restore(rows);
      expect(await invitations.listForCafe(cafeId)).toEqual(rows);
      await invitations.deleteCafe(cafeId);
      await invitations.restore(rows);
      expect(await invitations.listForCafe(cafeId)).toEqual(rows);
    });
  });
}
