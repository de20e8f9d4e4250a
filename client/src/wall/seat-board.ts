/**
 * The wall's "find your table" board in planned rotation (issue 6, M11): every participant number
 * with the table the plan sends it to in one round, in pages that fit the screen.
 */
import { comingRound } from '../../../shared/domain/room-mix.js';
import { own, type CafeState, type Table } from '../../../shared/domain/state.js';
import { shortTableLabel } from './table-activity.js';

/** One line of the board: a participant's number and the table the plan gives it. */
export interface BoardSeat {
  number: number;
  tableId: string;
  /** The table's name when it is not the default "Table N" (then the number says it all), else null. */
  name: string | null;
}

/** The round people should find their table for now: the one travelled to, or round 1 in the lobby. Null in a round, or with no plan. */
export function boardRound(state: CafeState): number | null {
  // Before the café opens the plan is still made afresh with each arrival: no board yet.
  return state.phase.kind === 'setup' ? null : comingRound(state);
}

/**
 * The board of `round`, sorted by number: the plan's seats (the wall's copy is keyed by `#number`)
 * without the people who left.
 */
export function seatBoard(plan: CafeState['plan'], participants: CafeState['participants'], tables: Table[], round: number): BoardSeat[] {
  if (!plan) return [];
  const byId = new Map(tables.map((t) => [t.id, t]));
  const board: BoardSeat[] = [];
  for (const [key, seats] of Object.entries(plan.seats)) {
    const tableId = seats[round - plan.fromRound];
    const number = Number(key.slice(1));
    if (tableId === undefined || !key.startsWith('#') || !Number.isInteger(number)) continue;
    if (own(participants, key)?.left) continue;
    const table = byId.get(tableId);
    const label = table ? shortTableLabel(table) : tableId;
    board.push({ number, tableId, name: label === tableId ? null : label });
  }
  return board.sort((a, b) => a.number - b.number);
}

/** How the board sits in its box: the type size (in the wall's unit), columns and lines, and how many seats a page holds. */
export interface BoardFit {
  scale: number;
  columns: number;
  rows: number;
  perPage: number;
}

/** The widths and heights the board is drawn with, in em of its own type (tc-wall-board.ts uses the same). */
export const BOARD_EM = {
  /** A digit, a name's letter (bold, on average), and the arrow with its spaces. */
  digit: 0.62,
  letter: 0.7,
  arrow: 1.2,
  /** A cell's padding and the gap between columns. */
  cellPad: 0.5,
  columnGap: 0.6,
  row: 1.25,
};
/** Names longer than this are cut with an ellipsis. */
export const NAME_CHARS_MAX = 10;
/** The type never gets smaller than the wall's unit (32 px on a 1920×1080 projector), nor larger than this. */
export const BOARD_SCALE_MAX = 2.5;

/** The width of one cell, in em: the longest number, the arrow, the longest table number and name. */
export function cellEm(board: BoardSeat[]): number {
  let digits = 1;
  let table = 1;
  let name = 0;
  for (const s of board) {
    digits = Math.max(digits, String(s.number).length);
    table = Math.max(table, s.tableId.length);
    if (s.name) name = Math.max(name, Math.min(s.name.length, NAME_CHARS_MAX));
  }
  const e = BOARD_EM;
  return digits * e.digit + e.arrow + table * e.digit + (name > 0 ? 0.35 + name * e.letter : 0) + e.cellPad;
}

/**
 * The largest type, from `BOARD_SCALE_MAX` down to the wall's unit, at which the whole board fits
 * in `width` × `height` px; at the unit, as many seats per page as fit (the board then pages).
 */
export function boardFit(count: number, cell: number, box: { width: number; height: number; unit: number }): BoardFit {
  const fit = (scale: number): BoardFit => {
    const px = box.unit * scale;
    const columns = Math.max(1, Math.floor((box.width + BOARD_EM.columnGap * px) / ((cell + BOARD_EM.columnGap) * px)));
    const rows = Math.max(1, Math.floor(box.height / (BOARD_EM.row * px)));
    return { scale, columns, rows, perPage: columns * rows };
  };
  for (let tenths = Math.round(BOARD_SCALE_MAX * 10); tenths > 10; tenths--) {
    const f = fit(tenths / 10);
    if (f.perPage >= count) return shrinkColumns(f, count);
  }
  return shrinkColumns(fit(1), count);
}

/** As few columns as the seats need, as evenly filled as they can be: the board reads like a phone book. */
function shrinkColumns(f: BoardFit, count: number): BoardFit {
  if (count >= f.perPage) return f;
  const columns = Math.max(1, Math.ceil(count / f.rows));
  const rows = Math.max(1, Math.ceil(count / columns));
  return { ...f, columns, rows, perPage: columns * rows };
}

/** One page of the board: its seats and the first and last number on it. */
export interface BoardPage {
  seats: BoardSeat[];
  first: number;
  last: number;
}

export function boardPages(board: BoardSeat[], perPage: number): BoardPage[] {
  const pages: BoardPage[] = [];
  for (let i = 0; i < board.length; i += Math.max(1, perPage)) {
    const seats = board.slice(i, i + Math.max(1, perPage));
    pages.push({ seats, first: seats[0]!.number, last: seats[seats.length - 1]!.number });
  }
  return pages;
}
