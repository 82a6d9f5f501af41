import { describe, expect, it } from 'vitest';
import { commandConventionOf, reportReasonOf } from './conventionCommands.ts';

const conventionOf = (topic: string) => commandConventionOf(topic.split('/'));
const reportOf = (topic: string) => reportReasonOf(topic, topic.split('/'));

describe('commandConventionOf', () => {
  it('knows the Tasmota relay and dimmer commands Hearth sends, in any case', () => {
    expect(
      ['cmnd/plug/POWER', 'cmnd/plug/POWER3', 'cmnd/plug/power', 'cmnd/lamp/Dimmer'].map(conventionOf),
    ).toEqual(['tasmota', 'tasmota', 'tasmota', 'tasmota']);
  });

  it('leaves other Tasmota commands out (they do more than switch and set)', () => {
    expect(['cmnd/plug/Upgrade', 'cmnd/plug/Backlog', 'cmnd/plug/Reset'].map(conventionOf)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('knows Zigbee2MQTT set topics, friendly names with a slash included', () => {
    expect(
      [
        'zigbee2mqtt/Kitchen lamp/set',
        'zigbee2mqtt/Kitchen/ceiling/set',
        'zigbee2mqtt/lamp/set/brightness',
      ].map(conventionOf),
    ).toEqual(['zigbee2mqtt', 'zigbee2mqtt', 'zigbee2mqtt']);
  });

  it("leaves the Zigbee2MQTT bridge's requests out", () => {
    expect(conventionOf('zigbee2mqtt/bridge/request/permit_join')).toBeNull();
    expect(conventionOf('zigbee2mqtt/bridge/set')).toBeNull();
  });

  it('knows Homie set topics but not their attributes', () => {
    expect(conventionOf('homie/plug/relay/power/set')).toBe('homie');
    expect(conventionOf('homie/plug/$state')).toBeNull();
    expect(conventionOf('homie/$plug/relay/power/set')).toBeNull();
  });

  it('knows a Shelly RPC request topic, not its event reports nor the replies to Hearth', () => {
    expect(conventionOf('shellyplus1pm-a8032ab12345/rpc')).toBe('shelly');
    expect(conventionOf('shellyplus1pm-a8032ab12345/events/rpc')).toBeNull();
    expect(conventionOf('hearth/rpc')).toBeNull();
  });

  it('knows the HomeSeer mcsMQTT Control topic', () => {
    expect(conventionOf('HS4/mcsMQTT/First_Floor/Kitchen/Light/Control')).toBe('homeseer');
    expect(conventionOf('HS4/mcsMQTT/First_Floor/Kitchen/Light')).toBeNull();
  });

  it('refuses an empty level where a device is named', () => {
    expect(['cmnd//POWER', 'zigbee2mqtt//set', 'homie//relay/power/set', '/rpc'].map(conventionOf)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('counts a + only where any level at all, the empty one included, is a command', () => {
    expect(conventionOf('homie/plug/+/+/set')).toBe('homie');
    expect(conventionOf('cmnd/+/POWER')).toBeNull();
    expect(conventionOf('cmnd/plug/+')).toBeNull();
    expect(conventionOf('zigbee2mqtt/+/set')).toBeNull();
  });

  it('never counts a #', () => {
    expect(['cmnd/plug/#', 'homie/plug/#', 'zigbee2mqtt/lamp/set/#', '#'].map(conventionOf)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('reportReasonOf', () => {
  it("calls a Tasmota device's tele and stat topics reports", () => {
    expect(reportOf('tele/plug/SENSOR')).toBe('is a Tasmota device reporting');
    expect(reportOf('stat/plug/POWER')).toBe('is a Tasmota device reporting');
  });

  it('calls any Zigbee2MQTT or Homie topic that is not a command a report', () => {
    expect(reportOf('zigbee2mqtt/Kitchen lamp')).not.toBeNull();
    expect(reportOf('homie/plug/relay/power')).not.toBeNull();
  });

  it("calls a Shelly's status and events reports", () => {
    expect(reportOf('shellyplus1pm-a8032ab12345/status/switch:0')).not.toBeNull();
    expect(reportOf('shellyplus1pm-a8032ab12345/events/rpc')).not.toBeNull();
  });

  it('calls Last-Will-like topics a status, whatever their prefix', () => {
    expect(['garage-node/status', 'x/y/availability', 'tasmota/LWT', 'shelly1/online'].map(reportOf)).toEqual(
      Array(4).fill("is a device's online/offline status (its Last Will)"),
    );
  });

  it('says nothing of a topic it does not know', () => {
    expect(reportOf('garden/pump/on')).toBeNull();
  });
});
