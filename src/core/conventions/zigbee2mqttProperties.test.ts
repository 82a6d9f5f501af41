import { describe, expect, it } from 'vitest';
import { LONE_ATTRIBUTE, payloadContext, readProperty } from './zigbee2mqttProperties';

describe('a Zigbee2MQTT voltage', () => {
  it('reads a lone 230 on zigbee2mqtt/Plug/voltage as the mains in volts', () => {
    expect(readProperty('voltage', 230, LONE_ATTRIBUTE)).toEqual({
      metric: 'voltage',
      value: 230,
      unit: 'V',
      quantity: 'voltage',
    });
  });

  it('reads a lone 3005 on zigbee2mqtt/Sensor/voltage as a battery in millivolts', () => {
    expect(readProperty('voltage', 3005, LONE_ATTRIBUTE)).toEqual({
      metric: 'voltage',
      value: 3005,
      unit: 'mV',
      quantity: 'voltage',
      diagnostic: true,
      label: 'Battery voltage',
    });
  });

  it('reads a voltage beside a battery as the battery in millivolts, whatever its size', () => {
    const state = JSON.parse('{"battery":100,"voltage":230,"linkquality":120}');
    expect(readProperty('voltage', 230, payloadContext(state))).toMatchObject({
      unit: 'mV',
      diagnostic: true,
      label: 'Battery voltage',
    });
  });
});
