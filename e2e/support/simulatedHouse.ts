import type { RoomState } from '../../src/server/conventionSpeakers/speaker.ts';
import { type SimulatedConvention, speakersFor } from '../../src/server/conventionSpeakers/speakersFor.ts';
import { NOON_READING } from '../../src/server/conventionSpeakers/testSupport.ts';
import { type Gateway, startGateway } from '../../src/server/gateway.ts';

/** Fast enough that a chart has points within a second or two, slow enough for two shared cores. */
const READING_INTERVAL_MS = 500;

/** One simulated gateway: these conventions, each speaking for every one of these rooms. */
export interface HousePart {
  conventions: readonly SimulatedConvention[];
  rooms: readonly string[];
}

/** The gateway simulator running inside the test process, against the test's broker. */
export interface SimulatedHouse {
  readonly gateways: readonly Gateway[];
  /** Every room says goodbye, then the retained messages the rooms left are cleared. */
  stop(): Promise<void>;
}

/**
 * Starts one gateway per part (the simulator of `npm run gateway`, in-process), with no drops and
 * a reading every half second. The simulator's devices retain their availability and
 * announcements, which would outlive the test: `stop` clears every topic they retain through
 * `clearRetained`, so no later test sees them.
 */
export async function startSimulatedHouse(
  brokerUrl: string,
  parts: readonly HousePart[],
  clearRetained: (topic: string) => Promise<void>,
): Promise<SimulatedHouse> {
  const gateways = await Promise.all(
    parts.map((part) =>
      startGateway(
        {
          brokerUrl,
          rooms: part.rooms,
          conventions: part.conventions,
          intervalMs: READING_INTERVAL_MS,
          dropEveryMs: 0,
        },
        () => {},
      ),
    ),
  );
  return {
    gateways,
    async stop() {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
      const topics = new Set(parts.flatMap(retainedTopics));
      for (const topic of topics) await clearRetained(topic);
    },
  };
}

/** Every topic the part's devices (rooms and hubs) may retain, whatever their relay's state. */
function retainedTopics(part: HousePart): string[] {
  const states: RoomState[] = [
    { relayOn: false, reading: NOON_READING },
    { relayOn: true, reading: NOON_READING },
  ];
  return part.conventions.flatMap((convention) => {
    const { rooms, hubs } = speakersFor(convention, part.rooms);
    return [...rooms, ...hubs].flatMap((speaker) =>
      [
        ...states.flatMap((state) => [...speaker.greet(state), ...speaker.report(state)]),
        ...speaker.farewell(),
        ...(speaker.will === null ? [] : [speaker.will]),
      ]
        .filter((message) => message.retain)
        .map((message) => message.topic),
    );
  });
}
