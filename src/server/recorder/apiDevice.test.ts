import { describe, expect, it } from 'vitest';
import { inbound } from '../../core/conventions/fixtures/message.ts';
import { SHELLY } from '../../core/conventions/fixtures/shelly.ts';
import { TASMOTA } from '../../core/conventions/fixtures/tasmota.ts';
import { interpretInbound } from '../../core/conventions/interpret.ts';
import { createConventionMemory } from '../../core/conventions/memory.ts';
import { EMPTY_FLEET } from '../../core/device.ts';
import { DEFAULT_FOLD_LIMITS, foldBatch } from '../../core/fold.ts';
import { deriveStatus } from '../../core/status.ts';
import { restoreDevice, toApiDevice } from './apiDevice.ts';

const AT = 1_700_000_000_000;

function plug() {
  const memory = createConventionMemory();
  const batch = [TASMOTA.status, TASMOTA.energy].map((fixture) =>
    interpretInbound(memory, inbound(fixture, AT)),
  );
  const fleet = foldBatch(EMPTY_FLEET, batch, {
    ...DEFAULT_FOLD_LIMITS,
    nowMs: AT,
    staleAfterMs: 60_000,
  }).fleet;
  const device = fleet.devices.get('tasmota/kitchen_plug');
  if (device === undefined) throw new Error('no plug');
  return device;
}

describe('a device as /api/devices answers it', () => {
  it('carries its identity, announced name and readings in canonical units', () => {
    const api = toApiDevice(plug());
    expect(api).toMatchObject({
      key: 'tasmota/kitchen_plug',
      id: 'kitchen_plug',
      convention: 'tasmota',
      name: 'Kitchen plug',
    });
    expect(api.readings.find((reading) => reading.handle === 'power')).toMatchObject({
      quantity: 'power',
      value: 8,
      unit: 'W',
    });
  });

  it('has a null name when its convention announced none', () => {
    const { name: _name, ...unnamed } = plug();
    expect(toApiDevice(unnamed).name).toBeNull();
  });

  it('says where the device is, and comes back after a restart in that place', () => {
    const placed = {
      ...plug(),
      place: { room: 'Kitchen', floor: 'Ground floor', source: 'announced' as const },
    };
    const saved = toApiDevice(placed);
    expect(saved.place).toEqual({ room: 'Kitchen', floor: 'Ground floor', source: 'announced' });
    expect(restoreDevice(saved, 2).place).toEqual(saved.place);
    expect(toApiDevice(plug())).not.toHaveProperty('place');
  });

  it('comes back after a restart with its readings and handles, unknown until heard', () => {
    const saved = toApiDevice({ ...plug(), status: 'online' });
    const restored = restoreDevice(saved, 2);
    expect(toApiDevice(restored)).toEqual({ ...saved, status: 'unknown', availability: null });
    expect(
      deriveStatus(restored, AT + 1000, 60_000, { spans: [], since: null, listeningSince: AT + 1000 }),
    ).toBe('unknown');
  });

  it('says a battery runs on external power, and still says so after a restart', () => {
    const memory = createConventionMemory();
    const fleet = foldBatch(EMPTY_FLEET, [interpretInbound(memory, inbound(SHELLY.batteryExternal, AT))], {
      ...DEFAULT_FOLD_LIMITS,
      nowMs: AT,
      staleAfterMs: 60_000,
    }).fleet;
    const sensor = fleet.devices.get('shelly/shellyplusht-c4d8d5551234');
    if (sensor === undefined) throw new Error('no sensor');
    const saved = toApiDevice(sensor);
    expect(saved.readings.find((reading) => reading.quantity === 'battery')).toMatchObject({
      value: 0,
      externalPower: true,
    });
    const restored = restoreDevice(saved, 2);
    expect(restored.metrics.get('devicepower:0 battery')?.externalPower).toBe(true);
    expect(toApiDevice(plug()).readings.some((reading) => 'externalPower' in reading)).toBe(false);
  });
});
