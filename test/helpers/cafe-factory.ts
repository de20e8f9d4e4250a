/**
 * Builds cafés for reducer tests through the real `reduce`, the way the server does: the system
 * actor creates the café, then commands are applied as a link at a given server time with the
 * next sequence number.
 */
import { expect } from 'vitest';
import type { CafeSetup, Command } from '../../shared/domain/commands.js';
import type { LogEntry } from '../../shared/domain/events.js';
import { reduce } from '../../shared/domain/reducer.js';
import type { CafeState, Consent } from '../../shared/domain/state.js';
import type { ErrorCode } from '../../shared/errors.js';

/** Thursday 13 March 2025, 09:00 UTC: the server's clock when a test café is created. */
export const T0 = Date.UTC(2025, 2, 13, 9, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60_000;

export const CAFE_ID = 'cafe-thursday';
export const SYSTEM = 'system';
export const FACILITATOR = 'facilitator-link';
export const CO_FACILITATOR = 'co-facilitator-link';
export const WALL = 'wall-link';
/** The host link of a table (one is created per table). */
export const hostOf = (tableId: string): string => `host-link-${tableId}`;

export const GROUPS = ['teachers', 'students', 'parents'];

/** A café as a test drives it: its state, its log and the server's present time. */
export interface TestCafe {
  state: CafeState;
  log: LogEntry[];
  now: number;
}

export function cafeSetup(overrides: Partial<CafeSetup> = {}): CafeSetup {
  return {
    title: 'Schools of tomorrow',
    language: 'en',
    stakeholderGroups: [...GROUPS],
    travelMs: 5 * MINUTE,
    tables: 3,
    rounds: [
      { question: 'What does a good school day feel like?', durationMs: 20 * MINUTE },
      { question: 'What stands in the way?', durationMs: 20 * MINUTE },
      { question: 'What will you do on Monday?', durationMs: 20 * MINUTE, returnHome: true },
    ],
    ...overrides,
  };
}

/** A café in `setup`, created by the system actor with a facilitator, a co-facilitator, a wall and a host link per table. */
export function createCafe(overrides: Partial<CafeSetup> = {}): TestCafe {
  const setup = cafeSetup(overrides);
  const tableCount = typeof setup.tables === 'number' ? setup.tables : setup.tables.length;
  const links: Extract<Command, { type: 'createCafe' }>['links'] = [
    { id: FACILITATOR, role: 'facilitator', tableId: null },
    { id: CO_FACILITATOR, role: 'facilitator', tableId: null },
    { id: WALL, role: 'wall', tableId: null },
  ];
  for (let i = 1; i <= tableCount; i++) links.push({ id: hostOf(String(i)), role: 'host', tableId: String(i) });
  const created = reduce(null, { type: 'createCafe', cafeId: CAFE_ID, joinCode: 'ABC234', setup, links }, { actor: SYSTEM, now: T0, seq: 1, opId: 'op-create' });
  if (!created.ok) throw new Error(`createCafe refused: ${created.code} ${created.path ?? ''}`);
  return { state: created.state, log: [created.entry], now: T0 };
}

/** Applies a command as `actor` at the café's present time (or `at`); records it when accepted. */
export function attempt(cafe: TestCafe, actor: string, command: Command, at: number = cafe.now): ReturnType<typeof reduce> {
  const seq = cafe.state.seq + 1;
  const result = reduce(cafe.state, command, { actor, now: at, seq, opId: `op-${seq}` });
  if (result.ok) {
    cafe.state = result.state;
    cafe.log.push(result.entry);
  }
  return result;
}

/** Applies a command that must be accepted, and returns its log entry. */
export function accepted(cafe: TestCafe, actor: string, command: Command, at?: number): LogEntry {
  const result = attempt(cafe, actor, command, at);
  if (!result.ok) throw new Error(`${command.type} by ${actor} was refused: ${result.code}${result.path ? ` (${result.path})` : ''}`);
  return result.entry;
}

/** Applies a command that must be refused with `code`, and checks that it changed nothing. */
export function refused(cafe: TestCafe, actor: string, command: Command, code: ErrorCode, at?: number): void {
  const before = cafe.state;
  const logLength = cafe.log.length;
  const result = attempt(cafe, actor, command, at);
  expect(result.ok ? `accepted as ${result.entry.event.type}` : result.code).toBe(code);
  expect(cafe.state).toBe(before);
  expect(cafe.log).toHaveLength(logLength);
}

/** Moves the server's clock forward. */
export function wait(cafe: TestCafe, ms: number): void {
  cafe.now += ms;
}

export const EVERYTHING: Consent = { publish: true, showName: true };
export const NOTHING: Consent = { publish: false, showName: false };

/** Joins a participant through the system actor (what `POST /api/join` does); their id is also their link. */
export function join(
  cafe: TestCafe,
  participantId: string,
  options: { tableId?: string | null; displayName?: string | null; group?: string | null; consent?: Consent } = {},
): LogEntry {
  return accepted(cafe, SYSTEM, {
    type: 'join',
    participantId,
    displayName: options.displayName ?? null,
    group: options.group ?? null,
    consent: options.consent ?? EVERYTHING,
    tableId: options.tableId ?? null,
  });
}

/** Opens the café and starts round 0. */
export function startCafe(cafe: TestCafe): void {
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  accepted(cafe, FACILITATOR, { type: 'startRound' });
}

/** An addIdea command with sensible defaults. */
export function addIdea(ideaId: string, tableId: string, round: number, text = 'Shorter lessons, more projects'): Command {
  return { type: 'addIdea', ideaId, tableId, round, text };
}

/** The phase, narrowed to a round, or a failed assertion. */
export function roundPhase(cafe: TestCafe): Extract<CafeState['phase'], { kind: 'round' }> {
  const p = cafe.state.phase;
  if (p.kind !== 'round') throw new Error(`expected a round, the café is in ${p.kind}`);
  return p;
}
