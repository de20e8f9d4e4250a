/** The console's search over a café's people (issue 6): by number or name, at most a page of them, for cafés of 5,000. */
import type { Participant } from '../../../shared/domain/state.js';

export interface PeopleFound {
  /** The people shown, by number. */
  shown: Participant[];
  /** How many matched in all. */
  matched: number;
}

/** Everyone by number (the component keeps it while the participants record stays the same object). */
export function peopleByNumber(participants: Record<string, Participant>): Participant[] {
  return Object.values(participants).sort((a, b) => a.number - b.number);
}

/**
 * People whose number starts with the digits typed ("No. 4", "#4" and "4" find 4, 40–49, …) or
 * whose name holds the words typed, case and accents aside; everyone when nothing is typed.
 */
export function findPeople(everyone: Participant[], query: string, limit: number): PeopleFound {
  const q = fold(query.trim());
  const digits = /^(?:no\.?|nr\.?|#)?\s*(\d+)$/.exec(q)?.[1];
  const matches =
    q === ''
      ? everyone
      : everyone.filter((p) => (digits !== undefined ? String(p.number).startsWith(digits) : p.displayName !== null && fold(p.displayName).includes(q)));
  return { shown: matches.slice(0, limit), matched: matches.length };
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}
