/**
 * Seed threads for exporter tests: the harvest of a generated café (by default 45 tables ×
 * 3 rounds, one thread per table and round = 135 threads), with German and English text,
 * optional hostile text, and small JPEG "photos".
 */
import type { SeedThread } from '../../shared/harvest/seed-thread.js';

/** Text that must stay inert in every target: HTML, Markdown, Discourse and spreadsheet tricks. */
export const HOSTILE_TEXTS = [
  '<script>window.pwned = 1</script>',
  '<img src=x onerror="window.pwned = 1">',
  '[click me](javascript:alert(1)) **bold** _it_ `code`',
  '@admin @everyone please look #staff #announcements',
  'https://evil.example/onebox-me',
  '[url=https://evil.example]BBCode[/url] [quote]x[/quote]',
  '=HYPERLINK("https://evil.example","click")',
  '+1+2', '-3-4', '@SUM(A1:A2)',
  '\u202Egnp.exe\u202C and more text',
  '😀'.repeat(50),
];

/** A minimal valid JPEG (a 1×1 grey pixel), for photo uploads. */
export const TINY_JPEG = Uint8Array.from(
  Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
    'base64',
  ),
);

export interface ThreadOptions {
  tables?: number;
  rounds?: number;
  ideasPerThread?: number;
  hostile?: boolean;
  photos?: boolean;
  cafeId?: string;
}

export function generateThreads(options: ThreadOptions = {}): SeedThread[] {
  const tables = options.tables ?? 45;
  const rounds = options.rounds ?? 3;
  const perThread = options.ideasPerThread ?? 4;
  const cafeId = options.cafeId ?? 'cafe-export-test';
  const questions = ['Was macht Lernen bedeutsam?', 'What would we change first?', 'Was tust du am Montag?'];
  const groups = ['Lehrkräfte', 'Schüler:innen', 'Eltern', 'Verwaltung'];
  const threads: SeedThread[] = [];
  let n = 0;
  for (let round = 0; round < rounds; round++) {
    for (let t = 1; t <= tables; t++) {
      const ideas = Array.from({ length: perThread }, (_, i) => {
        n++;
        const hostile = options.hostile ? HOSTILE_TEXTS[n % HOSTILE_TEXTS.length]! : null;
        return {
          id: `idea-${round}-${t}-${i}`,
          text: hostile ?? `Idee ${n}: Schulentwicklungsprozess mit ${groups[i % groups.length]} gemeinsam planen`,
          author: i % 3 === 0 ? `Person ${n}` : null,
          group: groups[(t + i) % groups.length]!,
          tableName: `Tisch ${t}`,
          round,
          starred: i === 0,
        };
      });
      const contributed = groups.slice(0, 3).map((group) => ({ group, ideas: ideas.filter((i) => i.group === group).length }));
      threads.push({
        id: `table-${t}-round-${round}`,
        cafeId,
        cafeTitle: 'Netzwerktreffen Schule von morgen',
        title: `Runde ${round + 1}, Tisch ${t}: ${options.hostile ? HOSTILE_TEXTS[t % HOSTILE_TEXTS.length] : questions[round % questions.length]}`,
        questions: [{ round, text: questions[round % questions.length]! }],
        rounds: [round],
        tableNames: [`Tisch ${t}`],
        stakeholderMix: { contributed, missing: [groups[3]!] },
        votes: t % 5,
        ideas,
        // One key insight the host wrote, hostile where the ideas are: it must stay inert everywhere too.
        insights: [{ text: options.hostile ? `Erkenntnis: ${HOSTILE_TEXTS[(t + round) % HOSTILE_TEXTS.length]}` : `Erkenntnis von Tisch ${t}`, tableName: `Tisch ${t}`, round }],
        photos: options.photos ? [{ id: `photo-${round}-${t}`, caption: `Tischdecke von Tisch ${t}, Runde ${round + 1}`, contentType: 'image/jpeg', bytes: TINY_JPEG }] : [],
        invitation: 'Was würdest du ergänzen?',
        category: String(1 + (round % 3)),
        tags: ['weltcafe', `runde-${round + 1}`],
        language: 'de',
      });
    }
  }
  return threads;
}
