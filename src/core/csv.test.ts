import { describe, expect, it } from 'vitest';
import { readingsCsv, toCsv } from './csv';
import { chartDevice, fleetOf } from './fixtures/chartFleet';
import { METRIC_PREFERENCES } from './quantity';

describe('toCsv', () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['device', 'value'], [['kitchen', 21.5]])).toBe('device,value\r\nkitchen,21.5\r\n');
  });
  it('quotes commas, quotes and line breaks', () => {
    expect(toCsv(['d'], [['a,"b"\nc']])).toBe('d\r\n"a,""b""\nc"\r\n');
  });
  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv(['d'], [['=HYPERLINK("x")'], ['@SUM(A1)'], ['-2+3']])).toBe(
      'd\r\n"\'=HYPERLINK(""x"")"\r\n\'@SUM(A1)\r\n\'-2+3\r\n',
    );
  });
  it('leaves a negative number as it is: it is no formula', () => {
    expect(toCsv(['v'], [['-2.5']])).toBe('v\r\n-2.5\r\n');
  });
  it('leaves non-finite numbers empty', () => {
    expect(toCsv(['v'], [[Number.NaN]])).toBe('v\r\n\r\n');
  });
});

describe('readingsCsv', () => {
  const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
  const window = { fromMs: NOW - 300_000, toMs: NOW, buckets: 2000, gapMs: 60_000 };

  it('keys devices by native id and convention, readings by native name and quantity', () => {
    const fleet = fleetOf([
      chartDevice('generic', 'kitchen', [{ name: 'temperature', samples: [[NOW - 1000, 21.85]] }]),
      chartDevice('tasmota', 'kitchen', [
        { name: 'DS18B20.Temperature', source: 'DS18B20', samples: [[NOW - 1000, 20]] },
      ]),
    ]);
    expect(readingsCsv(fleet, fleet.ids, { ...window, units: METRIC_PREFERENCES })).toBe(
      'device,convention,reading,quantity,time,value,unit\r\n' +
        'kitchen,generic,temperature,temperature,2026-11-25T11:59:59.000Z,21.85,°C\r\n' +
        'kitchen,tasmota,DS18B20.Temperature,temperature,2026-11-25T11:59:59.000Z,20.0,°C\r\n',
    );
  });

  it('writes values in the displayed unit with its decimals', () => {
    const fleet = fleetOf([
      chartDevice('zigbee2mqtt', 'bedroom', [{ name: 'temperature', samples: [[NOW - 1000, 20]] }]),
    ]);
    const csv = readingsCsv(fleet, fleet.ids, { ...window, units: { system: 'imperial', perQuantity: {} } });
    expect(csv.split('\r\n')[1]).toBe(
      'bedroom,zigbee2mqtt,temperature,temperature,2026-11-25T11:59:59.000Z,68.0,°F',
    );
  });

  it('writes states as their words, and readings of no known quantity as sent', () => {
    const fleet = fleetOf([
      chartDevice('tasmota', 'plug', [
        {
          name: 'POWER',
          quantity: 'switch',
          unit: '',
          samples: [
            [NOW - 2000, 1],
            [NOW - 1000, 0],
          ],
        },
        { name: 'flow', quantity: null, unit: 'L/min', decimals: 2, samples: [[NOW - 1000, -3.5]] },
      ]),
    ]);
    const rows = readingsCsv(fleet, fleet.ids, { ...window, units: METRIC_PREFERENCES })
      .trim()
      .split('\r\n')
      .slice(1)
      .map((row) => row.split(',').slice(2));
    expect(rows).toEqual([
      ['POWER', 'switch', '2026-11-25T11:59:58.000Z', 'On', ''],
      ['POWER', 'switch', '2026-11-25T11:59:59.000Z', 'Off', ''],
      ['flow', '', '2026-11-25T11:59:59.000Z', '-3.50', 'L/min'],
    ]);
  });

  it('writes a state’s samples, not the value a chart holds across the window', () => {
    const fleet = fleetOf([
      chartDevice('tasmota', 'plug', [
        { name: 'POWER', quantity: 'switch', unit: '', samples: [[NOW - 600_000, 1]] },
        { name: 'Voltage', quantity: 'voltage', unit: 'V', samples: [[NOW - 1000, 230]] },
      ]),
    ]);
    expect(readingsCsv(fleet, fleet.ids, { ...window, units: METRIC_PREFERENCES })).not.toContain('POWER');
  });

  it('writes long device names whole', () => {
    const name = 'a-very-long-device-name-that-a-legend-would-clip-with-an-ellipsis-somewhere';
    const fleet = fleetOf([
      chartDevice('homie', name, [{ name: 'sensor/temperature', samples: [[NOW - 1000, 20]] }]),
    ]);
    expect(readingsCsv(fleet, fleet.ids, { ...window, units: METRIC_PREFERENCES })).toContain(
      `\r\n${name},homie,`,
    );
  });
});
