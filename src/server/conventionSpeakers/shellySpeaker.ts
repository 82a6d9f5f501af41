import { type ConventionSpeaker, type OutgoingMessage, retained } from './speaker.ts';

/** Lux below which the Illuminance component calls the light `dark`, and above which `bright`. */
const DARK_BELOW_LUX = 50;
const BRIGHT_ABOVE_LUX = 300;

/**
 * A Shelly Gen2 device with a temperature, an illuminance and a switch component (a Wall Display
 * has all three), its MQTT topic prefix its device id `shellywalldisplay-<room>`: a prefix that
 * starts with `shelly`, as every factory one does, lets the dashboard know `<id>/online` before
 * it has seen a status. It publishes, retained:
 *   <id>/online                   true / false (false is the Will)
 *   <id>/status/temperature:0     {"id":0,"tC":21.4,"tF":70.5}
 *   <id>/status/illuminance:0     {"id":0,"lux":120,"illumination":"twilight"}
 *   <id>/status/switch:0          {"id":0,"source":"init","output":false}
 * and answers JSON-RPC on `<id>/rpc` (`Switch.Set`, `Switch.Toggle`, `Switch.GetStatus`) on
 * `<src>/rpc`, publishing the switch's new status.
 */
export function shellySpeaker(room: string): ConventionSpeaker {
  const id = `shellywalldisplay-${room}`;
  const offline = retained(`${id}/online`, 'false');
  const switchStatus = (on: boolean, source: string) =>
    retained(`${id}/status/switch:0`, JSON.stringify({ id: 0, source, output: on }));
  return {
    name: room,
    deviceId: id,
    will: offline,
    commandTopics: [`${id}/rpc`],
    greet: ({ relayOn }) => [retained(`${id}/online`, 'true'), switchStatus(relayOn, 'init')],
    report: ({ reading }) => [
      retained(
        `${id}/status/temperature:0`,
        JSON.stringify({
          id: 0,
          tC: reading.temperatureC,
          tF: Math.round(((reading.temperatureC * 9) / 5) * 10 + 320) / 10,
        }),
      ),
      retained(
        `${id}/status/illuminance:0`,
        JSON.stringify({ id: 0, lux: reading.lux, illumination: illuminationOf(reading.lux) }),
      ),
    ],
    farewell: () => [offline],
    obey: ({ payload }, { relayOn }) => {
      const request = readRpcRequest(payload);
      if (request === null) return null;
      const reply = (body: Record<string, unknown>): OutgoingMessage => ({
        topic: `${request.src}/rpc`,
        payload: JSON.stringify({ id: request.id, src: id, dst: request.src, ...body }),
        retain: false,
        qos: 1,
      });
      const switchId = request.params.id;
      const isSwitch = request.method.startsWith('Switch.');
      if (isSwitch && switchId !== 0) {
        const error = { code: -105, message: `Argument 'id', value ${String(switchId)} not found!` };
        return { relayOn, replies: [reply({ error })] };
      }
      const wanted =
        request.method === 'Switch.Set' && typeof request.params.on === 'boolean'
          ? request.params.on
          : request.method === 'Switch.Toggle'
            ? !relayOn
            : null;
      if (wanted !== null) {
        return {
          relayOn: wanted,
          replies: [reply({ result: { was_on: relayOn } }), switchStatus(wanted, 'MQTT')],
        };
      }
      if (request.method === 'Switch.GetStatus') {
        return { relayOn, replies: [reply({ result: { id: 0, source: 'MQTT', output: relayOn } })] };
      }
      const error = { code: 404, message: `No handler for ${request.method}` };
      return { relayOn, replies: [reply({ error })] };
    },
  };
}

interface RpcRequest {
  id: unknown;
  src: string;
  method: string;
  params: Record<string, unknown>;
}

/** A JSON-RPC frame with a method and a `src` to answer to; null for anything else. */
function readRpcRequest(payload: string): RpcRequest | null {
  let frame: unknown;
  try {
    frame = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null) return null;
  const { id, src, method, params } = frame as Record<string, unknown>;
  // Without a `src` a Shelly has nowhere to answer, and a topic level may not hold wildcards.
  if (typeof method !== 'string' || typeof src !== 'string' || !/^[^#+]+$/.test(src)) return null;
  const paramRecord =
    typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  return { id: id ?? null, src, method, params: paramRecord };
}

function illuminationOf(lux: number): string {
  if (lux < DARK_BELOW_LUX) return 'dark';
  return lux > BRIGHT_ABOVE_LUX ? 'bright' : 'twilight';
}
