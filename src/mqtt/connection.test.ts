import { EventEmitter } from 'node:events';
import type { IClientOptions } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientSession } from './clientSession';
import { BrokerConnection, type ConnectionSettings } from './connection';

/** MQTT.js as the connection sees it: what it was asked to connect with, and what it sent. */
class FakeClient extends EventEmitter {
  connected = false;
  readonly sent: string[] = [];
  /** When set, SUBACKs wait here until the test lets them through. */
  heldSubacks: Array<() => void> | null = null;
  constructor(readonly options: IClientOptions) {
    super();
  }
  subscribe(filters: string[], options: { qos: number }, done: (error: Error | null) => void) {
    this.sent.push(`subscribe ${filters.join(' ')} qos ${options.qos}`);
    if (this.heldSubacks !== null) this.heldSubacks.push(() => done(null));
    else done(null);
  }
  unsubscribe(filters: string[], done: (error?: Error) => void) {
    this.sent.push(`unsubscribe ${filters.join(' ')}`);
    done();
  }
  end() {
    this.connected = false;
  }
  /** The broker's CONNACK. */
  accept(sessionPresent: boolean) {
    this.connected = true;
    this.emit('connect', { cmd: 'connack', sessionPresent, returnCode: 0 });
  }
  /** The socket closes, as when the broker drops a sleeping screen. */
  drop() {
    this.connected = false;
    this.emit('close');
  }
}

const clients: FakeClient[] = [];
vi.mock('mqtt', () => ({
  default: {
    connect: (_url: string, options: IClientOptions) => {
      const client = new FakeClient(options);
      clients.push(client);
      return client;
    },
  },
}));

const persistent: ClientSession = { clientId: 'hearth-k3v9q2x7ab-0', cleanStart: false, heldFilters: null };

function open(settings: Partial<ConnectionSettings> = {}) {
  const noted: (readonly string[])[] = [];
  const statuses: string[] = [];
  const connection = new BrokerConnection(
    {
      url: 'ws://hub.local:9001',
      username: '',
      password: '',
      filters: ['house/#'],
      customPatterns: [],
      subscriptionQos: 1,
      ...settings,
    },
    {
      onMessage: () => {},
      onStatus: (status) => statuses.push(status.kind),
      onSessionFilters: (filters) => noted.push(filters),
    },
    'http:',
    'worker',
  );
  connection.start();
  return { connection, noted, statuses };
}

let taken = 0;
/** The client of the next attempt, after waiting out its retry delay (but not its connect timeout). */
function nextClient(): FakeClient {
  for (let waited = 0; clients.length <= taken && waited < 60_000; waited += 10) vi.advanceTimersByTime(10);
  const client = clients[taken++];
  if (client === undefined) throw new Error('no new connection attempt');
  return client;
}

beforeEach(() => {
  vi.useFakeTimers();
  clients.length = 0;
  taken = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BrokerConnection sessions', () => {
  it('connects as the screen, asking the broker to keep its session', () => {
    const { connection } = open({ session: persistent });
    const client = nextClient();
    expect(client.options.clientId).toBe('hearth-k3v9q2x7ab-0');
    expect(client.options.clean).toBe(false);
    expect(client.options.resubscribe).toBe(false);
    connection.stop();
  });

  it('keeps a clean session with a fresh id when the screen has no id of its own', () => {
    const { connection } = open();
    const client = nextClient();
    expect(client.options.clean).toBe(true);
    expect(client.options.clientId).toMatch(/^hearth-[0-9a-f]{8}$/);
    connection.stop();
  });

  it('subscribes at QoS 1 on its first connect even to a kept session, for the retained values', () => {
    const { connection, noted } = open({ session: { ...persistent, heldFilters: ['house/#'] } });
    const client = nextClient();
    client.accept(true);
    expect(client.sent).toEqual(['subscribe house/# qos 1']);
    expect(noted).toEqual([['house/#']]);
    connection.stop();
  });

  it('does not subscribe again when it wakes to the session the broker kept', () => {
    const { connection } = open({ session: persistent });
    const first = nextClient();
    first.accept(false);
    first.drop();
    const second = nextClient();
    expect(second).not.toBe(first);
    expect(second.options.clientId).toBe(first.options.clientId);
    second.accept(true);
    expect(second.sent).toEqual([]);
    connection.stop();
  });

  it('subscribes again when the broker answers without a session', () => {
    const { connection } = open({ session: persistent });
    const first = nextClient();
    first.accept(true);
    first.drop();
    const second = nextClient();
    second.accept(false);
    expect(second.sent).toEqual(['subscribe house/# qos 1']);
    connection.stop();
  });

  it('unsubscribes what the kept session holds but the screen no longer wants', () => {
    const { connection, noted } = open({
      session: { ...persistent, heldFilters: ['house/#', 'zigbee2mqtt/#'] },
    });
    const client = nextClient();
    client.accept(true);
    expect(client.sent).toEqual(['unsubscribe zigbee2mqtt/#', 'subscribe house/# qos 1']);
    expect(noted.at(-1)).toEqual(['house/#']);
    connection.stop();
  });

  it('says nothing of sessions the broker forgets anyway', () => {
    const { connection, noted } = open();
    nextClient().accept(false);
    expect(noted).toEqual([]);
    connection.stop();
  });

  it('says connected once the broker has acknowledged the subscriptions, so what is published then is heard', () => {
    const { connection, statuses } = open({ session: persistent });
    const client = nextClient();
    client.heldSubacks = [];
    client.accept(false);
    expect(statuses.at(-1)).toBe('connecting');
    for (const suback of client.heldSubacks) suback();
    expect(statuses.at(-1)).toBe('connected');
    connection.stop();
  });

  it('says connected at once to a kept session that needs no subscription, and after a while to a broker that never acknowledges', () => {
    const kept = open({ session: persistent });
    const first = nextClient();
    first.accept(false);
    first.drop();
    const second = nextClient();
    second.accept(true);
    expect(kept.statuses.at(-1)).toBe('connected');
    kept.connection.stop();

    const silent = open();
    const client = nextClient();
    client.heldSubacks = [];
    client.accept(false);
    expect(silent.statuses.at(-1)).toBe('connecting');
    vi.advanceTimersByTime(3000);
    expect(silent.statuses.at(-1)).toBe('connected');
    silent.connection.stop();
  });

  it("subscribes at QoS 0 on a broker that is not Hearth's own, which may cap what it queues for a connected client", () => {
    const { connection } = open({ session: persistent, subscriptionQos: undefined });
    const client = nextClient();
    client.accept(false);
    expect(client.sent).toEqual(['subscribe house/# qos 0']);
    connection.stop();
  });
});
