/**
 * Random café operations for the reducer's property tests: who sends what, and how much time
 * passes before it. Many are refused (wrong actor, wrong phase, unknown idea): that is the point.
 */
import fc from 'fast-check';
import type { Command } from '../../shared/domain/commands.js';
import { accepted, createCafe, EVERYTHING, FACILITATOR, hostOf, join, MINUTE, NOTHING, startCafe, WALL, type TestCafe } from './cafe-factory.js';

/** Ana sits at table 1 for the whole café and shows her name; Ben moves around and shows nothing. */
export const ANA = 'participant-ana';
export const BEN = 'participant-ben';

export interface Step {
  actor: string;
  command: Command;
  /** Milliseconds that pass before the command arrives. */
  dt: number;
}

const ideaId = fc.constantFrom('idea-00', 'idea-01', 'idea-02', 'idea-03', 'idea-04', 'idea-05');
const tableId = fc.constantFrom('1', '2', '3');
const text = fc.oneof({ arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 5 }, { arbitrary: fc.constantFrom('', '  '), weight: 1 });
const ideaAuthor = fc.constantFrom(FACILITATOR, hostOf('1'), hostOf('2'), hostOf('3'), ANA, BEN);

const round = fc.constantFrom(0, 0, 0, 1, 2);
const addIdea = (tableId: fc.Arbitrary<string>): fc.Arbitrary<Command> =>
  fc.record({ type: fc.constant('addIdea' as const), ideaId, tableId, round, text });
const ideaChange: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('editIdea' as const), ideaId, text }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('starIdea' as const), ideaId, starred: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('deleteIdea' as const), ideaId }), weight: 1 },
);
const ideaCommand: fc.Arbitrary<Command> = fc.oneof({ arbitrary: addIdea(tableId), weight: 1 }, { arbitrary: ideaChange, weight: 1 });
/** Mostly someone writing at their own table, sometimes at another one. */
const ideaStep: fc.Arbitrary<Omit<Step, 'dt'>> = fc.oneof(
  {
    arbitrary: fc
      .constantFrom<[string, string]>([hostOf('1'), '1'], [hostOf('2'), '2'], [hostOf('3'), '3'], [ANA, '1'], [BEN, '2'], [FACILITATOR, '3'])
      .chain(([actor, table]) => fc.record({ actor: fc.constant(actor), command: addIdea(fc.constant(table)) })),
    weight: 4,
  },
  { arbitrary: fc.record({ actor: ideaAuthor, command: ideaCommand }), weight: 4 },
);

const facilitatorCommand: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('hideIdea' as const), ideaId, hidden: fc.boolean() }), weight: 6 },
  {
    arbitrary: fc.constantFrom<Command>(
      { type: 'nextRound' },
      { type: 'pauseRound' },
      { type: 'resumeRound' },
      { type: 'undoNextRound' },
      { type: 'extendRound', ms: MINUTE },
      { type: 'broadcast', text: 'Five more minutes' },
      { type: 'addTable', tableId: '4', name: 'Four' },
      { type: 'editTable', tableId: '3', enabled: false },
      { type: 'editTable', tableId: '3', enabled: true },
    ),
    weight: 2,
  },
);

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.tuple(ideaStep, fc.integer({ min: 0, max: 3 * MINUTE })).map(([s, dt]) => ({ ...s, dt })), weight: 6 },
  { arbitrary: fc.record({ actor: fc.constant(FACILITATOR), command: facilitatorCommand, dt: fc.integer({ min: 0, max: 10 * MINUTE }) }), weight: 3 },
  { arbitrary: fc.record({ actor: fc.constant(BEN), command: tableId.map<Command>((t) => ({ type: 'takeSeat', tableId: t })), dt: fc.constant(0) }), weight: 1 },
  {
    arbitrary: fc.record({
      actor: fc.constant(BEN),
      command: fc.boolean().map<Command>((showName) => ({ type: 'updateProfile', displayName: 'Ben', consent: { publish: true, showName } })),
      dt: fc.constant(0),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ actor: fc.constant(WALL), command: ideaCommand, dt: fc.constant(0) }), weight: 1 },
);

/** A run of café operations, with every idea text marked unique (see `marked`). */
export const steps: fc.Arbitrary<Step[]> = fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }).map((s) => marked(s));

/**
 * Makes every idea text unique (`⟦n⟧`, n the step's index) so a test can tell whose text leaked;
 * blank texts stay blank and are refused.
 */
export function marked(steps: Step[]): Step[] {
  return steps.map((s, i) => {
    const c = s.command;
    if ((c.type === 'addIdea' || c.type === 'editIdea') && c.text.trim() !== '') return { ...s, command: { ...c, text: `${c.text}\u27e6${i}\u27e7` } };
    return s;
  });
}

/** The unique marker `marked` put in a command's text, if any. */
export function markerOf(command: Command): string | null {
  if (command.type !== 'addIdea' && command.type !== 'editIdea') return null;
  return /\u27e6\d+\u27e7/.exec(command.text)?.[0] ?? null;
}

/** A running café (round 0) with Ana at table 1 and Ben at table 2. */
export function propertyCafe(): TestCafe {
  const cafe = createCafe({ travelMs: 2 * MINUTE });
  join(cafe, ANA, { tableId: '1', displayName: 'Ana', consent: EVERYTHING });
  join(cafe, BEN, { tableId: '2', displayName: 'Ben', consent: NOTHING });
  startCafe(cafe);
  accepted(cafe, FACILITATOR, { type: 'broadcast', text: 'Welcome' });
  return cafe;
}
