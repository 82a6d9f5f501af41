import { describe, expect, it } from 'vitest';
import { clipText, isClipped, NAME_SHOWN_MAX, replaceControlCharacters } from './clip';

describe('clipText', () => {
  it('leaves a name that fits as it is', () => {
    expect(clipText('Living room sensor')).toBe('Living room sensor');
    expect(clipText('x'.repeat(NAME_SHOWN_MAX))).toBe('x'.repeat(NAME_SHOWN_MAX));
  });

  it('cuts a 60,000-character friendly name to its first 200 characters and an ellipsis', () => {
    const name = 'Living room sensor '.repeat(3200).slice(0, 60_000);
    const shown = clipText(name);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(NAME_SHOWN_MAX + 1);
    expect(name.startsWith(shown.slice(0, -1))).toBe(true);
  });

  it('drops the spaces before the ellipsis', () => {
    expect(clipText('Hall way', 5)).toBe('Hall…');
  });

  it('never keeps half an emoji or a flag', () => {
    // A thumbs-up with a skin tone is 4 code units, a flag 4: a cut inside either drops it whole.
    expect(clipText('ab👍🏽cd', 4)).toBe('ab…');
    expect(clipText('🇩🇪🇫🇷', 6)).toBe('🇩🇪…');
  });

  it('keeps an accent with its letter', () => {
    // "e" followed by a combining acute accent is one letter of two code units.
    expect(clipText('Cafe\u0301 terrace', 4)).toBe('Caf…');
  });

  it('cuts one letter under thousands of combining marks between code points, so something shows', () => {
    const zalgo = `Z${'\u0301'.repeat(5000)}`;
    const shown = clipText(zalgo, 10);
    expect(shown).toBe(`Z${'\u0301'.repeat(9)}…`);
  });

  it('does not split a surrogate pair when it cuts between code points', () => {
    const shown = clipText(`😀${'\u0301'.repeat(50)}`, 1);
    expect(shown).toBe('…');
    expect(clipText(`a😀${'\u0301'.repeat(50)}`, 2)).toBe('a…');
  });
});

describe('isClipped', () => {
  it('tells whether the whole text is worth offering', () => {
    expect(isClipped('kitchen')).toBe(false);
    expect(isClipped('k'.repeat(NAME_SHOWN_MAX + 1))).toBe(true);
  });
});

describe('replaceControlCharacters', () => {
  it('replaces C0 and C1 control characters, and nothing else', () => {
    expect(replaceControlCharacters('a\nb\u0000c\u009fd é', '?')).toBe('a?b?c?d é');
  });
});
