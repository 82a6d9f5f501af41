import { describe, expect, it } from 'vitest';
import {
  convert,
  displayUnit,
  fromDisplay,
  normalizeUnitSpelling,
  QUANTITIES,
  quantityOf,
  quantityOfName,
  quantityOfUnit,
  resolveReading,
  spanFromDisplay,
  stateWord,
  toDisplay,
  unitOf,
} from './quantity';

const quantity = (id: string) => {
  const found = quantityOf(id);
  if (found === undefined) throw new Error(`no quantity ${id}`);
  return found;
};

describe('the vocabulary', () => {
  it('has every quantity a home and a small building have, each with a name, a unit and a precision', () => {
    const ids = QUANTITIES.map((q) => q.id);
    for (const id of [
      'temperature',
      'humidity',
      'illuminance',
      'pressure',
      'power',
      'energy',
      'voltage',
      'current',
      'frequency',
      'power_factor',
      'co2',
      'voc',
      'pm25',
      'pm10',
      'battery',
      'rssi',
      'link_quality',
      'wind_speed',
      'rain',
      'distance',
      'moisture',
      'gas',
      'water',
      'switch',
      'contact',
      'motion',
      'occupancy',
      'presence',
      'leak',
      'smoke',
    ]) {
      expect(ids).toContain(id);
    }
    for (const q of QUANTITIES) {
      expect(q.name.length).toBeGreaterThan(0);
      expect(q.units[0]?.symbol).toBe(q.unit);
      expect(Number.isInteger(q.precision)).toBe(true);
    }
  });

  it('aggregates measurements by mean, states by last value and counters by increase', () => {
    expect(quantity('temperature').aggregation).toBe('mean');
    expect(quantity('switch').aggregation).toBe('last');
    expect(quantity('energy').aggregation).toBe('increase');
  });

  it('marks link quality, signal strength and battery as diagnostic, temperature not', () => {
    expect(quantity('link_quality').diagnostic).toBe(true);
    expect(quantity('rssi').diagnostic).toBe(true);
    expect(quantity('battery').diagnostic).toBe(true);
    expect(quantity('temperature').diagnostic).toBe(false);
  });

  it('knows nothing of prototype members', () => {
    expect(quantityOf('__proto__')).toBeUndefined();
    expect(quantityOfName('constructor')).toBeNull();
    expect(normalizeUnitSpelling('toString')).toBeNull();
  });
});

describe('unit spellings met in the wild', () => {
  it.each([
    ['°C', '°C'],
    ['ºC', '°C'],
    ['C', '°C'],
    ['degC', '°C'],
    ['°F', '°F'],
    ['F', '°F'],
    ['lx', 'lx'],
    ['lux', 'lx'],
    ['LUX', 'lx'],
    ['hPa', 'hPa'],
    ['mbar', 'hPa'],
    ['kWh', 'kWh'],
    ['KWH', 'kWh'],
    ['Wh', 'Wh'],
    ['mV', 'mV'],
    [' % ', '%'],
  ])('reads %s as %s', (spelling, symbol) => {
    expect(normalizeUnitSpelling(spelling)).toBe(symbol);
  });

  it('knows no unit it has not met', () => {
    expect(normalizeUnitSpelling('bananas')).toBeNull();
  });

  it('does not read a size in MB (megabytes) as a pressure in millibars', () => {
    expect(normalizeUnitSpelling('MB')).toBeNull();
    expect(quantityOfUnit('MB')).toBeNull();
    expect(resolveReading({ name: 'value', value: 512, unit: 'MB' })).toEqual({
      quantity: null,
      value: 512,
      unit: 'MB',
    });
  });
});

describe('conversions', () => {
  it.each([
    ['temperature', 20, '°C', '°F', 68],
    ['temperature', 68, '°F', '°C', 20],
    ['temperature', 293.15, 'K', '°C', 20],
    ['energy', 1234, 'Wh', 'kWh', 1.234],
    ['energy', 1.234, 'kWh', 'Wh', 1234],
    ['voltage', 3000, 'mV', 'V', 3],
    ['pressure', 1013.25, 'mbar', 'hPa', 1013.25],
    ['pressure', 1013.25, 'hPa', 'inHg', 29.92],
    ['wind_speed', 10, 'm/s', 'km/h', 36],
    ['wind_speed', 100, 'km/h', 'mph', 62.14],
  ])('converts a %s of %d %s to %s', (id, value, from, to, expected) => {
    expect(convert(quantity(id), value, from, to)).toBeCloseTo(expected, 2);
  });

  it('converts there and back to the same value', () => {
    const temperature = quantity('temperature');
    const fahrenheit = convert(temperature, 21.37, '°C', '°F') ?? Number.NaN;
    expect(convert(temperature, fahrenheit, '°F', '°C')).toBeCloseTo(21.37, 10);
  });

  it('refuses a unit that is not the quantity’s', () => {
    expect(convert(quantity('temperature'), 1, 'kWh', '°C')).toBeNull();
    expect(unitOf(quantity('temperature'), 'lx')).toBeNull();
  });
});

describe('resolveReading', () => {
  it('takes the convention’s quantity first', () => {
    expect(resolveReading({ name: 'x', value: 21, unit: null, quantity: 'temperature' })).toEqual({
      quantity: 'temperature',
      value: 21,
      unit: '°C',
    });
  });

  it('infers the quantity from a unit that names one alone', () => {
    expect(resolveReading({ name: 'Probe', value: 68, unit: '°F' })).toMatchObject({
      quantity: 'temperature',
      unit: '°C',
    });
  });

  it.each([
    ['temp', 'temperature'],
    ['Temperature', 'temperature'],
    ['hum', 'humidity'],
    ['rh', 'humidity'],
    ['brightness', 'illuminance'],
    ['lux', 'illuminance'],
    ['illuminance_lux', 'illuminance'],
  ])('infers the quantity of a generic %s', (name, id) => {
    expect(quantityOfName(name)).toBe(id);
  });

  it('holds Wh as kWh', () => {
    expect(resolveReading({ name: 'aenergy', value: 1500, unit: 'Wh', quantity: 'energy' })).toEqual({
      quantity: 'energy',
      value: 1.5,
      unit: 'kWh',
    });
  });

  it('keeps a reading of no known quantity as it came', () => {
    expect(resolveReading({ name: 'fan_speed', value: 3, unit: 'rpm' })).toEqual({
      quantity: null,
      value: 3,
      unit: 'rpm',
    });
  });

  it('never converts a reading whose unit is unknown for its quantity', () => {
    expect(resolveReading({ name: 'temperature', value: 7, unit: 'bananas' })).toEqual({
      quantity: null,
      value: 7,
      unit: 'bananas',
    });
  });

  it('holds a link quality in the unit it came in: 0–255 and % are different scales', () => {
    expect(resolveReading({ name: 'Wifi.RSSI', value: 76, unit: '%', quantity: 'link_quality' })).toEqual({
      quantity: 'link_quality',
      value: 76,
      unit: '%',
    });
    expect(resolveReading({ name: 'linkquality', value: 120, unit: null, quantity: 'link_quality' })).toEqual(
      {
        quantity: 'link_quality',
        value: 120,
        unit: 'lqi',
      },
    );
  });

  it('names no quantity for units many share', () => {
    expect(quantityOfUnit('%')).toBeNull();
    expect(quantityOfUnit('µg/m³')).toBeNull();
  });

  it('keeps a reading in dB as one of no known quantity: a sound level is not a signal in dBm', () => {
    expect(quantityOfUnit('dB')).toBeNull();
    expect(resolveReading({ name: 'value', value: 60, unit: 'dB' })).toEqual({
      quantity: null,
      value: 60,
      unit: 'dB',
    });
  });

  it('does not take any reading in ppm for CO₂, but still knows a co2 by its name', () => {
    expect(quantityOfUnit('ppm')).toBeNull();
    expect(resolveReading({ name: 'carbon_monoxide', value: 9, unit: 'ppm' }).quantity).toBeNull();
    expect(resolveReading({ name: 'co2', value: 612, unit: 'ppm' })).toEqual({
      quantity: 'co2',
      value: 612,
      unit: 'ppm',
    });
  });
});

describe('display units', () => {
  it('shows the canonical unit under the metric system and the imperial one when asked', () => {
    const temperature = quantity('temperature');
    expect(displayUnit(temperature, { system: 'metric', perQuantity: {} }).symbol).toBe('°C');
    expect(displayUnit(temperature, { system: 'imperial', perQuantity: {} }).symbol).toBe('°F');
    expect(displayUnit(quantity('pressure'), { system: 'imperial', perQuantity: {} }).symbol).toBe('inHg');
  });

  it('lets a per-quantity choice win over the system', () => {
    const pressure = quantity('pressure');
    expect(displayUnit(pressure, { system: 'imperial', perQuantity: { pressure: 'mmHg' } }).symbol).toBe(
      'mmHg',
    );
  });

  it('falls back to the canonical unit for a choice the quantity has not', () => {
    expect(
      displayUnit(quantity('humidity'), { system: 'metric', perQuantity: { humidity: '°F' } }).symbol,
    ).toBe('%');
  });

  it('converts a limit typed in °F back, and a span without the offset', () => {
    const temperature = quantity('temperature');
    const fahrenheit = displayUnit(temperature, { system: 'imperial', perQuantity: {} });
    expect(toDisplay(temperature, 20, fahrenheit)).toBeCloseTo(68, 10);
    expect(fromDisplay(temperature, 82.4, fahrenheit)).toBeCloseTo(28, 10);
    expect(spanFromDisplay(temperature, 1.8, fahrenheit)).toBeCloseTo(1, 10);
  });
});

describe('states', () => {
  it.each([
    ['switch', 'Off', 'On'],
    ['contact', 'Closed', 'Open'],
    ['motion', 'Clear', 'Motion'],
    ['leak', 'Dry', 'Wet'],
    ['presence', 'Away', 'Home'],
  ])('shows a %s as %s and %s, never 0 and 1', (id, resting, active) => {
    expect(stateWord(quantity(id), 0)).toBe(resting);
    expect(stateWord(quantity(id), 1)).toBe(active);
  });
});
