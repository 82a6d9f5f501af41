import { describe, expect, it } from 'vitest';
import { readSensors } from './tasmotaSensors';

describe('Tasmota SENSOR fields', () => {
  it("reads a Tasmota32 chip's own temperature as a diagnostic device temperature", () => {
    const sensor = JSON.parse('{"Time":"2026-11-27T16:40:00","ESP32":{"Temperature":51.7},"TempUnit":"C"}');
    expect(readSensors(sensor)).toEqual([
      {
        metric: 'ESP32.Temperature',
        value: 51.7,
        unit: '°C',
        quantity: 'temperature',
        label: 'Device temperature',
        diagnostic: true,
      },
    ]);
  });

  it("leaves the room's probe as the one temperature of the house beside the chip's", () => {
    const sensor = JSON.parse(
      '{"Time":"2026-11-27T16:40:00","DS18B20":{"Id":"01144A0CB2AA","Temperature":21.4},"ESP32":{"Temperature":51.7},"TempUnit":"C"}',
    );
    const probe = readSensors(sensor).find((reading) => reading.metric === 'DS18B20.Temperature');
    expect(probe).toEqual({
      metric: 'DS18B20.Temperature',
      value: 21.4,
      unit: '°C',
      quantity: 'temperature',
    });
  });
});
