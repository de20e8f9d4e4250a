import { describe, expect, it } from 'vitest';
import { evolve } from '../../shared/domain/evolve.js';
import { checkCommand } from '../../server/validation.js';
import { accepted, createCafe, FACILITATOR, hostOf, join, refused, startCafe } from '../helpers/cafe-factory.js';

describe('the invitation setting', () => {
  it('H16 invitations are on with a consent age of 16 by default; the facilitator switches both with editCafe', () => {
    const cafe = createCafe();
    expect([cafe.state.invitations, cafe.state.consentAge]).toEqual([true, 16]);
    accepted(cafe, FACILITATOR, { type: 'editCafe', consentAge: 18 });
    expect([cafe.state.invitations, cafe.state.consentAge]).toEqual([true, 18]);
    accepted(cafe, FACILITATOR, { type: 'editCafe', invitations: false });
    expect([cafe.state.invitations, cafe.state.consentAge]).toEqual([false, 18]);
    accepted(cafe, FACILITATOR, { type: 'editCafe', title: 'Renamed' });
    expect([cafe.state.invitations, cafe.state.consentAge]).toEqual([false, 18]);
  });

  it('H16 only the facilitator switches invitations', () => {
    const cafe = createCafe();
    startCafe(cafe);
    join(cafe, 'phone-1', { tableId: '1' });
    const phone = 'phone-1';
    refused(cafe, hostOf('1'), { type: 'editCafe', invitations: false }, 'FORBIDDEN');
    refused(cafe, phone, { type: 'editCafe', invitations: false }, 'FORBIDDEN');
    expect(cafe.state.invitations).toBe(true);
  });

  it('H16 after the café closed invitations can still be switched, the consent age no longer', () => {
    const cafe = createCafe();
    startCafe(cafe);
    accepted(cafe, FACILITATOR, { type: 'closeCafe' });
    accepted(cafe, FACILITATOR, { type: 'editCafe', invitations: false });
    expect(cafe.state.invitations).toBe(false);
    refused(cafe, FACILITATOR, { type: 'editCafe', consentAge: 13 }, 'CAFE_CLOSED');
    refused(cafe, FACILITATOR, { type: 'editCafe', invitations: true, title: 'Renamed' }, 'CAFE_CLOSED');
    expect([cafe.state.invitations, cafe.state.consentAge, cafe.state.title]).toEqual([false, 16, cafe.state.title]);
  });

  it('H16 a consent age outside 13–18 or not a whole number is refused by the schema', () => {
    for (const consentAge of [12, 19, 16.5, '16', null]) {
      expect(checkCommand({ type: 'editCafe', consentAge }).ok, String(consentAge)).toBe(false);
    }
    for (const consentAge of [13, 16, 18]) expect(checkCommand({ type: 'editCafe', consentAge }).ok).toBe(true);
  });

  it('H16 a café edit written before invitations existed leaves the setting as it was', () => {
    const cafe = createCafe();
    accepted(cafe, FACILITATOR, { type: 'editCafe', invitations: false, consentAge: 14 });
    const { title, language, stakeholderGroups, travelMs, mode, premoderation, chime, publishIdeas, harvestPage } = cafe.state;
    const old = evolve(cafe.state, {
      seq: cafe.state.seq + 1,
      opId: 'op-old-edit',
      actor: FACILITATOR,
      at: cafe.now,
      event: { type: 'cafeEdited', title, language, stakeholderGroups, travelMs, mode, premoderation, chime, publishIdeas, harvestPage },
    });
    expect([old.invitations, old.consentAge]).toEqual([false, 14]);
  });
});
