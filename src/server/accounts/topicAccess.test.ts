import { describe, expect, it } from 'vitest';
import { HOME_ASSISTANT } from '../../core/conventions/fixtures/homeAssistant.ts';
import { type CommandTopics, createCommandTopics, learnFromDiscovery } from './commandTopics.ts';
import type { Principal } from './principal.ts';
import { mayPublish, maySubscribe } from './topicAccess.ts';

const VIEWER: Principal = { kind: 'account', name: 'tablet', role: 'view' };
const CONTROLLER: Principal = { kind: 'account', name: 'alice', role: 'control' };
const OWNER: Principal = { kind: 'account', name: 'bob', role: 'owner' };
const KITCHEN_SENSOR: Principal = { kind: 'device', name: 'kitchen-sensor', prefixes: ['kitchen/'] };

/** The house's command topics once the ESPHome garage relay has announced itself. */
function houseCommandTopics(extraCommandTopics: string[] = []): CommandTopics {
  const created = createCommandTopics({ extraCommandTopics });
  if (!created.ok) throw new Error(created.reason);
  const { topic, payload } = HOME_ASSISTANT.esphomeSwitchConfig;
  learnFromDiscovery(created.commandTopics, topic, new TextEncoder().encode(payload), { kind: 'broker' });
  return created.commandTopics;
}

const TOPICS = houseCommandTopics();

describe('mayPublish, every role against every family of topics', () => {
  // [family, topic, view, control, owner, device with prefix kitchen/]
  const table: Array<[string, string, boolean, boolean, boolean, boolean]> = [
    ['a Tasmota relay command', 'cmnd/plug/POWER', false, true, true, false],
    ['a Tasmota second relay', 'cmnd/plug/POWER2', false, true, true, false],
    ['a Tasmota dimmer', 'cmnd/lamp/Dimmer', false, true, true, false],
    ['a Zigbee2MQTT set', 'zigbee2mqtt/Kitchen lamp/set', false, true, true, false],
    ['a Zigbee2MQTT set of one attribute', 'zigbee2mqtt/Kitchen lamp/set/state', false, true, true, false],
    ['a Homie set', 'homie/plug/relay/power/set', false, true, true, false],
    ['a Shelly RPC request', 'shellyplus1pm-a8032ab12345/rpc', false, true, true, false],
    ['a HomeSeer control', 'HS4/mcsMQTT/First_Floor/Kitchen/Light/Control', false, true, true, false],
    ['a learned Home Assistant command_topic', 'garage-node/switch/relay/command', false, true, true, false],
    [
      'a Home Assistant discovery config',
      'homeassistant/switch/garage-node/relay/config',
      false,
      false,
      false,
      false,
    ],
    ["Home Assistant's own status", 'homeassistant/status', false, false, false, false],
    ['a learned state topic', 'garage-node/switch/relay/state', false, false, false, false],
    ['a Last Will status topic', 'garage-node/status', false, false, false, false],
    ['a Tasmota LWT', 'tele/plug/LWT', false, false, false, false],
    ['a Tasmota state report', 'stat/plug/POWER', false, false, false, false],
    ['a Zigbee2MQTT device state', 'zigbee2mqtt/Kitchen lamp', false, false, false, false],
    ['a Zigbee2MQTT bridge request', 'zigbee2mqtt/bridge/request/permit_join', false, false, false, false],
    ['a broker $SYS topic', '$SYS/broker/uptime', false, false, false, false],
    ['a wildcard publish with +', 'cmnd/+/POWER', false, false, false, false],
    ['a wildcard publish with #', 'kitchen/#', false, false, false, false],
    ["the device's own reading", 'kitchen/temperature', false, false, false, true],
    ["the device's own Last Will", 'kitchen/status', false, false, false, true],
    ['a neighbour whose name starts the same', 'kitchen2/temperature', false, false, false, false],
    ['a topic nobody listed', 'garden/pump/on', false, false, false, false],
  ];
  for (const [family, topic, view, control, owner, device] of table) {
    it(`${family} (${topic})`, () => {
      expect([VIEWER, CONTROLLER, OWNER, KITCHEN_SENSOR].map((p) => mayPublish(p, topic, TOPICS).ok)).toEqual(
        [view, control, owner, device],
      );
    });
  }
});

describe('maySubscribe, every role against every family of filters', () => {
  const HOMIE_PLUG: Principal = { kind: 'device', name: 'plug', prefixes: ['homie/plug/'] };
  // [what, filter, view, control, owner, kitchen device, Homie device with prefix homie/plug/]
  const table: Array<[string, string, boolean, boolean, boolean, boolean, boolean]> = [
    ['everything', '#', true, true, true, false, false],
    ['the broker statistics', '$SYS/#', true, true, true, false, false],
    ['a whole prefix', 'kitchen/#', true, true, true, true, false],
    ["the Homie device's own set topics", 'homie/plug/+/+/set', true, true, true, false, true],
    ["one of the Homie device's set topics", 'homie/plug/relay/power/set', true, true, true, false, true],
    ["every Homie device's set topics", 'homie/+/+/+/set', true, true, true, false, false],
    ["the Homie device's whole prefix", 'homie/plug/#', true, true, true, false, true],
    ['a learned command topic', 'garage-node/switch/relay/command', true, true, true, false, false],
    ['a filter that is not valid', 'kitchen/#/x', false, false, false, false, false],
  ];
  for (const [what, filter, view, control, owner, kitchen, homie] of table) {
    it(`${what} (${filter})`, () => {
      expect(
        [VIEWER, CONTROLLER, OWNER, KITCHEN_SENSOR, HOMIE_PLUG].map(
          (p) => maySubscribe(p, filter, TOPICS).ok,
        ),
      ).toEqual([view, control, owner, kitchen, homie]);
    });
  }
});

describe('mayPublish', () => {
  it('tells a view account in words why it cannot publish', () => {
    expect(mayPublish(VIEWER, 'cmnd/plug/POWER', TOPICS)).toEqual({
      ok: false,
      reason: '"tablet" is a view account: it can watch but not switch or set anything',
    });
  });

  it('tells a control account that a topic is not a command, and who can add it', () => {
    const decision = mayPublish(CONTROLLER, 'garden/pump/on', TOPICS);
    expect(decision).toEqual({
      ok: false,
      reason:
        '"alice" may publish only commands: "garden/pump/on" is not a command topic Hearth knows; an owner can add it to the command topics',
    });
  });

  it('lets control publish to a topic the owner listed', () => {
    expect(mayPublish(CONTROLLER, 'garden/pump/on', houseCommandTopics(['garden/pump/on'])).ok).toBe(true);
  });

  it("keeps a device's Last Will closed even under a filter the owner listed", () => {
    const topics = houseCommandTopics(['garden/#']);
    expect(mayPublish(CONTROLLER, 'garden/pump/on', topics).ok).toBe(true);
    expect(mayPublish(CONTROLLER, 'garden/pump/status', topics).ok).toBe(false);
  });

  it('refuses Tasmota commands beyond switching and dimming unless the owner lists them', () => {
    expect(mayPublish(CONTROLLER, 'cmnd/plug/Upgrade', TOPICS).ok).toBe(false);
    expect(mayPublish(CONTROLLER, 'cmnd/plug/Upgrade', houseCommandTopics(['cmnd/plug/Upgrade'])).ok).toBe(
      true,
    );
  });

  it('refuses an empty topic', () => {
    expect(mayPublish(OWNER, '', TOPICS).ok).toBe(false);
  });

  it('refuses a command topic with an empty device level', () => {
    expect(mayPublish(CONTROLLER, 'cmnd//POWER', TOPICS).ok).toBe(false);
    expect(mayPublish(CONTROLLER, 'zigbee2mqtt//set', TOPICS).ok).toBe(false);
  });

  it("lets a device publish at its prefix's own level and below an empty level under it", () => {
    expect(mayPublish(KITCHEN_SENSOR, 'kitchen', TOPICS).ok).toBe(true);
    expect(mayPublish(KITCHEN_SENSOR, 'kitchen//temperature', TOPICS).ok).toBe(true);
  });

  it('refuses a device a topic with an empty first level, outside its prefix', () => {
    expect(mayPublish(KITCHEN_SENSOR, '/kitchen/temperature', TOPICS).ok).toBe(false);
  });

  it('treats a prefix written without its closing slash as the same level boundary', () => {
    const device: Principal = { kind: 'device', name: 'k', prefixes: ['kitchen'] };
    expect(mayPublish(device, 'kitchen/temperature', TOPICS).ok).toBe(true);
    expect(mayPublish(device, 'kitchen2/temperature', TOPICS).ok).toBe(false);
  });

  it('says what the device may publish under when it strays', () => {
    expect(mayPublish(KITCHEN_SENSOR, 'kitchen2/temperature', TOPICS)).toEqual({
      ok: false,
      reason: 'the device "kitchen-sensor" publishes only under "kitchen/", not to "kitchen2/temperature"',
    });
  });

  it('refuses a device whose prefix is empty, rather than letting it publish anywhere', () => {
    const device: Principal = { kind: 'device', name: 'odd', prefixes: ['/'] };
    expect(mayPublish(device, 'x', TOPICS).ok).toBe(false);
  });

  it('cuts a huge topic in the reason', () => {
    const decision = mayPublish(VIEWER, `a/${'x'.repeat(60_000)}`, TOPICS);
    expect(decision.ok === false && decision.reason.length < 400).toBe(true);
  });
});

describe('maySubscribe', () => {
  it('lets a device subscribe to a command topic the owner listed under its prefix', () => {
    const topics = houseCommandTopics(['kitchen/+/set']);
    expect(maySubscribe(KITCHEN_SENSOR, 'kitchen/fan/set', topics).ok).toBe(true);
    expect(maySubscribe(KITCHEN_SENSOR, 'kitchen/+/set', topics).ok).toBe(true);
  });

  it('lets a Zigbee2MQTT bridge subscribe as it does, to all of its prefixes and nothing beyond', () => {
    const bridge: Principal = { kind: 'device', name: 'z2m', prefixes: ['zigbee2mqtt/', 'homeassistant/'] };
    expect(maySubscribe(bridge, 'zigbee2mqtt/#', TOPICS).ok).toBe(true);
    expect(maySubscribe(bridge, 'homeassistant/status', TOPICS).ok).toBe(true);
    expect(maySubscribe(bridge, 'zigbee2mqtt/+/set', TOPICS).ok).toBe(true);
    expect(maySubscribe(bridge, '+/status', TOPICS).ok).toBe(false);
  });

  it('tells a device that subscribes to # that it reaches beyond its prefix', () => {
    expect(maySubscribe(KITCHEN_SENSOR, '#', TOPICS)).toEqual({
      ok: false,
      reason: 'the device "kitchen-sensor" may subscribe only under "kitchen/", and "#" reaches beyond it',
    });
  });

  it('refuses a device a + in place of its own prefix', () => {
    const topics = houseCommandTopics(['+/fan/set']);
    expect(maySubscribe(KITCHEN_SENSOR, '+/fan/set', topics).ok).toBe(false);
  });
});

describe('a device with several prefixes', () => {
  /** A Tasmota plug with topic `plug1` and the default FullTopic `%prefix%/%topic%/`. */
  const TASMOTA_PLUG: Principal = {
    kind: 'device',
    name: 'plug1',
    prefixes: ['tele/plug1/', 'stat/plug1/', 'cmnd/plug1/'],
  };
  /** A Zigbee2MQTT bridge with Home Assistant discovery on. */
  const Z2M_BRIDGE: Principal = { kind: 'device', name: 'z2m', prefixes: ['zigbee2mqtt/', 'homeassistant/'] };

  it('lets a Tasmota plug publish its telemetry, its state and its Last Will', () => {
    expect(
      [
        'tele/plug1/SENSOR',
        'tele/plug1/STATE',
        'tele/plug1/LWT',
        'stat/plug1/POWER',
        'stat/plug1/RESULT',
      ].map((topic) => mayPublish(TASMOTA_PLUG, topic, TOPICS).ok),
    ).toEqual([true, true, true, true, true]);
  });

  it("keeps a Tasmota plug out of another plug's topics, naming its three prefixes", () => {
    expect(mayPublish(TASMOTA_PLUG, 'stat/plug2/POWER', TOPICS)).toEqual({
      ok: false,
      reason:
        'the device "plug1" publishes only under "tele/plug1/", "stat/plug1/" or "cmnd/plug1/", not to "stat/plug2/POWER"',
    });
    expect(mayPublish(TASMOTA_PLUG, 'cmnd/plug10/POWER', TOPICS).ok).toBe(false);
  });

  it('lets a Tasmota plug subscribe to its own relay and dimmer commands, and to no one else’s', () => {
    expect(
      ['cmnd/plug1/POWER', 'cmnd/plug1/POWER2', 'cmnd/plug1/Dimmer', 'cmnd/plug2/POWER'].map(
        (filter) => maySubscribe(TASMOTA_PLUG, filter, TOPICS).ok,
      ),
    ).toEqual([true, true, true, false]);
  });

  it('lets a Tasmota plug subscribe to its commands as its firmware does (cmnd/<topic>/#), and to its own reports', () => {
    expect(maySubscribe(TASMOTA_PLUG, 'cmnd/plug1/#', TOPICS).ok).toBe(true);
    expect(maySubscribe(TASMOTA_PLUG, 'stat/plug1/POWER', TOPICS).ok).toBe(true);
    expect(maySubscribe(TASMOTA_PLUG, 'cmnd/plug2/#', TOPICS).ok).toBe(false);
  });

  it('does not let a + stand for the first level across its prefixes', () => {
    expect(maySubscribe(TASMOTA_PLUG, '+/plug1/POWER', TOPICS).ok).toBe(false);
  });

  it('tells a device with several prefixes that # reaches beyond them', () => {
    expect(maySubscribe(TASMOTA_PLUG, '#', TOPICS)).toEqual({
      ok: false,
      reason:
        'the device "plug1" may subscribe only under "tele/plug1/", "stat/plug1/" or "cmnd/plug1/", and "#" reaches beyond them',
    });
  });

  it('lets a Zigbee2MQTT bridge publish its devices’ states and its discovery configs', () => {
    expect(
      [
        'zigbee2mqtt/Kitchen lamp',
        'zigbee2mqtt/bridge/state',
        'homeassistant/light/0x00158d0001a2b3c5/light/config',
        'homeassistant/sensor/0x00158d0001a2b3c4/temperature/config',
      ].map((topic) => mayPublish(Z2M_BRIDGE, topic, TOPICS).ok),
    ).toEqual([true, true, true, true]);
  });

  it('keeps a Zigbee2MQTT bridge out of topics beside its prefixes', () => {
    expect(
      ['homeassistantx/light/a/config', 'cmnd/plug1/POWER', 'zigbee2mqtt2/x'].map(
        (topic) => mayPublish(Z2M_BRIDGE, topic, TOPICS).ok,
      ),
    ).toEqual([false, false, false]);
  });

  it("lets a Zigbee2MQTT bridge subscribe to its devices' set topics", () => {
    expect(maySubscribe(Z2M_BRIDGE, 'zigbee2mqtt/Kitchen lamp/set', TOPICS).ok).toBe(true);
    expect(maySubscribe(Z2M_BRIDGE, 'zigbee2mqtt/Kitchen lamp/set/brightness', TOPICS).ok).toBe(true);
  });

  it('refuses a device with no prefix everything, rather than letting it publish anywhere', () => {
    const bare: Principal = { kind: 'device', name: 'bare', prefixes: [] };
    expect(mayPublish(bare, 'bare/x', TOPICS)).toEqual({
      ok: false,
      reason: 'the device "bare" cannot publish: a device needs at least one topic prefix',
    });
    expect(maySubscribe(bare, 'cmnd/bare/POWER', TOPICS).ok).toBe(false);
  });

  it('refuses a device with one bad prefix everything, even under its good ones', () => {
    const odd: Principal = { kind: 'device', name: 'odd', prefixes: ['tele/odd/', '+/'] };
    expect(mayPublish(odd, 'tele/odd/SENSOR', TOPICS).ok).toBe(false);
  });
});
