import { describe, expect, it } from 'vitest';
import {
  PRECISION_CHOICES_MAX,
  parsePrecisionChoices,
  parseUnitPreferences,
  parseUnitSystem,
  precisionKey,
  withPrecision,
} from './unitSettings';

describe('parseUnitSystem', () => {
  it('reads metric and imperial in any case', () => {
    expect(parseUnitSystem('imperial')).toBe('imperial');
    expect(parseUnitSystem(' Metric ')).toBe('metric');
  });

  it('names nothing else a unit system', () => {
    for (const bad of ['', 'us', 'si', 'imperial,metric']) expect(parseUnitSystem(bad)).toBeNull();
  });
});

describe('parseUnitPreferences', () => {
  it('keeps a unit a quantity has, written the way Hearth writes it', () => {
    expect(
      parseUnitPreferences({ system: 'imperial', perQuantity: { temperature: 'F', pressure: 'mbar' } }),
    ).toEqual({ system: 'imperial', perQuantity: { temperature: '°F', pressure: 'hPa' } });
  });

  it('drops a unit of another quantity, an unknown quantity and a quantity with one unit', () => {
    expect(
      parseUnitPreferences({
        system: 'metric',
        perQuantity: { temperature: 'hPa', bananas: 'kg', humidity: '%', wind_speed: 'mph' },
      }),
    ).toEqual({ system: 'metric', perQuantity: { wind_speed: 'mph' } });
  });

  it('falls back to metric for a system it does not know', () => {
    expect(parseUnitPreferences({ system: 'nautical' })).toEqual({ system: 'metric', perQuantity: {} });
  });

  it('reads nothing from a value that is not an object', () => {
    for (const bad of [null, 'imperial', 3, []]) expect(parseUnitPreferences(bad)).toBeNull();
  });
});

describe('parsePrecisionChoices', () => {
  const key = precisionKey('tasmota/kitchen', 'DS18B20-2.Temperature');

  it('keeps whole numbers of decimals from 0 to 6 under reading keys', () => {
    expect(parsePrecisionChoices({ [key]: 2 })).toEqual({ [key]: 2 });
  });

  it('drops negative, fractional, too large and non-number choices, and keys that name no reading', () => {
    expect(
      parsePrecisionChoices({ [key]: -1, [`${key}x`]: 1.5, [`${key}y`]: 9, [`${key}z`]: '2', plain: 1 }),
    ).toEqual({});
  });

  it('keeps at most a bounded number of choices', () => {
    const many = Object.fromEntries(
      Array.from({ length: PRECISION_CHOICES_MAX + 10 }, (_, i) => [precisionKey('generic/d', `m${i}`), 1]),
    );
    expect(Object.keys(parsePrecisionChoices(many) ?? {})).toHaveLength(PRECISION_CHOICES_MAX);
  });
});

describe('precisionKey', () => {
  it('tells a generic kitchen from a Tasmota one', () => {
    expect(precisionKey('generic/kitchen', 'temperature')).not.toBe(
      precisionKey('tasmota/kitchen', 'temperature'),
    );
  });
});

describe('withPrecision', () => {
  it('sets a choice without changing the choices it was given', () => {
    const before = { a: 1 };
    expect(withPrecision(before, 'b', 2)).toEqual({ a: 1, b: 2 });
    expect(before).toEqual({ a: 1 });
  });

  it('goes back to automatic when the choice is null', () => {
    expect(withPrecision({ a: 1, b: 2 }, 'a', null)).toEqual({ b: 2 });
  });
});
