import { describe, expect, it } from 'vitest';
import { roomMix } from '../../shared/domain/room-mix.js';
import { snapshotFor } from '../../shared/domain/visibility.js';
import { accepted, createCafe, FACILITATOR, join, type TestCafe } from '../helpers/cafe-factory.js';

/** Five people in the lobby: two teachers and a parent at table 1, a student and someone without a group at table 2. */
function seated(): TestCafe {
  const cafe = createCafe();
  accepted(cafe, FACILITATOR, { type: 'openCafe' });
  join(cafe, 'p-anna', { group: 'teachers', tableId: '1' });
  join(cafe, 'p-ben', { group: 'teachers', tableId: '1' });
  join(cafe, 'p-cem', { group: 'parents', tableId: '1' });
  join(cafe, 'p-dora', { group: 'students', tableId: '2' });
  join(cafe, 'p-emil', { tableId: '2' });
  return cafe;
}

describe('the room mix', () => {
  it('M12 counts people present by group, every group of the café listed, no group under the empty name', () => {
    const mix = roomMix(seated().state);
    expect(mix.round).toBe(0);
    expect(mix.present).toEqual({ teachers: 2, students: 1, parents: 1, '': 1 });
    expect(mix.left).toBe(0);
  });

  it('M12 lists a group no one is in with zero and leaves out the empty name when everyone has a group', () => {
    const cafe = createCafe();
    join(cafe, 'p-anna', { group: 'teachers' });
    expect(roomMix(cafe.state).present).toEqual({ teachers: 1, students: 0, parents: 0 });
  });

  it('M12 counts per table the people sitting there and their distinct named groups; empty tables count zero', () => {
    const mix = roomMix(seated().state);
    expect(mix.perTable['1']).toEqual({ people: 3, groups: 2, byGroup: { teachers: 2, parents: 1 } });
    expect(mix.perTable['2']).toEqual({ people: 2, groups: 1, byGroup: { students: 1, '': 1 } });
    expect(mix.perTable['3']).toEqual({ people: 0, groups: 0, byGroup: {} });
  });

  it('M12 leaves out people who left, counting them apart, and counts them again once they are back', () => {
    const cafe = seated();
    accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-cem', left: true });
    let mix = roomMix(cafe.state);
    expect(mix.left).toBe(1);
    expect(mix.present.parents).toBe(0);
    expect(mix.perTable['1']).toEqual({ people: 2, groups: 1, byGroup: { teachers: 2 } });
    accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-cem', left: false });
    mix = roomMix(cafe.state);
    expect(mix.left).toBe(0);
    expect(mix.perTable['1']!.groups).toBe(2);
  });

  it('M12 counts the round being seated: in travel time those who moved sit at their new table, the others still at their last one', () => {
    const cafe = seated();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, FACILITATOR, { type: 'nextRound' });
    expect(cafe.state.phase).toMatchObject({ kind: 'travel', round: 1 });
    accepted(cafe, 'p-anna', { type: 'takeSeat', tableId: '3' });
    accepted(cafe, 'p-dora', { type: 'takeSeat', tableId: '1' });
    const mix = roomMix(cafe.state);
    expect(mix.round).toBe(1);
    expect(mix.perTable['1']).toEqual({ people: 3, groups: 3, byGroup: { teachers: 1, parents: 1, students: 1 } });
    expect(mix.perTable['2']).toEqual({ people: 1, groups: 0, byGroup: { '': 1 } });
    expect(mix.perTable['3']).toEqual({ people: 1, groups: 1, byGroup: { teachers: 1 } });
  });

  it('M12 counts someone who moved twice in one round at the table they sit at last', () => {
    const cafe = seated();
    accepted(cafe, FACILITATOR, { type: 'startRound' });
    accepted(cafe, 'p-anna', { type: 'takeSeat', tableId: '2' });
    accepted(cafe, 'p-anna', { type: 'takeSeat', tableId: '3' });
    const mix = roomMix(cafe.state);
    expect(mix.perTable['2']!.people).toBe(2);
    expect(mix.perTable['3']).toEqual({ people: 1, groups: 1, byGroup: { teachers: 1 } });
  });

  it('M12 does not count a person not seated yet at any table, but counts them present', () => {
    const cafe = seated();
    join(cafe, 'p-finn', { group: 'parents' });
    const mix = roomMix(cafe.state);
    expect(mix.present.parents).toBe(2);
    expect(Object.values(mix.perTable).reduce((n, t) => n + t.people, 0)).toBe(5);
  });

  it('M12 gives the wall, which sees people by number only, the same figures as the facilitator', () => {
    const cafe = seated();
    accepted(cafe, FACILITATOR, { type: 'setLeft', participantId: 'p-ben', left: true });
    const wall = snapshotFor({ role: 'wall' }, cafe.state);
    expect(Object.keys(wall.participants)).toContain('#2');
    expect(roomMix(wall)).toEqual(roomMix(cafe.state));
  });

  it('M12 takes a group named like an Object property as any other name', () => {
    const cafe = createCafe({ stakeholderGroups: ['constructor', 'toString'] });
    accepted(cafe, FACILITATOR, { type: 'openCafe' });
    join(cafe, 'p-anna', { group: 'constructor', tableId: '1' });
    join(cafe, 'p-ben', { group: 'toString', tableId: '1' });
    const mix = roomMix(cafe.state);
    expect(mix.present).toEqual({ constructor: 1, toString: 1 });
    expect(mix.perTable['1']).toEqual({ people: 2, groups: 2, byGroup: { constructor: 1, toString: 1 } });
  });
});
