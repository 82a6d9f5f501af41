import { describe, expect, it } from 'vitest';
import { HOME_ASSISTANT } from '../../core/conventions/fixtures/homeAssistant.ts';
import {
  type CommandTopics,
  commandVerdictOf,
  createCommandTopics,
  DISCOVERY_CONFIGS_MAX,
  type DiscoverySource,
  isCommandTopic,
  learnFromDiscovery,
  OWNER_COMMAND_FILTERS_MAX,
  withOwnerCommandTopics,
} from './commandTopics.ts';

const BROKER: DiscoverySource = { kind: 'broker' };
const RELAY = HOME_ASSISTANT.esphomeSwitchConfig;
const RELAY_COMMAND = 'garage-node/switch/relay/command';
const bytes = (text: string) => new TextEncoder().encode(text);

/** A Zigbee2MQTT bridge with Home Assistant discovery on: it owns both roots it writes under. */
const Z2M_BRIDGE: DiscoverySource = {
  kind: 'device',
  name: 'z2m',
  prefixes: ['zigbee2mqtt/', 'homeassistant/'],
};
/** The discovery config Zigbee2MQTT 1.40 sends for a relay module's switch. */
const Z2M_SWITCH = {
  topic: 'homeassistant/switch/0x00124b00226cbd11/switch/config',
  payload: JSON.stringify({
    availability: [{ topic: 'zigbee2mqtt/bridge/state', value_template: '{{ value_json.state }}' }],
    command_topic: 'zigbee2mqtt/Garage opener/set/state',
    device: {
      identifiers: ['zigbee2mqtt_0x00124b00226cbd11'],
      manufacturer: 'SONOFF',
      model: 'ZBMINI',
      name: 'Garage opener',
    },
    name: null,
    object_id: 'garage_opener',
    origin: { name: 'Zigbee2MQTT', sw: '1.40.2', url: 'https://www.zigbee2mqtt.io' },
    payload_off: 'OFF',
    payload_on: 'ON',
    state_topic: 'zigbee2mqtt/Garage opener',
    unique_id: '0x00124b00226cbd11_switch_zigbee2mqtt',
    value_template: '{{ value_json.state }}',
  }),
};

function fresh(extraCommandTopics: string[] = []): CommandTopics {
  const created = createCommandTopics({ extraCommandTopics });
  if (!created.ok) throw new Error(created.reason);
  return created.commandTopics;
}

function learn(topics: CommandTopics, topic: string, payload: string, source: DiscoverySource = BROKER) {
  return learnFromDiscovery(topics, topic, bytes(payload), source);
}

/** Command topics that have taken in the ESPHome garage relay's config. */
function withRelay(extraCommandTopics: string[] = []): CommandTopics {
  const topics = fresh(extraCommandTopics);
  learn(topics, RELAY.topic, RELAY.payload);
  return topics;
}

describe('createCommandTopics', () => {
  it('takes the filters an owner lists', () => {
    expect(isCommandTopic(fresh(['irrigation/+/cmd']), 'irrigation/lawn/cmd')).toBe(true);
  });

  it('refuses a filter that is not valid MQTT', () => {
    expect(createCommandTopics({ extraCommandTopics: ['irrigation/#/cmd'] })).toEqual({
      ok: false,
      reason:
        'the command topic "irrigation/#/cmd" is not valid: "#" must be the whole last level in "irrigation/#/cmd"',
    });
  });

  it("refuses the broker's $ topics as command topics", () => {
    expect(createCommandTopics({ extraCommandTopics: ['$SYS/#'] }).ok).toBe(false);
  });

  it('refuses the discovery configs as command topics', () => {
    expect(createCommandTopics({ extraCommandTopics: ['homeassistant/#'] })).toEqual({
      ok: false,
      reason:
        '"homeassistant/#" cannot be a command topic: it is under "homeassistant/", where devices announce themselves to Home Assistant',
    });
  });

  it('follows a discovery prefix other than homeassistant', () => {
    const created = createCommandTopics({ discoveryPrefix: 'ha' });
    expect(created.ok && isCommandTopic(created.commandTopics, 'ha/switch/x/config')).toBe(false);
    expect(created.ok && created.commandTopics.discoveryPrefix).toBe('ha');
  });
});

describe('commandVerdictOf', () => {
  it('names the convention a command topic belongs to', () => {
    expect(commandVerdictOf(fresh(), 'cmnd/plug/POWER')).toEqual({ ok: true, source: 'tasmota' });
  });

  it("names the owner's list as the source of a listed topic", () => {
    expect(commandVerdictOf(fresh(['garden/pump/on']), 'garden/pump/on')).toEqual({
      ok: true,
      source: 'owner',
    });
  });

  it('counts a wildcard filter only when a listed filter covers all of it', () => {
    const topics = fresh(['irrigation/+/cmd']);
    expect(isCommandTopic(topics, 'irrigation/+/cmd')).toBe(true);
    expect(isCommandTopic(topics, 'irrigation/#')).toBe(false);
  });

  it('never counts a $ topic, even under an owner filter of #', () => {
    expect(isCommandTopic(fresh(['#']), '$SYS/broker/uptime')).toBe(false);
  });
});

describe('withOwnerCommandTopics', () => {
  it("replaces the owner's list and keeps what configs announced", () => {
    const changed = withOwnerCommandTopics(withRelay(), ['garden/pump/on']);
    expect(changed.ok && isCommandTopic(changed.commandTopics, 'garden/pump/on')).toBe(true);
    expect(changed.ok && isCommandTopic(changed.commandTopics, RELAY_COMMAND)).toBe(true);
  });

  it(`refuses more than ${OWNER_COMMAND_FILTERS_MAX} command topics`, () => {
    const many = Array.from({ length: OWNER_COMMAND_FILTERS_MAX + 1 }, (_, i) => `garden/${i}/on`);
    expect(withOwnerCommandTopics(fresh(), many).ok).toBe(false);
  });
});

describe('learnFromDiscovery', () => {
  it("learns an ESPHome switch's command topic from its retained config", () => {
    const topics = fresh();
    expect(learn(topics, RELAY.topic, RELAY.payload)).toEqual({
      kind: 'learned',
      commands: [RELAY_COMMAND],
      refused: [],
    });
    expect(commandVerdictOf(topics, RELAY_COMMAND)).toEqual({ ok: true, source: 'discovery' });
  });

  it("learns the switch's state and availability topics as reports, never commands", () => {
    const topics = withRelay(['garage-node/#']);
    expect(isCommandTopic(topics, 'garage-node/switch/relay/state')).toBe(false);
    expect(isCommandTopic(topics, 'garage-node/status')).toBe(false);
    expect(isCommandTopic(topics, 'garage-node/switch/other/set')).toBe(true);
  });

  it('says a learned state topic is a state topic', () => {
    expect(commandVerdictOf(withRelay(), 'garage-node/switch/relay/state')).toEqual({
      ok: false,
      reason:
        '"garage-node/switch/relay/state" is a device\'s state topic (its Home Assistant discovery config says so), not a command',
    });
  });

  it("learns a number's command topic with full key names", () => {
    const topics = fresh();
    learn(topics, HOME_ASSISTANT.numberConfig.topic, HOME_ASSISTANT.numberConfig.payload);
    expect(isCommandTopic(topics, 'boiler/setpoint/set')).toBe(true);
  });

  it('learns no command from a sensor', () => {
    const sensor = HOME_ASSISTANT.espTemperatureConfig;
    expect(learn(fresh(), sensor.topic, sensor.payload)).toEqual({
      kind: 'learned',
      commands: [],
      refused: [],
    });
  });

  it('expands the ~ base topic of a config', () => {
    const topics = fresh();
    const config = JSON.stringify({ '~': 'porch/light', name: 'Porch', cmd_t: '~/set', stat_t: '~/state' });
    learn(topics, 'homeassistant/switch/porch/config', config);
    expect(isCommandTopic(topics, 'porch/light/set')).toBe(true);
  });

  it('forgets the command topic when the retained config is cleared', () => {
    const topics = withRelay();
    expect(learn(topics, RELAY.topic, '')).toEqual({ kind: 'forgotten' });
    expect(isCommandTopic(topics, RELAY_COMMAND)).toBe(false);
  });

  it('forgets the state topics too when the retained config is cleared', () => {
    const number = HOME_ASSISTANT.numberConfig;
    const topics = fresh(['boiler/#']);
    learn(topics, number.topic, number.payload);
    expect(isCommandTopic(topics, 'boiler/setpoint')).toBe(false);
    learn(topics, number.topic, '');
    expect(isCommandTopic(topics, 'boiler/setpoint')).toBe(true);
  });

  it('takes back the old command topic when a config changes it', () => {
    const topics = withRelay();
    learn(topics, RELAY.topic, RELAY.payload.replace('relay/command', 'relay/cmd'));
    expect(isCommandTopic(topics, RELAY_COMMAND)).toBe(false);
    expect(isCommandTopic(topics, 'garage-node/switch/relay/cmd')).toBe(true);
  });

  it('keeps a command topic two configs announce until both are gone', () => {
    const topics = withRelay();
    learn(topics, 'homeassistant/light/garage-node/relay/config', RELAY.payload);
    learn(topics, RELAY.topic, '');
    expect(isCommandTopic(topics, RELAY_COMMAND)).toBe(true);
  });

  it('forgets what a config announced when it no longer reads as JSON', () => {
    const topics = withRelay();
    expect(learn(topics, RELAY.topic, '{"name":')).toEqual({ kind: 'unreadable', reason: 'malformed JSON' });
    expect(isCommandTopic(topics, RELAY_COMMAND)).toBe(false);
  });

  it('does not trust a config published by a view account', () => {
    const topics = fresh();
    const viewer: DiscoverySource = { kind: 'account', name: 'tablet', role: 'view' };
    expect(learn(topics, RELAY.topic, RELAY.payload, viewer)).toEqual({
      kind: 'untrusted',
      reason: 'a config published by the view account "tablet" is not trusted',
    });
    expect(isCommandTopic(topics, RELAY_COMMAND)).toBe(false);
  });

  it('does not trust a config published by a control account', () => {
    const controller: DiscoverySource = { kind: 'account', name: 'alice', role: 'control' };
    expect(learn(fresh(), RELAY.topic, RELAY.payload, controller).kind).toBe('untrusted');
  });

  it('does not let an untrusted publisher clear a config either', () => {
    const topics = withRelay();
    learn(topics, RELAY.topic, '', { kind: 'account', name: 'tablet', role: 'view' });
    expect(isCommandTopic(topics, RELAY_COMMAND)).toBe(true);
  });

  it('trusts a config an owner account published', () => {
    const owner: DiscoverySource = { kind: 'account', name: 'bob', role: 'owner' };
    expect(learn(fresh(), RELAY.topic, RELAY.payload, owner).kind).toBe('learned');
  });

  it('takes a device config only for command topics under its own prefix', () => {
    const device: DiscoverySource = {
      kind: 'device',
      name: 'porch',
      prefixes: ['homeassistant/switch/porch/'],
    };
    const config = JSON.stringify({ name: 'Porch', command_topic: RELAY_COMMAND });
    expect(learn(fresh(), 'homeassistant/switch/porch/light/config', config, device)).toEqual({
      kind: 'learned',
      commands: [],
      refused: [
        '"garage-node/switch/relay/command" is outside the prefix "homeassistant/switch/porch/" of the device "porch" that announced it',
      ],
    });
  });

  it('does not trust a device announcing outside its prefix', () => {
    const device: DiscoverySource = { kind: 'device', name: 'garage', prefixes: ['garage-node/'] };
    expect(learn(fresh(), RELAY.topic, RELAY.payload, device)).toEqual({
      kind: 'untrusted',
      reason: 'the device "garage" announced outside its prefix "garage-node/"',
    });
  });

  it('takes a Zigbee2MQTT bridge config from under its homeassistant/ prefix, for a command under zigbee2mqtt/', () => {
    const topics = fresh();
    expect(learn(topics, Z2M_SWITCH.topic, Z2M_SWITCH.payload, Z2M_BRIDGE)).toEqual({
      kind: 'learned',
      commands: ['zigbee2mqtt/Garage opener/set/state'],
      refused: [],
    });
    expect(topics.learnedCommands.has('zigbee2mqtt/Garage opener/set/state')).toBe(true);
  });

  it('takes from a Zigbee2MQTT bridge no command outside both of its prefixes', () => {
    const topics = fresh();
    const config = JSON.stringify({ ...JSON.parse(Z2M_SWITCH.payload), command_topic: RELAY_COMMAND });
    expect(learn(topics, Z2M_SWITCH.topic, config, Z2M_BRIDGE)).toEqual({
      kind: 'learned',
      commands: [],
      refused: [
        '"garage-node/switch/relay/command" is outside the prefixes "zigbee2mqtt/" and "homeassistant/" of the device "z2m" that announced it',
      ],
    });
    expect(isCommandTopic(topics, RELAY_COMMAND)).toBe(false);
  });

  it('does not trust a Tasmota plug announcing outside its three prefixes, naming them', () => {
    const plug: DiscoverySource = {
      kind: 'device',
      name: 'plug1',
      prefixes: ['tele/plug1/', 'stat/plug1/', 'cmnd/plug1/'],
    };
    expect(learn(fresh(), RELAY.topic, RELAY.payload, plug)).toEqual({
      kind: 'untrusted',
      reason:
        'the device "plug1" announced outside its prefixes "tele/plug1/", "stat/plug1/" and "cmnd/plug1/"',
    });
  });

  it('does not trust a device with no prefix, rather than taking its config from anywhere', () => {
    const bare: DiscoverySource = { kind: 'device', name: 'bare', prefixes: [] };
    expect(learn(fresh(), RELAY.topic, RELAY.payload, bare)).toEqual({
      kind: 'untrusted',
      reason:
        'a config published by the device "bare" is not trusted: a device needs at least one topic prefix',
    });
  });

  it('refuses an announced command topic with a wildcard', () => {
    const config = JSON.stringify({ name: 'All', command_topic: 'cmnd/+/POWER' });
    const outcome = learn(fresh(), 'homeassistant/switch/all/config', config);
    expect(outcome.kind === 'learned' && outcome.refused.length).toBe(1);
  });

  it('refuses an announced command topic under the discovery prefix', () => {
    const topics = fresh();
    const config = JSON.stringify({ name: 'Sneaky', command_topic: 'homeassistant/switch/plug/config' });
    learn(topics, 'homeassistant/switch/sneaky/config', config);
    expect(isCommandTopic(topics, 'homeassistant/switch/plug/config')).toBe(false);
  });

  it('ignores a topic that is not a discovery config', () => {
    const topics = fresh();
    expect(learn(topics, 'garage-node/status', 'online')).toEqual({ kind: 'not-discovery' });
    expect(topics.announcements.size).toBe(0);
  });

  it(`stops taking new configs at ${DISCOVERY_CONFIGS_MAX}, and says so`, () => {
    const topics = fresh();
    for (let i = 0; i < DISCOVERY_CONFIGS_MAX; i++)
      learn(topics, `homeassistant/switch/n${i}/config`, '{"name":"x","command_topic":"a/b"}');
    expect(learn(topics, RELAY.topic, RELAY.payload).kind).toBe('full');
    expect(learn(topics, 'homeassistant/switch/n0/config', RELAY.payload).kind).toBe('learned');
  });
});

describe('a device speaks only for its own topics', () => {
  it('cannot make a command an owner listed into a report by naming it as its state topic', () => {
    const topics = fresh(['garage/door/set']);
    const poison = JSON.parse(Z2M_SWITCH.payload) as Record<string, unknown>;
    poison.state_topic = 'garage/door/set';
    poison.availability = [{ topic: 'garage/door/set' }];
    learn(topics, Z2M_SWITCH.topic, JSON.stringify(poison), Z2M_BRIDGE);
    expect(isCommandTopic(topics, 'garage/door/set')).toBe(true);
    // Its own state topic under its prefix is still a report.
    learn(topics, Z2M_SWITCH.topic, Z2M_SWITCH.payload, Z2M_BRIDGE);
    expect(isCommandTopic(topics, 'zigbee2mqtt/Garage opener')).toBe(false);
    expect(isCommandTopic(topics, 'zigbee2mqtt/Garage opener/set/state')).toBe(true);
  });
});
