/**
 * The storage port of invitations to the community: the e-mail addresses participants leave on
 * their phones. They are personal data that must be erasable, so they live here and never in the
 * operation log (which is append-only and copied into archives and exports). The SQLite store and
 * the Redis store implement it; both pass test/invitation-store-contract.ts.
 */

/** One participant's consent to be invited, with the address they gave. */
export interface Invitation {
  cafeId: string;
  /** The participant's link id: one invitation per phone, replaced when they send another address. */
  participantId: string;
  email: string;
  /** The age the participant confirmed being at least (the café's setting when they consented). */
  consentAge: number;
  /** Server epoch ms of the consent. */
  consentedAt: number;
}

export interface InvitationStore {
  /** Stores or replaces the participant's invitation. Rejects for a café the store does not hold. */
  put(invitation: Invitation): Promise<'created' | 'replaced'>;
  get(cafeId: string, participantId: string): Promise<Invitation | null>;
  /** Deletes the row (a withdrawal is a deletion, not a flag); false when there was none. */
  remove(cafeId: string, participantId: string): Promise<boolean>;
  /** The café's invitations, oldest consent first (then by participant id). */
  listForCafe(cafeId: string): Promise<Invitation[]>;
  /** Deletes every invitation of the café (deleting a café); how many there were. */
  deleteCafe(cafeId: string): Promise<number>;
  /** Puts rows from an archive back as they were (overwriting rows of the same participant). */
  restore(rows: readonly Invitation[]): Promise<void>;
}
