/**
 * The wall's "find your table" board and the room's mix (issue 6, M11), from cafés built through
 * the real reducer and cut to what the wall receives: which round the board is for, its seats by
 * number without the people who left, how it fits a projector, its pages, and the mix's counts.
 */
import { describe, expect, it } from 'vitest';
import type { CafeState } from '../../shared/domain/state.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { BOARD_EM, boardFit, boardPages, boardRound, cellEm, seatBoard, type BoardSeat } from '../../client/src/wall/seat-board.js';
import { wallMix } from '../../client/src/wall/wall-mix.js';
import { accepted, createCafe, FACILITATOR, join, SYSTEM, type TestCafe } from '../helpers/cafe-factory.js';
import { qualityReport } from '../helpers/rotation-quality.js';

const wallView = (cafe: TestCafe): CafeState => snapshotFor({ role: 'wall' }, cafe.state);

/** Five people at three tables named by colour over three rounds; Eve has no group. */
function plannedCafe(): TestCafe {
  const cafe = createCafe({ tables: ['Red', 'Green', 'Blue'] });
  accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
  const people = [
    ['p-ana', 'teachers'],
    ['p-ben', 'students'],
    ['p-cem', 'parents'],
    ['p-dia', 'teachers'],
    ['p-eve', null],
  ] as const;
  for (const [id, group] of people) join(cafe, id, group ? { group } : {});
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  const seats = { 'p-ana': ['1', '2', '3'], 'p-ben': ['2', '3', '1'], 'p-cem': ['3', '1', '2'], 'p-dia': ['1', '3', '2'], 'p-eve': ['2', '1', '3'] };
  accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats, quality: qualityReport() });
  return cafe;
}

describe('the find-your-table board', () => {
  it('is for round 1 in the lobby and for the round travelled to, never during a round or under free movement', () => {
    const cafe = plannedCafe();
    expect(boardRound(wallView(cafe))).toBe(0);
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    expect(boardRound(wallView(cafe))).toBe(null);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(boardRound(wallView(cafe))).toBe(1);
    accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: false } });
    expect(boardRound(wallView(cafe))).toBe(null);
  });

  it('lists every number with its table of the round, sorted by number, named tables by name, without the people who left', () => {
    const cafe = plannedCafe();
    accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-cem', left: true });
    const s = wallView(cafe);
    expect(Object.keys(s.plan!.seats).every((k) => k.startsWith('#'))).toBe(true);
    const board = seatBoard(s.plan, s.participants, s.tables, 1);
    const number = (id: string) => cafe.state.participants[id]!.number;
    expect(board).toEqual([
      { number: number('p-ana'), tableId: '2', name: 'Green' },
      { number: number('p-ben'), tableId: '3', name: 'Blue' },
      { number: number('p-dia'), tableId: '3', name: 'Blue' },
      { number: number('p-eve'), tableId: '1', name: 'Red' },
    ]);
    expect(board.map((b) => b.number)).toEqual([1, 2, 4, 5]);
  });

  it('gives default-named tables no name (their number says it) and nothing for a round the plan does not cover', () => {
    const cafe = createCafe({ tables: 2 });
    accepted(cafe, FACILITATOR, { type: 'editCafe', rotation: { planned: true } });
    join(cafe, 'p-ana');
    accepted(cafe, SYSTEM, { type: 'setRotationPlan', fromRound: 0, seed: 1, seats: { 'p-ana': ['2', '1', '2'] }, quality: qualityReport() });
    const s = wallView(cafe);
    expect(seatBoard(s.plan, s.participants, s.tables, 0)).toEqual([{ number: 1, tableId: '2', name: null }]);
    expect(seatBoard(s.plan, s.participants, s.tables, 5)).toEqual([]);
  });
});

const seats = (n: number, tableDigits = 2): BoardSeat[] => Array.from({ length: n }, (_, i) => ({ number: i + 1, tableId: String((i % 44) + 1).padStart(tableDigits, '1'), name: null }));

describe('fitting the board to the projector', () => {
  // The board's box at 1920×1080 beside the join code: about 1290 × 600 px, unit 32 px.
  const projector = { width: 1290, height: 600, unit: 32 };

  it('draws 40 people in type larger than the unit, on one page, in as few columns as they need', () => {
    const board = seats(40);
    const fit = boardFit(40, cellEm(board), projector);
    expect(fit.scale).toBeGreaterThan(1.2);
    expect(fit.perPage).toBeGreaterThanOrEqual(40);
    expect(fit.rows).toBe(Math.ceil(40 / fit.columns));
    expect((fit.columns - 1) * fit.rows).toBeLessThan(40);
    // Every column fits across, every line down.
    expect(fit.columns * (cellEm(board) + BOARD_EM.columnGap) * 32 * fit.scale - BOARD_EM.columnGap * 32 * fit.scale).toBeLessThanOrEqual(projector.width);
    expect(fit.rows * BOARD_EM.row * 32 * fit.scale).toBeLessThanOrEqual(projector.height);
  });

  it('never goes below the unit: 5,000 people page at the unit, a hundred or more to a page of the whole width', () => {
    const board = seats(5000, 3);
    const fit = boardFit(5000, cellEm(board), { ...projector, width: 1850 });
    expect(fit.scale).toBe(1);
    expect(fit.perPage).toBeGreaterThanOrEqual(100);
    const pages = boardPages(board, fit.perPage);
    expect(pages).toHaveLength(Math.ceil(5000 / fit.perPage));
    expect(pages[0]).toMatchObject({ first: 1, last: fit.perPage });
    expect(pages.at(-1)!.last).toBe(5000);
    expect(pages.flatMap((p) => p.seats)).toEqual(board);
  });

  it('gives a cell room for the longest number, table number and (cut) name', () => {
    const short = cellEm([{ number: 7, tableId: '3', name: null }]);
    expect(cellEm([{ number: 1234, tableId: '3', name: null }])).toBeCloseTo(short + 3 * BOARD_EM.digit);
    const named = cellEm([{ number: 7, tableId: '3', name: 'Curriculum and assessment' }]);
    expect(named).toBeGreaterThan(short + 5);
    expect(named).toBeLessThan(short + 7.5);
  });

  it('a small box still holds one seat per page', () => {
    expect(boardFit(10, 6, { width: 50, height: 20, unit: 32 })).toMatchObject({ scale: 1, perPage: 1 });
    expect(boardPages(seats(3), 1)).toHaveLength(3);
  });
});

describe('the room\u2019s mix on the wall', () => {
  it('counts the people present per group in the café\u2019s order, no group last, those who left apart', () => {
    const cafe = plannedCafe();
    accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-dia', left: true });
    const mix = wallMix(wallView(cafe));
    expect(mix.present).toEqual([
      { group: 'teachers', count: 1 },
      { group: 'students', count: 1 },
      { group: 'parents', count: 1 },
      { group: '', count: 1 },
    ]);
    expect(mix.left).toBe(1);
  });

  it('before a round in planned rotation: the groups the plan sends to each table; during it, those seated there', () => {
    const cafe = plannedCafe();
    // Round 1: Red gets Ana and Dia (teachers), Green Ben and Eve (students, none), Blue Cem.
    expect(wallMix(wallView(cafe)).groupsAt).toEqual({ '1': 1, '2': 1, '3': 1 });
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    for (const [id, t] of [['p-ana', '1'], ['p-ben', '1'], ['p-cem', '1'], ['p-dia', '2']] as const) accepted(cafe, id, { type: 'takeSeat', tableId: t });
    expect(wallMix(wallView(cafe)).groupsAt).toEqual({ '1': 3, '2': 1, '3': 0 });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    // Round 2 as planned: Red Cem and Eve, Green Ana, Blue Ben and Dia.
    expect(wallMix(wallView(cafe)).groupsAt).toEqual({ '1': 1, '2': 1, '3': 2 });
  });

  it('under free movement counts where people sit', () => {
    const cafe = createCafe({ tables: 2 });
    join(cafe, 'p-ana', { group: 'teachers', tableId: '1' });
    join(cafe, 'p-ben', { group: 'students', tableId: '1' });
    join(cafe, 'p-cem', { group: 'students', tableId: '2' });
    const mix = wallMix(wallView(cafe));
    expect(mix.groupsAt).toEqual({ '1': 2, '2': 1 });
    expect(mix.present.map((g) => g.count)).toEqual([1, 2, 0]);
  });
});
