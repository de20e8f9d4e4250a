/**
 * A seed thread: what one harvest item (by default a theme) becomes in the online community.
 * Plain data, the same for every target; each exporter renders and neutralises it for its own
 * format (server/export/). Built from the café's harvest as of one pinned sequence number.
 */

/** One idea as it leaves the café: only ideas whose author consented to publishing, never hidden ones. */
export interface SeedIdea {
  id: string;
  /** Normalised text, exactly as stored; the exporter neutralises it for its target. */
  text: string;
  /** The author's display name, only when they opted in to show it; otherwise null. */
  author: string | null;
  /** The stakeholder group chip (a host's note) or the author's group; null when none. */
  group: string | null;
  tableName: string;
  round: number;
  /** A key idea of its table (starred by the host). */
  starred: boolean;
}

/**
 * A key insight a table's host wrote on the harvest card (H9) in their own words. Insights that
 * point at an idea are not repeated here: that idea travels as an idea (★ when starred).
 */
export interface SeedInsight {
  /** Normalised text, exactly as stored; the exporter neutralises it for its target. */
  text: string;
  tableName: string;
  round: number;
}

export interface SeedPhoto {
  id: string;
  /** E.g. "Tablecloth of Table 4, round 2". */
  caption: string;
  contentType: 'image/jpeg';
  bytes: Uint8Array;
}

export interface StakeholderMix {
  /** Groups that contributed, with their number of ideas (counts only, never names). */
  contributed: { group: string; ideas: number }[];
  /** The café's groups that contributed nothing to this thread. */
  missing: string[];
}

export interface SeedThread {
  /** Stable within the café (a theme's id, a question's round, a table's id): the same on every run. */
  id: string;
  cafeId: string;
  cafeTitle: string;
  /** Unique within the café; at least 15 characters (Discourse's default minimum). */
  title: string;
  /** The theme's name, for a thread of a theme (a target may route by it). */
  themeName?: string;
  /** The question(s) the ideas answered, with their round (0-based). */
  questions: { round: number; text: string }[];
  rounds: number[];
  tableNames: string[];
  stakeholderMix: StakeholderMix;
  /** Dots the theme received (phones and paper), null when there was no vote. */
  votes: number | null;
  ideas: SeedIdea[];
  /** The written key insights of the tables and rounds this thread covers (H12): by table that table's, by question that round's, none by theme. */
  insights: SeedInsight[];
  photos: SeedPhoto[];
  /** The café's photos that go with this thread (H14), by id; the export job loads their bytes into `photos`. */
  photoIds?: string[];
  /**
   * The facilitator's edit of the body (CommonMark), sent instead of the body each exporter
   * generates; absent when not edited. Rendered and neutralised per target like everything else.
   */
  body?: string;
  /** The invitation to continue, in the café's language ("What would you add?"). */
  invitation: string;
  /** Where it goes: a category (Discourse category id as text, a NING group …) and tags; target-specific mapping is the exporter's. */
  category: string | null;
  tags: string[];
  language: 'en' | 'de';
}
