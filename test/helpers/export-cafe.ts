/**
 * A harvested café for export-job tests, built through the real reducer (test/helpers/cafe-factory):
 * N tables × R rounds, each table host noting ideas every round, then one theme per table and
 * round in the harvest. `storeCafe` writes its log to a real store, as the sequencer would have.
 */
import type { LogEntry } from '../../shared/domain/events.js';
import type { CafeStore } from '../../server/store/store.js';
import { accepted, addIdea, createCafe, FACILITATOR, hostOf, join, MINUTE, type TestCafe } from './cafe-factory.js';

export const QUESTIONS = ['Was macht Lernen bedeutsam?', 'What would we change first?', 'Was tust du am Montag?'];

/** The id of the theme of one table and round; its seed thread is `theme-<this>`. */
export const themeId = (round: number, table: number): string => `theme-r${round}-t${String(table).padStart(2, '0')}`;
/** A word that survives every exporter's escaping, to find an idea in what was sent. */
export const marker = (round: number, table: number, i: number): string => `Marker${round}x${table}x${i}`;

/**
 * Participants' text that must stay inert on every target (issue 5, "Done when"); each points at
 * `evil.example` or sets `pwned`, so a check can find anything that came alive. The first idea of
 * a table and round starts with one of these (a CSV cell starting with = + - @ included).
 */
export const HOSTILE_IDEAS = [
  '<script>window.pwned = 1</script>',
  '<img src=x onerror="window.pwned = 1">',
  '[click me](https://evil.example/a) ![pic](https://evil.example/p.png) <a href="javascript:pwned()">x</a>',
  '@everyone @admin look at #hashtag #staff',
  'https://evil.example/onebox-me\n',
  '[quote]quoted[/quote] [url=https://evil.example]BBCode[/url]',
  '=HYPERLINK("https://evil.example","click")',
  '+1+2 plus',
  '-3-4 minus',
  '@SUM(A1:A2) at',
];
/** Display names, shown where the author opted in. */
export const HOSTILE_NAMES = ['<b onmouseover="pwned()">Eve</b>', '@everyone', '[Eve](https://evil.example/e)', '=cmd|Eve', '#Eve <script>pwned()</script>'];
/** Theme names (the seed threads' titles): some start with what a spreadsheet would run. */
export const HOSTILE_THEMES = ['<script>pwned()</script> #tag', '@everyone [quote]x[/quote]', '[a](https://evil.example/t) ![i](https://evil.example/i.png)', '<img src=x onerror=pwned()>', '=HYPERLINK("https://evil.example")', '+SUM(1)', '-1', '@cmd'];

export function harvestedCafe(options: { tables: number; rounds: number; ideasPerTable?: number; hostile?: boolean }): TestCafe {
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
        const k = phase.round * options.tables + t;
        const participant = `participant-r${phase.round}-t${t}`;
        if (options.hostile) join(cafe, participant, { tableId: String(t), displayName: `${HOSTILE_NAMES[k % HOSTILE_NAMES.length]} ${k}` });
        for (let i = 0; i < perTable; i++) {
          const plain = `${marker(phase.round, t, i)}: Schulentwicklung gemeinsam planen, Idee ${i + 1} von Tisch ${t}`;
          const text = options.hostile && i === 0 ? `${HOSTILE_IDEAS[k % HOSTILE_IDEAS.length]} ${plain}` : plain;
          const author = options.hostile && i === 0 ? participant : hostOf(String(t));
          accepted(cafe, author, addIdea(`idea-r${phase.round}-t${t}-${i}`, String(t), phase.round, text));
        }
        // The host's own words on the harvest card travel too (by table and by question): hostile where the ideas are.
        const insight = `Erkenntnis ${marker(phase.round, t, 9)}${options.hostile ? ` ${HOSTILE_IDEAS[(k + 1) % HOSTILE_IDEAS.length]}` : ''}`;
        accepted(cafe, hostOf(String(t)), { type: 'setHarvestCard', tableId: String(t), round: phase.round, insights: [{ text: insight }] });
      }
    }
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
  }
  for (let r = 0; r < options.rounds; r++) {
    for (let t = 1; t <= options.tables; t++) {
      const ideaIds = Array.from({ length: perTable }, (_, i) => `idea-r${r}-t${t}-${i}`);
      const name = options.hostile ? `${HOSTILE_THEMES[(r * options.tables + t) % HOSTILE_THEMES.length]} Runde ${r + 1}, Tisch ${t}` : `Runde ${r + 1}, Tisch ${t}: gemeinsam planen`;
      accepted(cafe, FACILITATOR, { type: 'createTheme', themeId: themeId(r, t), name, ideaIds });
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
