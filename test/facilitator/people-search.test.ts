/**
 * The console's search over a café's people (issue 6): by the first digits of their number or by
 * words of their name, case and accents aside, at most a page of them, in number order.
 */
import { describe, expect, it } from 'vitest';
import { findPeople, peopleByNumber } from '../../client/src/facilitator/people-search.js';
import { accepted, createCafe, FACILITATOR, join } from '../helpers/cafe-factory.js';

function people() {
  const cafe = createCafe();
  const names = ['Anna Weiß', 'Ben', null, 'Zoë Brandt', 'Björn Weiss'];
  for (let i = 0; i < 14; i++) join(cafe, `participant-${String(i).padStart(2, '0')}`, { displayName: names[i] ?? null });
  accepted(cafe, FACILITATOR, { type: 'addParticipant', participantId: 'paper-erika', displayName: 'Erika' });
  return peopleByNumber(cafe.state.participants);
}

describe('finding people in the console', () => {
  it('lists everyone by number when nothing is typed, a page at most, and says how many matched', () => {
    const found = findPeople(people(), '  ', 10);
    expect(found.shown.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(found.matched).toBe(15);
  });

  it('finds numbers by their first digits, written plainly, as "No. 1" or "#1"', () => {
    const all = people();
    for (const q of ['1', 'No. 1', 'no1', '#1', 'Nr. 1']) expect(findPeople(all, q, 50).shown.map((p) => p.number), q).toEqual([1, 10, 11, 12, 13, 14, 15]);
    expect(findPeople(all, '15', 50).shown.map((p) => p.displayName)).toEqual(['Erika']);
    expect(findPeople(all, '16', 50).matched).toBe(0);
  });

  it('finds names by any part, case and accents aside; people without a name are not found by name', () => {
    const all = people();
    expect(findPeople(all, 'WEISS', 50).shown.map((p) => p.displayName)).toEqual(['Björn Weiss']);
    expect(findPeople(all, 'weiß', 50).shown.map((p) => p.displayName)).toEqual(['Anna Weiß']);
    expect(findPeople(all, 'ZOE', 50).shown.map((p) => p.number)).toEqual([4]);
    expect(findPeople(all, 'bjorn', 50).shown.map((p) => p.number)).toEqual([5]);
    expect(findPeople(all, 'erika', 50).shown.map((p) => p.number)).toEqual([15]);
  });
});
