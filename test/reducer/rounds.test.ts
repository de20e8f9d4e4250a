import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../shared/domain/commands.js';
import { reduce } from '../../shared/domain/reducer.js';
import { questionFor, type CafeState } from '../../shared/domain/state.js';
import { formatTimeLeft, timeLeft } from '../../shared/domain/clock.js';
import {
  accepted,
  addIdea,
  attempt,
  CO_FACILITATOR,
  createCafe,
  FACILITATOR,
  hostOf,
  join,
  MINUTE,
  refused,
  roundPhase,
  SECOND,
  startCafe,
  T0,
  wait,
} from '../helpers/cafe-factory.js';

describe('the phase machine', () => {
  it('R15 a next round that names the phase it was pressed in is refused once the café has moved on', () => {
    const cafe = createCafe();
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    accepted(cafe, FACILITATOR, { type: 'nextRound', from: { kind: 'lobby' } });
    refused(cafe, CO_FACILITATOR, { type: 'nextRound', from: { kind: 'lobby' } }, 'WRONG_PHASE');
    expect(cafe.state.phase).toMatchObject({ kind: 'round', round: 0 });
    accepted(cafe, CO_FACILITATOR, { type: 'nextRound', from: { kind: 'round', round: 0 } });
    refused(cafe, FACILITATOR, { type: 'nextRound', from: { kind: 'round', round: 0 } }, 'WRONG_PHASE');
    expect(cafe.state.phase).toMatchObject({ kind: 'travel', round: 1 });
    refused(cafe, FACILITATOR, { type: 'nextRound', from: { kind: 'travel', round: 2 } }, 'WRONG_PHASE');
    accepted(cafe, FACILITATOR, { type: 'nextRound', from: { kind: 'travel' } });
    expect(cafe.state.phase).toMatchObject({ kind: 'round', round: 1 });
  });

  it('R1 a café starts in setup and openCafe moves it to the lobby, once', () => {
    const cafe = createCafe();
    expect(cafe.state.phase).toEqual({ kind: 'setup' });
    expect(cafe.state.roundsStarted).toBe(0);
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    expect(cafe.state.phase).toEqual({ kind: 'lobby' });
    refused(cafe, FACILITATOR, { type: 'openCafe' }, 'WRONG_PHASE');
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    refused(cafe, FACILITATOR, { type: 'openCafe' }, 'WRONG_PHASE');
  });

  it('R1 only a facilitator changes the phase', () => {
    const cafe = createCafe();
    join(cafe, 'participant-ana', { tableId: '1' });
    for (const actor of [hostOf('1'), 'participant-ana']) refused(cafe, actor, { type: 'openCafe' }, 'FORBIDDEN');
    accepted(cafe, CO_FACILITATOR, { type: 'openCafe' });
    expect(cafe.state.phase.kind).toBe('lobby');
  });

  it('R2 startRound starts round 0 from the lobby or straight from setup', () => {
    for (const open of [true, false]) {
      const cafe = createCafe();
      if (open) accepted(cafe, FACILITATOR, { type: 'openCafe' });
      accepted(cafe, FACILITATOR, { type: 'startRound' });
      expect(roundPhase(cafe)).toMatchObject({ round: 0, paused: false });
      expect(cafe.state.roundsStarted).toBe(1);
    }
  });

  it('R2 startRound from travel starts the travelled-to round, and is refused in a round or the harvest', () => {
    const cafe = createCafe();
    startCafe(cafe);
    refused(cafe, FACILITATOR, { type: 'startRound' }, 'WRONG_PHASE');
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase).toMatchObject({ kind: 'travel', round: 1 });
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    expect(roundPhase(cafe).round).toBe(1);
    expect(cafe.state.roundsStarted).toBe(2);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('harvest');
    refused(cafe, FACILITATOR, { type: 'startRound' }, 'WRONG_PHASE');
  });

  it('R2 startRound towards a round that was removed during travel is refused with NO_MORE_ROUNDS', () => {
    const cafe = createCafe({ rounds: [{ question: 'One', durationMs: 20 * MINUTE }, { question: 'Two', durationMs: 20 * MINUTE }] });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'removeRound', round: 1 });
    refused(cafe, FACILITATOR, { type: 'startRound' }, 'NO_MORE_ROUNDS');
  });

  it('R3 deadlines are the server time given to decide plus the round or travel duration', () => {
    const cafe = createCafe({
      travelMs: 7 * MINUTE,
      rounds: [{ question: 'A', durationMs: 25 * MINUTE }, { question: 'B', durationMs: 30 * MINUTE }],
    });
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    const startAt = T0 + 12 * MINUTE + 345;
    accepted(cafe, FACILITATOR, { type: 'startRound' }, startAt);
    expect(roundPhase(cafe).deadline).toBe(startAt + 25 * MINUTE);
    const nextAt = startAt + 26 * MINUTE;
    accepted(cafe, FACILITATOR, { type: 'nextRound' }, nextAt);
    expect(cafe.state.phase).toEqual({ kind: 'travel', round: 1, deadline: nextAt + 7 * MINUTE });
    const secondAt = nextAt + 4 * MINUTE;
    accepted(cafe, FACILITATOR, { type: 'nextRound' }, secondAt);
    expect(roundPhase(cafe).deadline).toBe(secondAt + 30 * MINUTE);
  });

  it('R3 deciding the same command at the same time gives the same event (no clock inside)', () => {
    const cafe = createCafe();
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    const ctx = { actor: FACILITATOR, now: T0 + MINUTE, seq: cafe.state.seq + 1, opId: 'op-x' };
    const a = reduce(cafe.state, { type: 'startRound' }, ctx);
    const b = reduce(cafe.state, { type: 'startRound' }, ctx);
    expect(a).toEqual(b);
  });
});

describe('pause, resume and extend', () => {
  it('R4 pause keeps the time left and resume sets a new deadline', () => {
    const cafe = createCafe();
    startCafe(cafe);
    const deadline = roundPhase(cafe).deadline;
    wait(cafe, 5 * MINUTE);
    accepted(cafe, FACILITATOR, { type: 'pauseRound' });
    expect(roundPhase(cafe)).toMatchObject({ paused: true, remainingMs: deadline - cafe.now });
    expect(roundPhase(cafe).remainingMs).toBe(15 * MINUTE);
    wait(cafe, 10 * MINUTE);
    accepted(cafe, FACILITATOR, { type: 'resumeRound' });
    expect(roundPhase(cafe)).toMatchObject({ paused: false, deadline: cafe.now + 15 * MINUTE, remainingMs: 0 });
  });

  it('R4 a pause in overtime keeps the negative time left, and resume stays in overtime', () => {
    const cafe = createCafe();
    startCafe(cafe);
    wait(cafe, 21 * MINUTE);
    accepted(cafe, FACILITATOR, { type: 'pauseRound' });
    expect(roundPhase(cafe).remainingMs).toBe(-MINUTE);
    wait(cafe, 3 * MINUTE);
    accepted(cafe, FACILITATOR, { type: 'resumeRound' });
    expect(roundPhase(cafe).deadline).toBe(cafe.now - MINUTE);
  });

  it('R4 pause and resume are refused when they make no sense', () => {
    const cafe = createCafe();
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    refused(cafe, FACILITATOR, { type: 'pauseRound' }, 'WRONG_PHASE');
    refused(cafe, FACILITATOR, { type: 'resumeRound' }, 'WRONG_PHASE');
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    refused(cafe, FACILITATOR, { type: 'resumeRound' }, 'WRONG_PHASE');
    accepted(cafe, FACILITATOR, { type: 'pauseRound' });
    refused(cafe, FACILITATOR, { type: 'pauseRound' }, 'WRONG_PHASE');
    accepted(cafe, FACILITATOR, { type: 'resumeRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('travel');
    refused(cafe, FACILITATOR, { type: 'pauseRound' }, 'WRONG_PHASE');
  });

  it('R5 extend adds to the deadline before it, and to now in overtime', () => {
    const cafe = createCafe();
    startCafe(cafe);
    const deadline = roundPhase(cafe).deadline;
    wait(cafe, 10 * MINUTE);
    accepted(cafe, FACILITATOR, { type: 'extendRound', ms: MINUTE });
    expect(roundPhase(cafe).deadline).toBe(deadline + MINUTE);
    wait(cafe, 20 * MINUTE); // 9 minutes into overtime
    accepted(cafe, FACILITATOR, { type: 'extendRound', ms: 5 * MINUTE });
    expect(roundPhase(cafe).deadline).toBe(cafe.now + 5 * MINUTE);
  });

  it('R5 extend while paused adds to the time left (from zero in overtime), and extends travel too', () => {
    const cafe = createCafe();
    startCafe(cafe);
    wait(cafe, 5 * MINUTE);
    accepted(cafe, FACILITATOR, { type: 'pauseRound' });
    accepted(cafe, FACILITATOR, { type: 'extendRound', ms: MINUTE });
    expect(roundPhase(cafe).remainingMs).toBe(16 * MINUTE);
    accepted(cafe, FACILITATOR, { type: 'resumeRound' });
    wait(cafe, 20 * MINUTE);
    accepted(cafe, FACILITATOR, { type: 'pauseRound' });
    expect(roundPhase(cafe).remainingMs).toBe(-4 * MINUTE);
    accepted(cafe, FACILITATOR, { type: 'extendRound', ms: 5 * MINUTE });
    expect(roundPhase(cafe).remainingMs).toBe(5 * MINUTE);
    accepted(cafe, FACILITATOR, { type: 'resumeRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    const travel = cafe.state.phase;
    if (travel.kind !== 'travel') throw new Error('expected travel');
    accepted(cafe, FACILITATOR, { type: 'extendRound', ms: MINUTE });
    expect(cafe.state.phase).toEqual({ ...travel, deadline: travel.deadline + MINUTE });
  });

  it('R5 extend is refused outside a round or travel', () => {
    const cafe = createCafe();
    refused(cafe, FACILITATOR, { type: 'extendRound', ms: MINUTE }, 'WRONG_PHASE');
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    refused(cafe, FACILITATOR, { type: 'extendRound', ms: MINUTE }, 'WRONG_PHASE');
  });
});

describe('next round and undo', () => {
  it('R6 next round goes to travel when there is travel time, and travel ends with the next round', () => {
    const cafe = createCafe({ travelMs: 3 * MINUTE });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase).toEqual({ kind: 'travel', round: 1, deadline: cafe.now + 3 * MINUTE });
    expect(cafe.state.roundsStarted).toBe(1);
    wait(cafe, MINUTE);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(roundPhase(cafe)).toMatchObject({ round: 1, paused: false });
    expect(cafe.state.roundsStarted).toBe(2);
  });

  it('R6 next round starts the next round at once when there is no travel time', () => {
    const cafe = createCafe({ travelMs: 0 });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(roundPhase(cafe)).toMatchObject({ round: 1, deadline: cafe.now + 20 * MINUTE });
  });

  it('R6 next round after the last round opens the harvest, and then there is no more', () => {
    const cafe = createCafe({ travelMs: 0 });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(roundPhase(cafe).round).toBe(2);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase).toEqual({ kind: 'harvest' });
    expect(cafe.state.roundsStarted).toBe(3);
    refused(cafe, FACILITATOR, { type: 'nextRound' }, 'NO_MORE_ROUNDS');
  });

  it('R6 next round from the lobby or setup starts round 0', () => {
    for (const open of [true, false]) {
      const cafe = createCafe();
      if (open) accepted(cafe, FACILITATOR, { type: 'openCafe' });
      accepted(cafe, FACILITATOR, { type: 'nextRound' });
      expect(roundPhase(cafe).round).toBe(0);
    }
  });

  it('R6 next round from travel to a round removed meanwhile opens the harvest instead of getting stuck', () => {
    const cafe = createCafe({ rounds: [{ question: 'One', durationMs: 20 * MINUTE }, { question: 'Two', durationMs: 20 * MINUTE }] });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'extendRound', ms: MINUTE }); // forgets the undo
    accepted(cafe, FACILITATOR, { type: 'removeRound', round: 1 });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase).toEqual({ kind: 'harvest' });
  });

  it('R7 undo of a mistaken next round restores the round exactly as it was', () => {
    const cafe = createCafe();
    startCafe(cafe);
    wait(cafe, 5 * MINUTE);
    const before = cafe.state.phase;
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase.kind).toBe('travel');
    expect(cafe.state.undo).toEqual(before);
    expect(cafe.state.phaseChangedAt).toBe(cafe.now);
    wait(cafe, 20 * SECOND);
    accepted(cafe, FACILITATOR, { type: 'undoNextRound' });
    expect(cafe.state.phaseChangedAt).toBe(cafe.now);
    expect(cafe.state.phase).toEqual(before);
    expect(cafe.state.undo).toBeNull();
    refused(cafe, FACILITATOR, { type: 'undoNextRound' }, 'NOTHING_TO_UNDO');
  });

  it('R7 undo restores a paused round with its time left, and undoes a start back to travel', () => {
    const cafe = createCafe();
    startCafe(cafe);
    wait(cafe, 2 * MINUTE);
    accepted(cafe, FACILITATOR, { type: 'pauseRound' });
    const paused = cafe.state.phase;
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, FACILITATOR, { type: 'undoNextRound' });
    expect(cafe.state.phase).toEqual(paused);
    accepted(cafe, FACILITATOR, { type: 'resumeRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    const travel = cafe.state.phase;
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, FACILITATOR, { type: 'undoNextRound' });
    expect(cafe.state.phase).toEqual(travel);
  });

  it('R7 undo is forgotten by pause, resume, extend and close, but kept by ideas and set-up', () => {
    const forgetting: Command[] = [{ type: 'pauseRound' }, { type: 'extendRound', ms: MINUTE }, { type: 'closeCafe' }];
    for (const command of forgetting) {
      const cafe = createCafe({ travelMs: 0 });
      startCafe(cafe);
      accepted(cafe, FACILITATOR, { type: 'nextRound' });
      expect(cafe.state.undo).not.toBeNull();
      accepted(cafe, FACILITATOR, command);
      expect(cafe.state.undo, command.type).toBeNull();
    }
    const cafe = createCafe({ travelMs: 0 });
    startCafe(cafe);
    expect(cafe.state.undo).toEqual({ kind: 'lobby' });
    accepted(cafe, FACILITATOR, { type: 'pauseRound' });
    accepted(cafe, FACILITATOR, { type: 'resumeRound' });
    expect(cafe.state.undo).toBeNull();
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    accepted(cafe, hostOf('1'), addIdea('idea-kept-undo', '1', 1));
    accepted(cafe, FACILITATOR, { type: 'addTable', tableId: '9', name: 'Garden' });
    accepted(cafe, FACILITATOR, { type: 'broadcast', text: 'Coffee is ready' });
    accepted(cafe, FACILITATOR, { type: 'undoNextRound' });
    expect(roundPhase(cafe).round).toBe(0);
  });

  it('R8 roundsStarted is a high-water mark that undo does not lower', () => {
    const cafe = createCafe({ travelMs: 0 });
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.roundsStarted).toBe(2);
    accepted(cafe, FACILITATOR, { type: 'undoNextRound' });
    expect(roundPhase(cafe).round).toBe(0);
    expect(cafe.state.roundsStarted).toBe(2);
    // A note typed in the undone round is still accepted (late), and the round is fixed.
    const entry = accepted(cafe, hostOf('2'), addIdea('idea-undone-r1', '2', 1));
    expect(entry.event).toMatchObject({ type: 'ideaAdded', idea: { round: 1, late: true } });
    refused(cafe, FACILITATOR, { type: 'editRound', round: 1, question: 'Another' }, 'ROUND_STARTED');
    refused(cafe, FACILITATOR, { type: 'removeRound', round: 1 }, 'ROUND_STARTED');
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.roundsStarted).toBe(2);
  });
});

describe('time without a timer', () => {
  it('R9 a round whose deadline has passed keeps running until the facilitator acts', () => {
    const cafe = createCafe();
    startCafe(cafe);
    const phase = roundPhase(cafe);
    wait(cafe, 3 * 60 * MINUTE);
    // Anything else that happens long after the deadline leaves the round as it was.
    accepted(cafe, hostOf('1'), addIdea('idea-overtime', '1', 0));
    expect(cafe.state.phase).toEqual(phase);
    expect(timeLeft(cafe.state.phase, cafe.now)).toBe(-(2 * 60 + 40) * MINUTE);
    expect(formatTimeLeft(timeLeft(cafe.state.phase, cafe.now)!)).toBe('\u2212160:00');
  });
});

describe('closing', () => {
  it('R12 close works from any phase and is final', () => {
    const cafe = createCafe();
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    expect(cafe.state.phase).toEqual({ kind: 'closed' });
    const running = createCafe();
    startCafe(running);
    accepted(running, FACILITATOR, { type: 'closeCafe' });
    const phaseCommands: Command[] = [
      { type: 'openCafe' }, { type: 'startRound' }, { type: 'pauseRound' }, { type: 'resumeRound' },
      { type: 'extendRound', ms: MINUTE }, { type: 'nextRound' }, { type: 'undoNextRound' }, { type: 'closeCafe' },
    ];
    for (const command of phaseCommands) refused(running, FACILITATOR, command, 'CAFE_CLOSED');
  });

  it('R12 once closed, ideas, seats, joins, profiles, broadcasts and set-up edits are refused', () => {
    const cafe = createCafe();
    startCafe(cafe);
    join(cafe, 'participant-ana', { tableId: '1' });
    accepted(cafe, hostOf('1'), addIdea('idea-before-close', '1', 0));
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    refused(cafe, hostOf('1'), addIdea('idea-after-close', '1', 0), 'CAFE_CLOSED');
    refused(cafe, 'participant-ana', addIdea('idea-after-close', '1', 0), 'CAFE_CLOSED');
    refused(cafe, hostOf('1'), { type: 'editIdea', ideaId: 'idea-before-close', text: 'x' }, 'CAFE_CLOSED');
    refused(cafe, hostOf('1'), { type: 'starIdea', ideaId: 'idea-before-close', starred: true }, 'CAFE_CLOSED');
    refused(cafe, hostOf('1'), { type: 'deleteIdea', ideaId: 'idea-before-close' }, 'CAFE_CLOSED');
    refused(cafe, 'participant-ana', { type: 'takeSeat', tableId: '2' }, 'CAFE_CLOSED');
    refused(cafe, 'participant-ana', { type: 'updateProfile', displayName: 'Ana' }, 'CAFE_CLOSED');
    refused(cafe, 'system', { type: 'join', participantId: 'participant-late', displayName: null, group: null, consent: { publish: false, showName: false }, tableId: null }, 'CAFE_CLOSED');
    refused(cafe, FACILITATOR, { type: 'broadcast', text: 'Thanks!' }, 'CAFE_CLOSED');
    refused(cafe, FACILITATOR, { type: 'editCafe', title: 'Renamed' }, 'CAFE_CLOSED');
    refused(cafe, FACILITATOR, { type: 'addRound', question: 'More?', durationMs: 10 * MINUTE }, 'CAFE_CLOSED');
    refused(cafe, FACILITATOR, { type: 'addTable', tableId: '7', name: 'Late table' }, 'CAFE_CLOSED');
    refused(cafe, FACILITATOR, { type: 'editTable', tableId: '1', enabled: false }, 'CAFE_CLOSED');
    // What stays possible: moderation and links.
    accepted(cafe, FACILITATOR, { type: 'hideIdea', ideaId: 'idea-before-close', hidden: true });
    accepted(cafe, FACILITATOR, { type: 'revokeLink', linkId: hostOf('1') });
    accepted(cafe, FACILITATOR, { type: 'issueLink', linkId: 'host-link-1-new', role: 'host', tableId: '1' });
  });
});

describe('setting up rounds', () => {
  it('R13 rounds not yet started can be added, edited and removed; started ones cannot', () => {
    const cafe = createCafe();
    accepted(cafe, FACILITATOR, { type: 'addRound', question: '  Anything else?  ', durationMs: 10 * MINUTE });
    expect(cafe.state.rounds).toHaveLength(4);
    expect(cafe.state.rounds[3]).toEqual({ question: 'Anything else?', tableQuestions: {}, durationMs: 10 * MINUTE, returnHome: false });
    startCafe(cafe);
    refused(cafe, FACILITATOR, { type: 'editRound', round: 0, durationMs: 30 * MINUTE }, 'ROUND_STARTED');
    refused(cafe, FACILITATOR, { type: 'removeRound', round: 0 }, 'ROUND_STARTED');
    accepted(cafe, FACILITATOR, { type: 'editRound', round: 1, durationMs: 25 * MINUTE });
    expect(cafe.state.rounds[1]).toMatchObject({ question: 'What stands in the way?', durationMs: 25 * MINUTE });
    accepted(cafe, FACILITATOR, { type: 'removeRound', round: 3 });
    expect(cafe.state.rounds).toHaveLength(3);
    refused(cafe, FACILITATOR, { type: 'editRound', round: 5, question: 'Nowhere' }, 'ROUND_NOT_FOUND');
    refused(cafe, FACILITATOR, { type: 'removeRound', round: 5 }, 'ROUND_NOT_FOUND');
  });

  it('R13 the only round cannot be removed', () => {
    const cafe = createCafe({ rounds: [{ question: 'Only one', durationMs: 20 * MINUTE }] });
    refused(cafe, FACILITATOR, { type: 'removeRound', round: 0 }, 'FORBIDDEN');
  });

  it('R13 per-table questions must name an existing table and are what that table sees in pie mode', () => {
    const cafe = createCafe({ mode: 'pie' });
    refused(cafe, FACILITATOR, { type: 'editRound', round: 0, tableQuestions: { '42': 'Lost?' } }, 'TABLE_NOT_FOUND');
    accepted(cafe, FACILITATOR, { type: 'editRound', round: 0, tableQuestions: { '2': ' Assessment? ', '3': '   ' } });
    expect(cafe.state.rounds[0]!.tableQuestions).toEqual({ '2': 'Assessment?' });
    expect(questionFor(cafe.state, 0, '2')).toBe('Assessment?');
    expect(questionFor(cafe.state, 0, '1')).toBe('What does a good school day feel like?');
    accepted(cafe, FACILITATOR, { type: 'editCafe', mode: 'single' });
    expect(questionFor(cafe.state, 0, '2')).toBe('What does a good school day feel like?');
    refused(cafe, FACILITATOR, { type: 'addRound', question: 'q'.repeat(501), durationMs: 10 * MINUTE }, 'TEXT_TOO_LONG');
  });

  it('R16 a change of round takes the broadcast down; a pause, a resume or an extension does not', () => {
    const cafe = createCafe();
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'broadcast', text: '12 minutes left' });
    const changed = cafe.state.phaseChangedAt;
    wait(cafe, MINUTE);
    for (const command of [{ type: 'pauseRound' }, { type: 'resumeRound' }, { type: 'extendRound', ms: MINUTE }] as const) {
      accepted(cafe, FACILITATOR, command);
      expect(cafe.state.broadcast?.text, command.type).toBe('12 minutes left');
      expect(cafe.state.phaseChangedAt, command.type).toBe(changed);
    }
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.broadcast).toBeNull();
    expect(cafe.state.phaseChangedAt).toBe(cafe.now);
    accepted(cafe, FACILITATOR, { type: 'broadcast', text: 'Find a new table' });
    accepted(cafe, FACILITATOR, { type: 'undoNextRound' });
    expect(cafe.state.broadcast).toBeNull();
  });

  it('R14 the broadcast is normalised, stamped with the server time, limited, and cleared by an empty text', () => {
    const cafe = createCafe();
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'broadcast', text: '  Five more minutes \u{1F514} ' });
    expect(cafe.state.broadcast).toEqual({ text: 'Five more minutes \u{1F514}', at: cafe.now });
    refused(cafe, FACILITATOR, { type: 'broadcast', text: 'x'.repeat(281) }, 'TEXT_TOO_LONG');
    accepted(cafe, FACILITATOR, { type: 'broadcast', text: '\u{1F514}'.repeat(280) });
    expect(cafe.state.broadcast?.text).toBe('\u{1F514}'.repeat(280));
    accepted(cafe, FACILITATOR, { type: 'broadcast', text: '   ' });
    expect(cafe.state.broadcast).toBeNull();
    refused(cafe, hostOf('1'), { type: 'broadcast', text: 'Hello' }, 'FORBIDDEN');
  });
});

describe('the phase machine under random use', () => {
  const phaseCommand: fc.Arbitrary<Command> = fc.oneof(
    fc.constant<Command>({ type: 'openCafe' }),
    fc.constant<Command>({ type: 'startRound' }),
    fc.constant<Command>({ type: 'pauseRound' }),
    fc.constant<Command>({ type: 'resumeRound' }),
    fc.integer({ min: 1, max: 60 }).map<Command>((m) => ({ type: 'extendRound', ms: m * MINUTE })),
    fc.constant<Command>({ type: 'nextRound' }),
    fc.constant<Command>({ type: 'nextRound' }),
    fc.constant<Command>({ type: 'undoNextRound' }),
    fc.constant<Command>({ type: 'closeCafe' }),
    fc.integer({ min: 0, max: 4 }).map<Command>((round) => ({ type: 'removeRound', round })),
    fc.constant<Command>({ type: 'addRound', question: 'One more', durationMs: 15 * MINUTE }),
  );

  function checkPhase(state: CafeState): void {
    const p = state.phase;
    expect(['setup', 'lobby', 'round', 'travel', 'harvest', 'closed']).toContain(p.kind);
    expect(state.roundsStarted).toBeGreaterThanOrEqual(0);
    if (p.kind === 'round') {
      expect(Number.isInteger(p.round)).toBe(true);
      expect(p.round).toBeGreaterThanOrEqual(0);
      expect(p.round).toBeLessThan(state.rounds.length);
      expect(state.roundsStarted).toBeGreaterThan(p.round);
      expect(Number.isFinite(p.deadline)).toBe(true);
      if (!p.paused) expect(p.remainingMs).toBe(0);
    }
    if (p.kind === 'travel') {
      expect(p.round).toBeGreaterThanOrEqual(1);
      // The travelled-to round exists, unless it was removed during travel (then "next" opens the harvest).
      expect(p.round).toBeLessThanOrEqual(state.rounds.length);
      expect(Number.isFinite(p.deadline)).toBe(true);
    }
    if (state.undo !== null) expect(['setup', 'lobby', 'round', 'travel']).toContain(state.undo.kind);
  }

  it('R1 R8 any sequence of phase commands keeps a valid phase and never lowers roundsStarted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(0, 2 * MINUTE, 5 * MINUTE),
        fc.array(fc.tuple(phaseCommand, fc.integer({ min: 0, max: 40 * MINUTE })), { maxLength: 60 }),
        (roundCount, travelMs, steps) => {
          const cafe = createCafe({
            travelMs,
            rounds: Array.from({ length: roundCount }, (_, i) => ({ question: `Question ${i + 1}`, durationMs: 20 * MINUTE })),
          });
          let high = cafe.state.roundsStarted;
          let wasClosed = false;
          for (const [command, dt] of steps) {
            wait(cafe, dt);
            const before = cafe.state;
            const result = attempt(cafe, FACILITATOR, command);
            if (!result.ok) expect(cafe.state).toBe(before);
            if (wasClosed) expect(result.ok).toBe(false);
            checkPhase(cafe.state);
            expect(cafe.state.roundsStarted).toBeGreaterThanOrEqual(high);
            high = cafe.state.roundsStarted;
            wasClosed = cafe.state.phase.kind === 'closed';
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
