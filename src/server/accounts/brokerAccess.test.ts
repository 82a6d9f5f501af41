import { once } from 'node:events';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { Aedes } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { PacketFrameStream } from '../packetFrameStream.ts';
import { type AccountBook, principalOf } from './accountBook.ts';
import type { Account } from './accountFile.ts';
import { attachBrokerAccess, type BrokerAccess } from './brokerAccess.ts';
import { type CommandTopics, createCommandTopics } from './commandTopics.ts';
import { REFUSALS_BEFORE_DISCONNECT } from './repeatedRefusals.ts';
import { SESSION_COOKIE_NAME } from './requestGuard.ts';
import { createSessionStore } from './sessions.ts';
import { INTERNAL_CLIENT_HEADER } from './upgradeDoor.ts';

const PASSWORD = 'correct horse battery staple';
const ACCOUNTS: Account[] = [
  { name: 'watcher', role: 'view', hash: 'unused', createdAt: '2025-01-01T00:00:00Z' },
  { name: 'switcher', role: 'control', hash: 'unused', createdAt: '2025-01-01T00:00:00Z' },
  { name: 'owner', role: 'owner', hash: 'unused', createdAt: '2025-01-01T00:00:00Z' },
  {
    name: 'plug',
    role: 'device',
    prefixes: ['homie/plug/'],
    hash: 'unused',
    createdAt: '2025-01-01T00:00:00Z',
  },
];

/** The account book's contract with the broker, every account with the same password. */
function fakeBook(accounts: Account[]): AccountBook {
  const sessions = createSessionStore();
  return {
    count: () => accounts.length,
    isOpen: () => accounts.length === 0,
    reloadNow: async () => {},
    has: (name) => accounts.some((account) => account.name === name),
    async authenticate(name, password) {
      const account = accounts.find((candidate) => candidate.name === name);
      return account && password === PASSWORD
        ? { ok: true, account }
        : { ok: false, reason: 'The name or the password is wrong.' };
    },
    principalOf,
    sessions,
    signIn: (account, kind, label, nowMs) => sessions.start(account.name, account.role, nowMs, kind, label),
    close: async () => {},
  };
}

let broker: Aedes;
let access: BrokerAccess;
let book: AccountBook;
let commandTopics: CommandTopics;
let tcpServer: TcpServer;
let httpServer: HttpServer;
let tcpUrl: string;
let wsUrl: string;
let logged: string[];
const clients: MqttClient[] = [];

async function startBroker(accounts: Account[]): Promise<void> {
  broker = await Aedes.createBroker();
  book = fakeBook(accounts);
  const made = createCommandTopics();
  if (!made.ok) throw new Error(made.reason);
  commandTopics = made.commandTopics;
  logged = [];
  access = attachBrokerAccess(broker, {
    book,
    commandTopics,
    log: (line) => logged.push(line),
    now: () => 1000,
  });

  tcpServer = createTcpServer((socket) => broker.handle(socket));
  tcpServer.listen(0, '127.0.0.1');
  await once(tcpServer, 'listening');
  tcpUrl = `mqtt://127.0.0.1:${(tcpServer.address() as AddressInfo).port}`;

  // As broker.ts mounts /mqtt, with the access decision before the handshake.
  const webSockets = new WebSocketServer({ noServer: true });
  httpServer = createHttpServer((_request, response) => response.writeHead(404).end());
  httpServer.on('upgrade', (request, socket, head) => {
    const admitted = access.principalForUpgrade(request);
    if (!admitted.ok) {
      socket.end(`HTTP/1.1 ${admitted.status} Unauthorized\r\nConnection: close\r\n\r\n${admitted.reason}`);
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (ws) =>
      broker.handle(new PacketFrameStream(ws), request),
    );
  });
  httpServer.listen(0, '127.0.0.1');
  await once(httpServer, 'listening');
  wsUrl = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mqtt`;
}

beforeEach(() => startBroker(ACCOUNTS));

afterEach(async () => {
  access.stop();
  for (const client of clients.splice(0)) client.end(true);
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  httpServer.closeAllConnections();
  await new Promise((resolve) => httpServer.close(resolve));
  await new Promise((resolve) => tcpServer.close(resolve));
});

async function signIn(name: string, url = tcpUrl, options: Parameters<typeof connectAsync>[1] = {}) {
  const client = await connectAsync(url, {
    reconnectPeriod: 0,
    username: name,
    password: PASSWORD,
    ...options,
  });
  clients.push(client);
  return client;
}

async function connectRefused(url: string, options: Parameters<typeof connectAsync>[1]): Promise<Error> {
  try {
    const client = await connectAsync(url, { reconnectPeriod: 0, connectTimeout: 2000, ...options });
    clients.push(client);
  } catch (error) {
    return error as Error;
  }
  throw new Error('connected, but should have been refused');
}

async function upgradeStatus(headers: Record<string, string>): Promise<number> {
  const socket = new WebSocket(wsUrl, ['mqtt'], { headers });
  socket.on('error', () => {});
  const [, response] = (await once(socket, 'unexpected-response')) as [unknown, { statusCode: number }];
  socket.terminate();
  return response.statusCode;
}

function received(client: MqttClient): string[] {
  const messages: string[] = [];
  client.on('message', (topic, payload) => messages.push(`${topic} ${payload.toString()}`));
  return messages;
}

async function settle(ms = 150): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function cookieFor(role: 'owner' | 'control' | 'view', name: string): string {
  const { token } = book.sessions.start(name, role, 1000, 'session');
  return `${SESSION_COOKIE_NAME}=${token}`;
}

describe('signing in over TCP', () => {
  it('refuses a wrong password with CONNACK not authorized', async () => {
    const error = await connectRefused(tcpUrl, { username: 'switcher', password: 'guess' });
    expect(error.message).toMatch(/not authorized/i);
    expect(logged.join('\n')).toContain('The name or the password is wrong.');
    expect(logged.join('\n')).not.toContain('guess');
  });

  it('refuses an anonymous client when accounts exist', async () => {
    const error = await connectRefused(tcpUrl, {});
    expect(error.message).toMatch(/not authorized/i);
  });

  it('lets anyone in when there are no accounts', async () => {
    await broker.close();
    await new Promise((resolve) => tcpServer.close(resolve));
    httpServer.closeAllConnections();
    await new Promise((resolve) => httpServer.close(resolve));
    await startBroker([]);
    const client = await connectAsync(tcpUrl, { reconnectPeriod: 0 });
    clients.push(client);
    expect(client.connected).toBe(true);
  });
});

describe('what each account may publish and subscribe to', () => {
  it('lets a view account subscribe to # and receive messages', async () => {
    const watcher = await signIn('watcher');
    const messages = received(watcher);
    await watcher.subscribeAsync('#');
    const switcher = await signIn('switcher');
    await switcher.publishAsync('cmnd/plug/POWER', 'ON', { qos: 1 });
    await settle();
    expect(messages).toEqual(['cmnd/plug/POWER ON']);
  });

  it("drops a view account's publish before any subscriber hears it, and logs it", async () => {
    const listener = await signIn('owner');
    const messages = received(listener);
    await listener.subscribeAsync('#');
    const watcher = await signIn('watcher');
    await watcher.publishAsync('cmnd/plug/POWER', 'ON', { qos: 1 });
    await settle();
    expect(messages).toEqual([]);
    expect(watcher.connected).toBe(true);
    expect(logged.join('\n')).toContain('"watcher" is a view account');
  });

  it('lets a control account publish a command but not a state report', async () => {
    const listener = await signIn('watcher');
    const messages = received(listener);
    await listener.subscribeAsync('#');
    const switcher = await signIn('switcher');
    await switcher.publishAsync('cmnd/plug/POWER', 'ON', { qos: 1 });
    await switcher.publishAsync('tele/plug/STATE', '{"POWER":"ON"}', { qos: 1 });
    await settle();
    expect(messages).toEqual(['cmnd/plug/POWER ON']);
  });

  it('lets a device publish under its prefix only', async () => {
    const listener = await signIn('watcher');
    const messages = received(listener);
    await listener.subscribeAsync('#');
    const plug = await signIn('plug');
    await plug.publishAsync('homie/plug/relay/power', 'true', { qos: 1 });
    await plug.publishAsync('homie/lamp/relay/power', 'true', { qos: 1 });
    await settle();
    expect(messages).toEqual(['homie/plug/relay/power true']);
  });

  it('answers a refused subscription with SUBACK 0x80 and keeps the allowed one', async () => {
    const plug = await signIn('plug');
    const suback = await plug
      .subscribeAsync(['#', 'homie/plug/+/+/set'])
      .catch((error: { packet: { granted: number[] } }) => error.packet);
    expect('granted' in suback && suback.granted).toEqual([128, 0]);
    expect(logged.join('\n')).toContain('may subscribe only under "homie/plug/"');
  });

  it('disconnects a client that keeps publishing where it may not', async () => {
    const watcher = await signIn('watcher');
    const closed = new Promise<void>((resolve) => watcher.once('close', () => resolve()));
    for (let i = 0; i < REFUSALS_BEFORE_DISCONNECT; i += 1) watcher.publish('cmnd/plug/POWER', 'ON');
    await closed;
    expect(logged.join('\n')).toContain(`after ${REFUSALS_BEFORE_DISCONNECT} refused publishes`);
  });

  it("learns a discovery config's command topic from Hearth's own simulator", async () => {
    const simulator = await connectAsync(wsUrl, {
      reconnectPeriod: 0,
      wsOptions: access.internalClient('simulator'),
    });
    clients.push(simulator);
    const config = JSON.stringify({
      name: 'Gate',
      command_topic: 'garage/gate/set',
      state_topic: 'garage/gate/state',
    });
    await simulator.publishAsync('homeassistant/switch/gate/config', config, { qos: 1 });
    await settle(50);
    const switcher = await signIn('switcher');
    const listener = await signIn('watcher');
    const messages = received(listener);
    await listener.subscribeAsync('garage/#');
    await switcher.publishAsync('garage/gate/set', 'ON', { qos: 1 });
    await settle();
    expect(messages).toEqual(['garage/gate/set ON']);
  });

  it('closes the connections of an account that was removed or changed', async () => {
    const switcher = await signIn('switcher');
    const closed = new Promise<void>((resolve) => switcher.once('close', () => resolve()));
    expect(access.disconnectAccounts(['switcher'])).toBe(1);
    await closed;
  });
});

describe('the WebSocket endpoint', () => {
  it('refuses an upgrade without a session cookie with 401', async () => {
    expect(await upgradeStatus({})).toBe(401);
  });

  it('refuses an upgrade whose session is unknown with 401', async () => {
    expect(await upgradeStatus({ cookie: `${SESSION_COOKIE_NAME}=${'x'.repeat(43)}` })).toBe(401);
  });

  it("applies the signed-in session's role without a broker password", async () => {
    const listener = await signIn('watcher');
    const messages = received(listener);
    await listener.subscribeAsync('#');
    const page = await connectAsync(wsUrl, {
      reconnectPeriod: 0,
      wsOptions: { headers: { cookie: cookieFor('view', 'watcher') } },
    });
    clients.push(page);
    expect(page.connected).toBe(true);
    await page.publishAsync('cmnd/plug/POWER', 'ON', { qos: 1 });
    await settle();
    expect(messages).toEqual([]);
  });

  it("admits the server's own simulator, which publishes under any convention", async () => {
    const listener = await signIn('watcher');
    const messages = received(listener);
    await listener.subscribeAsync('#');
    const simulator = await connectAsync(wsUrl, {
      reconnectPeriod: 0,
      username: 'simulator',
      wsOptions: access.internalClient('simulator'),
    });
    clients.push(simulator);
    await simulator.publishAsync('tele/kitchen/SENSOR', '{"Temperature":21}', { qos: 1 });
    await settle();
    expect(messages).toEqual(['tele/kitchen/SENSOR {"Temperature":21}']);
  });

  it('refuses a wrong internal secret', async () => {
    expect(await upgradeStatus({ [INTERNAL_CLIENT_HEADER]: 'guess' })).toBe(401);
  });
});

describe('what the review found', () => {
  it('refuses a session cookie sent from a page of another origin (another port, a sibling site)', async () => {
    const cookie = cookieFor('control', 'switcher');
    const host = new URL(wsUrl).host;
    expect(await upgradeStatus({ cookie, origin: 'http://evil.example:8080' })).toBe(403);
    expect(await upgradeStatus({ cookie, origin: `http://${host.replace(/:\d+$/, ':1')}` })).toBe(403);
  });

  it("drops a person's Last Will on a command topic, which would switch a device when the screen drops", async () => {
    const listener = await signIn('owner');
    const heard = received(listener);
    await listener.subscribeAsync('cmnd/plug/POWER');
    const switcher = await signIn('switcher', tcpUrl, {
      will: { topic: 'cmnd/plug/POWER', payload: Buffer.from('ON'), qos: 0, retain: false },
    });
    switcher.stream.destroy();
    await settle(300);
    expect(heard).toEqual([]);
    expect(logged.join('\n')).toContain('Last Will');
  });

  it("lets nobody knock another account's client off by taking its client id", async () => {
    const plug = await signIn('plug', tcpUrl, { clientId: 'DVES_ABC123' });
    const error = await connectRefused(tcpUrl, {
      username: 'watcher',
      password: PASSWORD,
      clientId: 'DVES_ABC123',
    });
    expect(error.message).toMatch(/Not authorized/);
    await settle();
    expect(plug.connected).toBe(true);
  });

  it("keeps a device's client id its own while it is away, whoever asks and however", async () => {
    const plug = await signIn('plug', tcpUrl, { clientId: 'plug-session', clean: false });
    await plug.endAsync();
    for (const clean of [false, true]) {
      const error = await connectRefused(tcpUrl, {
        username: 'watcher',
        password: PASSWORD,
        clientId: 'plug-session',
        clean,
      });
      expect(error.message).toMatch(/Not authorized/);
    }
    const back = await signIn('plug', tcpUrl, { clientId: 'plug-session', clean: false });
    expect(back.connected).toBe(true);
  });

  it("delivers a person's command but does not keep it retained to switch the device again later", async () => {
    const switcher = await signIn('switcher');
    await switcher.publishAsync('cmnd/plug/POWER', 'ON', { qos: 1, retain: true });
    await settle();
    const late = await signIn('watcher');
    const messages = received(late);
    await late.subscribeAsync('cmnd/plug/POWER');
    await settle();
    expect(messages).toEqual([]);
  });

  it('closes the clients that came in while the house was open once it has accounts', async () => {
    broker.close();
    await new Promise((resolve) => httpServer.close(resolve));
    await new Promise((resolve) => tcpServer.close(resolve));
    const accounts: Account[] = [];
    await startBroker(accounts);
    const anonymous = await connectAsync(tcpUrl, { reconnectPeriod: 0 });
    clients.push(anonymous);
    accounts.push(...ACCOUNTS);
    expect(access.disconnectOpenClients()).toBe(1);
    await settle();
    expect(anonymous.connected).toBe(false);
  });
});
