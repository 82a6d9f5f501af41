import { describe, expect, it } from 'vitest';
import type { Device } from './device';
import { applyDescription, applyRemoval, describeChanges, removeChanges } from './deviceDescription';
import { METRIC_DEFAULTS } from './fixtures/devices';
import type { Interpretation } from './interpretation';
import { createRing } from './ringBuffer';

function device(overrides: Partial<Device> = {}): Device {
  return {
    id: 'thermostat-1',
    nativeId: 'thermostat-1',
    convention: 'homie',
    metrics: new Map([
      [
        'sensor/temperature',
        {
          ...METRIC_DEFAULTS,
          handle: 'sensor/temperature',
          name: 'sensor/temperature',
          value: 21.5,
          unit: '',
          receivedAt: 1,
          sampleAt: 1,
          retained: true,
          history: createRing(2),
        },
      ],
    ]),
    availability: null,
    availabilityAt: 0,
    lastSeenAt: 1,
    liveSeen: false,
    invalidCount: 0,
    oversizeCount: 0,
    lastProblem: null,
    status: 'unknown',
    ...overrides,
  };
}

const describeUnit: Extract<Interpretation, { kind: 'describe' }> = {
  kind: 'describe',
  device: 'thermostat-1',
  convention: 'homie',
  description: { metrics: [{ metric: 'sensor/temperature', unit: '°C' }] },
};

describe('device descriptions', () => {
  it('merges a later attribute into what was announced before', () => {
    const draft = device();
    const label = {
      ...describeUnit,
      description: { metrics: [{ metric: 'sensor/temperature', label: 'Temperature' }] },
    };
    applyDescription(draft, label, 64);
    applyDescription(draft, describeUnit, 64);
    expect(draft.metricInfo?.get('sensor/temperature')).toEqual({
      metric: 'sensor/temperature',
      label: 'Temperature',
      unit: '°C',
    });
    expect(draft.metrics.get('sensor/temperature')).toMatchObject({
      unit: '°C',
      label: 'Temperature',
      value: 21.5,
    });
  });

  it('keeps the history of a relabelled metric', () => {
    const original = device();
    const draft = { ...original };
    applyDescription(draft, describeUnit, 64);
    expect(draft.metrics.get('sensor/temperature')?.history).toBe(
      original.metrics.get('sensor/temperature')?.history,
    );
  });

  it('replaces a control announced again under the same id and appends new ones', () => {
    const draft = device();
    const control = {
      kind: 'switch' as const,
      id: 'heater/power',
      label: 'Heating',
      stateMetric: 'heater/power',
      echoes: true,
      command: {
        format: 'plain' as const,
        topic: 'homie/thermostat-1/heater/power/set',
        on: 'true',
        off: 'false',
        retain: false,
        qos: 1 as const,
      },
    };
    applyDescription(draft, { ...describeUnit, description: { controls: [control] } }, 64);
    const renamed = {
      ...describeUnit,
      description: {
        controls: [
          { ...control, label: 'Heater' },
          { ...control, id: 'x' },
        ],
      },
    };
    applyDescription(draft, renamed, 64);
    expect(draft.controls?.map((c) => [c.id, c.label])).toEqual([
      ['heater/power', 'Heater'],
      ['x', 'Heating'],
    ]);
  });

  it('keeps at most as many descriptions and controls as a device may have metrics, saying so', () => {
    const draft = device();
    const metrics = ['a', 'b', 'c'].map((metric) => ({ metric, unit: 'W' }));
    applyDescription(draft, { ...describeUnit, description: { metrics } }, 2);
    expect([...(draft.metricInfo?.keys() ?? [])]).toEqual(['a', 'b']);
    expect(draft.lastProblem).toBe('more than 2 metrics announced: "c" is not described');
  });

  it('tells whether an announcement changes anything', () => {
    const draft = device();
    expect(describeChanges(draft, describeUnit)).toBe(true);
    applyDescription(draft, describeUnit, 64);
    expect(describeChanges(draft, describeUnit)).toBe(false);
    expect(describeChanges(draft, { ...describeUnit, description: { name: 'Thermostat' } })).toBe(true);
  });

  it('tells whether a removal changes anything, and removes', () => {
    const removal: Extract<Interpretation, { kind: 'remove' }> = {
      kind: 'remove',
      device: 'thermostat-1',
      convention: 'homie',
      metrics: ['sensor/temperature'],
      controls: [],
      wholeDevice: false,
    };
    const draft = device();
    expect(removeChanges(draft, removal)).toBe(true);
    applyRemoval(draft, removal);
    expect(draft.metrics.size).toBe(0);
    expect(removeChanges(draft, removal)).toBe(false);
  });
});
