import { beforeEach, describe, expect, it } from 'vitest';
import { HOMESEER } from './fixtures/homeseer';
import { inbound } from './fixtures/message';
import { homeseerDeviceOf, homeseerName, homeseerPlace, interpretHomeseer } from './homeseer';
import { homeseerMeaningOf } from './homeseerNames';
import { type ConventionMemory, createConventionMemory } from './memory';

let memory: ConventionMemory;
beforeEach(() => {
  memory = createConventionMemory();
});
const read = (fixture: { topic: string; payload: string }) => interpretHomeseer(memory, inbound(fixture));

describe('HomeSeer mcsMQTT', () => {
  it('groups a location into one device, named once, with the HomeSeer device as its metric', () => {
    expect(read(HOMESEER.temperature)).toEqual({
      kind: 'multiple',
      meanings: [
        {
          kind: 'describe',
          device: 'Thermostat/HVAC',
          convention: 'homeseer',
          description: { name: 'Thermostat · HVAC', place: { room: 'HVAC', floor: 'Thermostat' } },
        },
        {
          kind: 'readings',
          device: 'Thermostat/HVAC',
          readings: [
            { metric: 'Temperature', value: 21.5, unit: null, label: 'Temperature', quantity: 'temperature' },
          ],
          sampleAt: null,
          convention: 'homeseer',
        },
      ],
    });
    expect(read(HOMESEER.heatingSetpoint)).toMatchObject({
      kind: 'readings',
      readings: [{ metric: 'Heating_Setpoint', value: 20, label: 'Heating Setpoint' }],
    });
  });

  it('reads On/Off status text as 1/0, a light as a switch', () => {
    expect(read(HOMESEER.switchStatus)).toMatchObject({
      meanings: [{}, { readings: [{ value: 1, unit: '', quantity: 'switch' }] }],
    });
  });

  it('reads the value of a state device as 1 or 0: a light at 100, or dimmed, is on', () => {
    expect(read({ topic: 'HS4-PC/mcsMQTT/Main_Floor/kitchen/Light', payload: '100' })).toMatchObject({
      meanings: [{}, { readings: [{ metric: 'Light', value: 1, quantity: 'switch' }] }],
    });
    expect(read(HOMESEER.dimmer)).toMatchObject({ meanings: [{}, { readings: [{ value: 1 }] }] });
    expect(read({ topic: 'HS4-PC/mcsMQTT/Main_Floor/kitchen/Light', payload: '0' })).toMatchObject({
      readings: [{ value: 0 }],
    });
  });

  it('reads the status text of a state device as its state', () => {
    read(HOMESEER.doorStatus);
    expect(read({ ...HOMESEER.doorStatus, payload: 'Closed' })).toMatchObject({
      readings: [{ metric: 'Front_Door', value: 0, quantity: 'contact' }],
    });
    expect(read(HOMESEER.doorStatus)).toMatchObject({ readings: [{ value: 1 }] });
  });

  it.each([
    [HOMESEER.temperature, 'temperature', null],
    [HOMESEER.heatingSetpoint, undefined, null],
    [HOMESEER.dimmer, 'switch', null],
    [HOMESEER.luminance, 'illuminance', 'lx'],
    [HOMESEER.watts, 'power', 'W'],
    [HOMESEER.kwh, 'energy', 'kWh'],
    [HOMESEER.humidity, 'humidity', null],
    [HOMESEER.motion, 'motion', null],
  ])('maps the fixture on %# to %s in %s', (fixture, quantity, unit) => {
    const meaning = read(fixture);
    const parts = meaning?.kind === 'multiple' ? meaning.meanings : meaning === null ? [] : [meaning];
    const [reading] = parts.flatMap((part) => (part.kind === 'readings' ? part.readings : []));
    expect([reading?.quantity, reading?.unit]).toEqual([quantity, unit]);
  });

  it.each([
    ['Outdoor_Temperature', 'temperature'],
    ['Motion_Sensor', 'motion'],
    ['Light_Level', 'illuminance'],
    ['Water_Leak', 'leak'],
    ['Kitchen_Light_1', 'switch'],
    ['Back_Door_Lock', null],
    ['Heating_Setpoint', null],
  ])('reads the name %s as %s', (name, quantity) => {
    expect(homeseerMeaningOf(name)?.quantity ?? null).toBe(quantity);
  });

  it('says how to chart a device that publishes its status text', () => {
    expect(read(HOMESEER.lockStatus)).toEqual({
      kind: 'ignored',
      reason: 'Back Door Lock reports the text "Locked"; publish $$VALUE: in mcsMQTT to chart it',
      device: 'Living_Room/Access_Control',
      convention: 'homeseer',
    });
  });

  it('ignores control topics', () => {
    expect(read(HOMESEER.control)).toEqual({ kind: 'ignored', reason: 'a control message to HomeSeer' });
  });

  it('finds the mcsMQTT level wherever the prefix puts it', () => {
    expect(homeseerDeviceOf('Homeseer/Chip23/mcsMQTT/Kitchen/Lighting/Kitchen_Light_2')).toBe(
      'Kitchen/Lighting',
    );
    expect(homeseerDeviceOf('HS4-PC/mcsMQTT/Kitchen/Kettle')).toBe('Kitchen');
    expect(homeseerName('Living_Room/Access_Control')).toBe('Living Room · Access Control');
  });

  it('leaves other topics alone', () => {
    expect(read({ topic: 'house/kitchen/temperature', payload: '21' })).toBeNull();
    expect(read({ topic: 'HS4-PC/mcsMQTT/a/b/c/d', payload: '1' })).toBeNull();
  });
});

describe('HomeSeer mcsMQTT: where a location device is', () => {
  const placeAnnounced = (topic: string) => {
    const meaning = read({ topic, payload: '21.5' });
    return meaning?.kind === 'multiple' && meaning.meanings[0]?.kind === 'describe'
      ? meaning.meanings[0].description.place
      : 'no announcement';
  };

  it('announces Location as the room and Location2 as the floor, with spaces for underscores', () => {
    expect(placeAnnounced('HS4-PC/mcsMQTT/Main_Floor/Living_Room/Temperature')).toEqual({
      room: 'Living Room',
      floor: 'Main Floor',
    });
  });

  it('announces a room alone for one location level, and nothing for none', () => {
    expect(placeAnnounced('HS4-PC/mcsMQTT/Garage/Temperature')).toEqual({ room: 'Garage' });
    expect(placeAnnounced('HS4-PC/mcsMQTT/Temperature')).toBeUndefined();
  });

  it('announces the place once per connection, with the name', () => {
    read(HOMESEER.temperature);
    expect(read(HOMESEER.heatingSetpoint)).toMatchObject({ kind: 'readings' });
  });

  it('leaves out a level no room could be called', () => {
    expect(homeseerPlace(['Main_Floor', 'x'.repeat(81)])).toBeNull();
    expect(homeseerPlace(['x'.repeat(81), 'Kitchen'])).toEqual({ room: 'Kitchen' });
  });
});
