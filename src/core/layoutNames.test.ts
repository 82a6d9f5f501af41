import { describe, expect, it } from 'vitest';
import { checkName, idFromName, idProblem } from './layoutNames';

describe('idFromName', () => {
  it('keeps lower-case letters, digits and dashes, accents folded', () => {
    expect(idFromName('Café du Coin!', 'room', () => false)).toBe('cafe-du-coin');
  });

  it('numbers an id that is taken', () => {
    const taken = new Set(['hall', 'hall-2']);
    expect(idFromName('Hall', 'room', (id) => taken.has(id))).toBe('hall-3');
  });
});

describe('checkName', () => {
  it('counts an emoji as one character', () => {
    expect(checkName('🛁'.repeat(80))).toMatchObject({ ok: true });
    expect(checkName('🛁'.repeat(81))).toEqual({ ok: false, problem: 'is too long' });
  });

  it('refuses a line break inside a name', () => {
    expect(checkName('Hall\nway')).toEqual({ ok: false, problem: 'holds control characters' });
  });
});

describe('idProblem', () => {
  it('refuses the names every object already has', () => {
    expect(idProblem('__proto__')).toBe('is a reserved word');
    expect(idProblem('toString')).toBe('is a reserved word');
    expect(idProblem('tasmota/plug')).toBeNull();
  });
});
