import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDEA_TEXT_MAX, normalizeText, textLength, textProblem } from '../../shared/text.js';
import { accepted, attempt, createCafe, hostOf, startCafe } from '../helpers/cafe-factory.js';

describe('measuring text', () => {
  it('I1 text is normalised to NFC and trimmed', () => {
    expect(normalizeText('  Cafe\u0301 au lait \n')).toBe('Caf\u00e9 au lait');
    expect(normalizeText('\u00a0\u3000\tidea\u2003')).toBe('idea');
    expect(normalizeText('A\u030a')).toBe('\u00c5');
    expect(normalizeText('   ')).toBe('');
  });

  it('I1 length is counted in code points: an emoji is one, a decomposed letter is one after NFC', () => {
    expect(textLength('')).toBe(0);
    expect(textLength('abc')).toBe(3);
    expect('\u{1F600}'.length).toBe(2);
    expect(textLength('\u{1F600}')).toBe(1);
    expect(textLength('e\u0301')).toBe(2);
    expect(textLength(normalizeText('e\u0301'))).toBe(1);
    // A flag is two code points (regional indicators), as the limit counts them.
    expect(textLength('\u{1F1E9}\u{1F1EA}')).toBe(2);
  });

  it('I1 textProblem says empty or too long after normalisation', () => {
    expect(textProblem('', IDEA_TEXT_MAX)).toBe('TEXT_EMPTY');
    expect(textProblem(' \n\t ', IDEA_TEXT_MAX)).toBe('TEXT_EMPTY');
    expect(textProblem('x', IDEA_TEXT_MAX)).toBeNull();
    expect(textProblem('x'.repeat(1000), IDEA_TEXT_MAX)).toBeNull();
    expect(textProblem(`  ${'x'.repeat(1000)}  `, IDEA_TEXT_MAX)).toBeNull();
    expect(textProblem('x'.repeat(1001), IDEA_TEXT_MAX)).toBe('TEXT_TOO_LONG');
    expect(textProblem('\u{1F600}'.repeat(1000), IDEA_TEXT_MAX)).toBeNull();
    expect(textProblem('e\u0301'.repeat(1000), IDEA_TEXT_MAX)).toBeNull();
    expect(textProblem('', 280, 0)).toBeNull();
  });

  it('I1 any idea text is accepted exactly when its normalised length is 1 to 1000, and stored normalised', () => {
    const cafe = createCafe();
    startCafe(cafe);
    const base = cafe.state;
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom(' ', '\n', '\t', '\u00a0', '\u3000', 'e\u0301', '\u{1F600}', '\u200b', '\ufeff'),
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')),
      // Around the limit, with padding and decomposed letters that NFC shortens.
      fc.tuple(fc.integer({ min: 990, max: 1010 }), fc.constantFrom('x', '\u{1F600}', 'e\u0301', 'ab'), fc.constantFrom('', '  ', '\n ')).map(
        ([n, unit, pad]) => pad + unit.repeat(n) + pad,
      ),
    );
    let n = 0;
    fc.assert(
      fc.property(text, (raw) => {
        cafe.state = base;
        const expected = textLength(normalizeText(raw));
        const result = attempt(cafe, hostOf('1'), { type: 'addIdea', ideaId: `idea-text-${n++}`, tableId: '1', round: 0, text: raw });
        const acceptable = expected >= 1 && expected <= IDEA_TEXT_MAX;
        expect(result.ok).toBe(acceptable);
        if (result.ok) {
          expect(result.entry.event).toMatchObject({ type: 'ideaAdded', idea: { text: normalizeText(raw) } });
        } else {
          expect(result.code).toBe(expected < 1 ? 'TEXT_EMPTY' : 'TEXT_TOO_LONG');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('I1 an edit is held to the same limits and stores the normalised text', () => {
    const cafe = createCafe();
    startCafe(cafe);
    accepted(cafe, hostOf('1'), { type: 'addIdea', ideaId: 'idea-edit-me', tableId: '1', round: 0, text: 'first' });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (raw) => {
        const before = cafe.state;
        const result = attempt(cafe, hostOf('1'), { type: 'editIdea', ideaId: 'idea-edit-me', text: raw });
        const n = textLength(normalizeText(raw));
        expect(result.ok).toBe(n >= 1);
        if (result.ok) expect(result.state.ideas['idea-edit-me']!.text).toBe(normalizeText(raw));
        cafe.state = before;
      }),
      { numRuns: 200 },
    );
  });
});
