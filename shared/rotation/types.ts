import type { ErrorCode } from '../errors.js';

/** Someone taking part, known to the planner only by an anonymous id. */
export interface RotationParticipant {
  id: string;
  /** Stakeholder group (teachers, parents, …); people without one mix freely. */
  group?: string;
  /** A host's own table; while hosts stay (P4) the host sits there every round. */
  homeTable?: string;
  host?: boolean;
}

export interface RotationTable {
  id: string;
  capacity: number;
  /** A disabled table gets no one new; those already seated at it in the current round stay (P3). */
  enabled: boolean;
}

/** Who sits where in one round: participant id → table id. */
export type Seating = Readonly<Record<string, string>>;

export interface RotationInput {
  /** Everyone still taking part; people who left are simply not listed. */
  participants: readonly RotationParticipant[];
  tables: readonly RotationTable[];
  /** Rounds of the café in all, held ones included. */
  rounds: number;
  /**
   * What has already happened: `history[r]` is round r's seating for each round before `fromRound`,
   * and `history[fromRound]`, when given, the seats already taken in the round under way.
   */
  history?: readonly Seating[];
  /** The first round to plan (0-based); by default the one after the history. */
  fromRound?: number;
  seed: number;
  /** The plan in use: re-planning keeps as much of it as it can (P6). */
  previous?: { seats: readonly Seating[] };
  /** Hosts stay at their `homeTable` (the World Café method); default true. */
  hostsStay?: boolean;
  /** Hosts the facilitator released: they travel like everyone else. */
  releasedHosts?: readonly string[];
  /** The last round sends everyone back to their round-1 table (P8). */
  homeLastRound?: boolean;
  /** Swaps the local search may try; the plan depends on it, never on a clock (P5). */
  iterations?: number;
}

export interface RotationQuality {
  /** Which method made the plan: an exact construction or the local search. */
  method: 'modular' | 'affine' | 'golfer' | 'search' | 'modular+search' | 'affine+search' | 'golfer+search';
  /** Pairs of current participants who share a table more than once, held rounds counted. */
  repeatedPairs: number;
  /** Meetings beyond each pair's first, summed; a lower bound for it is `repeatBound`. */
  repeatMeetings: number;
  repeatBound: number;
  /** The most times any pair shares a table. */
  mostMeetings: number;
  /**
   * Distinct stakeholder groups per occupied table in the planned rounds, against their bounds:
   * min(grouped people at the table, groups present), capped by the tables each group's head-count
   * can reach (the mean), and no more than a round's bound spread evenly (the worst, ≤ the mean's).
   * `tablesBelowBound`: table-rounds below the worst bound (0 when the worst is at its bound).
   */
  groupsPerTable: { mean: number; worst: number; boundMean: number; boundWorst: number; tablesBelowBound: number };
  /** People per occupied, enabled table in the planned rounds, and the largest excess over a table's capacity. */
  tableSize: { min: number; max: number; overCapacity: number };
  /** Host-rounds at the host's own table, of those asked for. */
  hosts: { inPlace: number; expected: number };
  /** Seats the planner moved from where `previous` had them (seats already taken and staying hosts not counted). */
  changedSeats: number;
  /**
   * Planned seats at a table the person sat at in an earlier round (seats already taken, staying
   * hosts at home and the home round's return not counted), and a lower bound for them. Absent
   * from plans made before the planner counted them.
   */
  revisits?: number;
  revisitBound?: number;
}

export interface RotationPlan {
  /** Every round's seating, held rounds as given. */
  seats: Seating[];
  fromRound: number;
  quality: RotationQuality;
}

export type RotationResult = { ok: true; plan: RotationPlan } | { ok: false; code: ErrorCode; field: string; reason: string };
