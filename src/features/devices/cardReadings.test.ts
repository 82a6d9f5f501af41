import { describe, expect, it } from 'vitest';
import type { SwitchControl } from '../../core/device';
import { testDevice, testMetric } from '../../core/fixtures/devices';
import { diagnosticWord, isBatteryLow, sameCardFrame, sortCardReadings } from './cardReadings';

const relay = testMetric({ name: 'POWER', handle: 'switch', quantity: 'switch', unit: '', value: 1 });
const temperature = testMetric({ name: 'DS18B20.Temperature', handle: 'temperature', value: 21.5 });
const humidity = testMetric({
  name: 'AM2301.Humidity',
  handle: 'humidity',
  quantity: 'humidity',
  unit: '%',
  value: 40,
});
const power = testMetric({ name: 'ENERGY.Power', handle: 'power', quantity: 'power', unit: 'W', value: 8 });
const rssi = testMetric({
  name: 'Wifi.Signal',
  handle: 'rssi',
  quantity: 'rssi',
  unit: 'dBm',
  value: -67,
  diagnostic: true,
});
const battery = testMetric({
  name: 'battery',
  handle: 'battery',
  quantity: 'battery',
  unit: '%',
  value: 12,
  diagnostic: true,
});
const counter = testMetric({ name: 'boot_count', handle: 'boot_count', quantity: null, unit: '', value: 3 });

const relayControl: SwitchControl = {
  kind: 'switch',
  id: 'POWER',
  label: 'Relay',
  stateMetric: 'POWER',
  echoes: true,
  command: { format: 'plain', topic: 'cmnd/plug/POWER', on: 'ON', off: 'OFF', retain: false, qos: 0 },
};

function device(...metrics: ReturnType<typeof testMetric>[]) {
  return testDevice({
    id: 'tasmota/plug',
    nativeId: 'plug',
    convention: 'tasmota',
    metrics: new Map(metrics.map((m) => [m.name, m])),
    controls: [relayControl],
  });
}

describe('sortCardReadings', () => {
  it('shows a switch that has a control once, as the control', () => {
    const { rows } = sortCardReadings(device(relay, power), true);
    expect(rows.map((m) => m.name)).toEqual(['ENERGY.Power']);
  });

  it('shows the switch as a reading when the card shows no controls (read-only)', () => {
    const { rows } = sortCardReadings(device(relay, power), false);
    expect(rows.map((m) => m.name)).toEqual(['POWER', 'ENERGY.Power']);
  });

  it('puts diagnostics in the details line, not among the readings', () => {
    const { rows, diagnostics } = sortCardReadings(device(power, rssi, battery), true);
    expect(rows.map((m) => m.name)).toEqual(['ENERGY.Power']);
    expect(diagnostics.map((m) => m.name)).toEqual(['Wifi.Signal', 'battery']);
  });

  it('draws the first measurement quantity in trend order, whatever order readings arrived in', () => {
    expect(sortCardReadings(device(power, humidity, temperature), true).trend?.name).toBe(
      'DS18B20.Temperature',
    );
    expect(sortCardReadings(device(power, humidity), true).trend?.name).toBe('AM2301.Humidity');
  });

  it('never draws a switch, a diagnostic or a reading of no known quantity', () => {
    expect(sortCardReadings(device(relay, rssi, battery, counter), false).trend).toBeUndefined();
  });

  it('leads with the main reading the user chose, and draws it', () => {
    const chosen = { mainReading: 'ENERGY.Power', isHidden: () => false };
    const { rows, trend, main } = sortCardReadings(device(temperature, humidity, power), true, chosen);
    expect(rows.map((m) => m.name)).toEqual(['ENERGY.Power', 'DS18B20.Temperature', 'AM2301.Humidity']);
    expect(trend?.name).toBe('ENERGY.Power');
    expect(main?.name).toBe('ENERGY.Power');
  });

  it('keeps the trend of the other readings when the main reading is no measurement', () => {
    const chosen = { mainReading: 'boot_count', isHidden: () => false };
    const { rows, trend } = sortCardReadings(device(counter, humidity), true, chosen);
    expect(rows[0]?.name).toBe('boot_count');
    expect(trend?.name).toBe('AM2301.Humidity');
  });

  it('leaves hidden readings out of the rows, the details line and the trend', () => {
    const chosen = { isHidden: (name: string) => name === 'DS18B20.Temperature' || name === 'battery' };
    const { rows, diagnostics, trend } = sortCardReadings(
      device(temperature, humidity, battery),
      true,
      chosen,
    );
    expect(rows.map((m) => m.name)).toEqual(['AM2301.Humidity']);
    expect(diagnostics).toEqual([]);
    expect(trend?.name).toBe('AM2301.Humidity');
  });

  it('draws the first of two readings of one quantity', () => {
    const second = testMetric({ name: 'DS18B20-2.Temperature', handle: 'temperature_2', value: 19 });
    expect(sortCardReadings(device(temperature, second), true).trend?.name).toBe('DS18B20.Temperature');
  });
});

describe('isBatteryLow', () => {
  it('marks a battery at or under 15 %', () => {
    expect(isBatteryLow({ quantity: 'battery', value: 15 })).toBe(true);
    expect(isBatteryLow({ quantity: 'battery', value: 16 })).toBe(false);
  });

  it('marks nothing else, however low', () => {
    expect(isBatteryLow({ quantity: 'humidity', value: 5 })).toBe(false);
  });

  it('never marks a battery on external power (a USB-powered Shelly H&T says 0 %)', () => {
    expect(isBatteryLow({ quantity: 'battery', value: 0, externalPower: true })).toBe(false);
  });
});

describe('diagnosticWord', () => {
  it('calls a voltage a battery only when its label or name says battery', () => {
    expect(diagnosticWord({ quantity: 'voltage', name: 'battery_voltage' }, 'Voltage')).toBe('Battery');
    expect(diagnosticWord({ quantity: 'voltage', name: 'vbat', label: 'Battery voltage' }, 'x')).toBe(
      'Battery',
    );
    expect(diagnosticWord({ quantity: 'voltage', name: 'ENERGY.Voltage' }, 'Voltage')).toBe('Voltage');
  });

  it('uses the short words, else the label', () => {
    expect(diagnosticWord({ quantity: 'link_quality', name: 'linkquality' }, 'Link quality')).toBe('Link');
    expect(diagnosticWord({ quantity: null, name: 'wifi_ssid' }, 'wifi_ssid')).toBe('wifi_ssid');
  });
});

describe('sameCardFrame', () => {
  const temperature = testMetric({ name: 'Temperature', value: 21.5, quantity: 'temperature', unit: '°C' });
  const humidity = testMetric({ name: 'Humidity', value: 40, quantity: 'humidity', unit: '%' });
  const before = { ...device(temperature, humidity), lastSeenAt: 1000 };

  it('keeps the frame when only values and times move', () => {
    const after = {
      ...before,
      lastSeenAt: 2000,
      metrics: new Map([
        ['Temperature', { ...temperature, value: 22, receivedAt: 2000, sampleAt: 2000, retained: false }],
        ['Humidity', humidity],
      ]),
    };
    expect(sameCardFrame(before, after)).toBe(true);
  });

  it('draws the card again for a new reading, a reading that changed kind, a status or a name', () => {
    const pressure = testMetric({ name: 'Pressure', value: 1013, quantity: 'pressure', unit: 'hPa' });
    expect(sameCardFrame(before, device(temperature, humidity, pressure))).toBe(false);
    expect(sameCardFrame(before, device(humidity, temperature))).toBe(false);
    expect(
      sameCardFrame(before, {
        ...before,
        metrics: new Map([
          ['Temperature', { ...temperature, unit: '°F' }],
          ['Humidity', humidity],
        ]),
      }),
    ).toBe(false);
    expect(sameCardFrame(before, { ...before, status: 'offline' })).toBe(false);
    expect(sameCardFrame(before, { ...before, name: 'Kitchen plug' })).toBe(false);
    expect(sameCardFrame(before, { ...before, invalidCount: 1 })).toBe(false);
    expect(sameCardFrame(before, undefined)).toBe(false);
    expect(sameCardFrame(undefined, undefined)).toBe(true);
  });

  it('tells a device first heard from one only announced', () => {
    expect(sameCardFrame({ ...before, lastSeenAt: 0 }, before)).toBe(false);
  });
});
