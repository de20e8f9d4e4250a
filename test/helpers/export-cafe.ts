/**
 * A harvested café for export-job tests, built through the real reducer (test/helpers/cafe-factory):
 * N tables × R rounds, each table host noting ideas every round, then one theme per table and
 * round in the harvest. `storeCafe` writes its log to a real store, as the sequencer would have.
 */
import type { LogEntry } from '../../shared/domain/events.js';
import type { CafeStore } from '../../server/store/store.js';
import { accepted, addIdea, createCafe, FACILITATOR, hostOf, MINUTE, type TestCafe } from './cafe-factory.js';

export const QUESTIONS = ['Was macht Lernen bedeutsam?', 'What would we change first?', 'Was tust du am Montag?'];

/** The id of the theme of one table and round; its seed thread is `theme-<this>`. */
export const themeId = (round: number, table: number): string => `theme-r${round}-t${String(table).padStart(2, '0')}`;
/** A word that survives every exporter's escaping, to find an idea in what was sent. */
export const marker = (round: number, table: number, i: number): string => `Marker${round}x${table}x${i}`;

export function harvestedCafe(options: { tables: number; rounds: number; ideasPerTable?: number }): TestCafe {
  const perTable = options.ideasPerTable ?? 2;
  const cafe = createCafe({
    title: 'Netzwerktreffen Schule von morgen',
    travelMs: 0,
    tables: options.tables,
    rounds: Array.from({ length: options.rounds }, (_, r) => ({ question: QUESTIONS[r % QUESTIONS.length]!, durationMs: 20 * MINUTE })),
  });
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  accepted(cafe, FACILITATOR, { type: 'startRound' });
  const noted = new Set<number>();
  for (let guard = 0; cafe.state.phase.kind !== 'harvest'; guard++) {
    if (guard > 10 * options.rounds) throw new Error(`the café never reached the harvest: ${cafe.state.phase.kind}`);
    const phase = cafe.state.phase;
    if (phase.kind === 'round' && !noted.has(phase.round)) {
      noted.add(phase.round);
      for (let t = 1; t <= options.tables; t++) {
        for (let i = 0; i < perTable; i++) {
          const text = `${marker(phase.round, t, i)}: Schulentwicklung gemeinsam planen, Idee ${i + 1} von Tisch ${t}`;
          accepted(cafe, hostOf(String(t)), addIdea(`idea-r${phase.round}-t${t}-${i}`, String(t), phase.round, text));
        }
      }
    }
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
  }
  for (let r = 0; r < options.rounds; r++) {
    for (let t = 1; t <= options.tables; t++) {
      const ideaIds = Array.from({ length: perTable }, (_, i) => `idea-r${r}-t${t}-${i}`);
      accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: themeId(r, t), name: `Runde ${r + 1}, Tisch ${t}: gemeinsam planen`, ideaIds });
    }
  }
  return cafe;
}

const withoutSeq = ({ seq: _seq, ...entry }: LogEntry) => entry;

/** Writes what the store lacks of the café's log (all of it the first time). */
export async function storeCafe(store: CafeStore, cafe: TestCafe): Promise<void> {
  const cafeId = cafe.state.id;
  let head = await store.head(cafeId);
  if (head === 0) {
    const result = await store.createCafe({ cafeId, joinCode: cafe.state.joinCode, createdAt: cafe.log[0]!.at }, withoutSeq(cafe.log[0]!), []);
    if (result !== 'created') throw new Error(`createCafe: ${result}`);
    head = 1;
  }
  for (const entry of cafe.log.slice(head)) {
    const result = await store.append(cafeId, head, withoutSeq(entry));
    if (result.status !== 'appended') throw new Error(`append ${entry.seq}: ${result.status}`);
    head = result.seq;
  }
}
