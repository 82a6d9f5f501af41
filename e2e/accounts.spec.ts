import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { TASMOTA } from '../src/core/conventions/fixtures/tasmota.ts';
import { saveAccounts } from '../src/server/accounts/accountFile.ts';
import { hashPassword } from '../src/server/accounts/passwordHash.ts';
import { makeSelfSignedCertificate } from '../src/server/testCertificate.ts';
import { deviceCard, expectMetric, expectSwitchState, metric, switchControl } from './dashboard.ts';
import { expect, test } from './fixtures.ts';
import { findFreePort } from './support/freePort.ts';
import { type HearthServer, startHearthServer } from './support/hearthServer.ts';

// A Hearth with accounts (issue 12): the page, the API and the embedded broker obey the same
// accounts and roles. Only the embedded broker has accounts, so these run in its project only.

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const ACCOUNTS = [
  { name: 'olga', role: 'owner', password: 'olga owner password' },
  { name: 'carl', role: 'control', password: 'carl control password' },
  { name: 'vera', role: 'view', password: 'vera view password' },
] as const;
type Person = (typeof ACCOUNTS)[number];
const [OWNER, CONTROL, VIEW] = ACCOUNTS;
/** The Tasmota plugs' account: each plug reports under tele/ and stat/ (tests make many plugs). */
const PLUGS = { name: 'plugs', password: 'plugs device password', prefixes: ['tele/', 'stat/'] };

let server: HearthServer;
let dataDir: string;

async function writeAccounts(dir: string): Promise<void> {
  const createdAt = new Date().toISOString();
  const people = await Promise.all(
    ACCOUNTS.map(async ({ name, role, password }) => ({
      name,
      role,
      hash: await hashPassword(password),
      createdAt,
    })),
  );
  const device = {
    name: PLUGS.name,
    role: 'device' as const,
    prefixes: PLUGS.prefixes,
    hash: await hashPassword(PLUGS.password),
    createdAt,
  };
  const saved = await saveAccounts(dir, [...people, device]);
  if (!saved.ok) throw new Error(saved.reason);
}

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-accounts-'));
  await writeAccounts(dataDir);
  server = await startHearthServer({ dataDir });
});

test.afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * An MQTT client of the test's own; resolves with the broker's refusal in words when refused (a
 * refused WebSocket closes without an MQTT error, so a close before CONNACK counts too).
 */
function tryConnect(url: string, options: IClientOptions = {}): Promise<MqttClient | string> {
  return new Promise((resolve) => {
    const client = connect(url, {
      clientId: `hearth-e2e-${randomBytes(4).toString('hex')}`,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...options,
    });
    const refuse = (reason: string) => {
      client.end(true);
      resolve(reason);
    };
    client.once('connect', () => resolve(client));
    client.once('error', (error) => refuse(error.message));
    client.once('close', () => refuse('closed before the broker answered'));
  });
}

async function connectAs(
  url: string,
  person: Person | typeof PLUGS,
  options: IClientOptions = {},
): Promise<MqttClient> {
  const client = await tryConnect(url, { username: person.name, password: person.password, ...options });
  if (typeof client === 'string') throw new Error(`${person.name} could not connect: ${client}`);
  return client;
}

/** Collects what arrives on `filter` as "topic payload" lines. */
async function listen(client: MqttClient, filter: string): Promise<string[]> {
  const heard: string[] = [];
  // Several listeners may share one client: each keeps what its own filter matches.
  const prefix = filter.endsWith('/#') ? filter.slice(0, -1) : null;
  client.on('message', (topic, payload) => {
    if (prefix === null ? topic === filter : topic.startsWith(prefix))
      heard.push(`${topic} ${payload.toString('utf8')}`);
  });
  await client.subscribeAsync(filter, { qos: 1 });
  return heard;
}

async function signIn(page: Page, url: string, person: Person): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
}

/** A Tasmota plug under a fresh name, online (its retained Last Will topic), published with the plugs' device account. */
async function publishPlug(plugs: MqttClient): Promise<string> {
  const name = `plug_${randomBytes(3).toString('hex')}`;
  await plugs.publishAsync(`tele/${name}/LWT`, TASMOTA.lwtOnline.payload, { qos: 1, retain: true });
  return name;
}

/** What the plug says once a screen watches: its name (STATUS) and its relay off (STATE). */
async function reportPlug(plugs: MqttClient, name: string): Promise<void> {
  for (const message of [TASMOTA.status, TASMOTA.state])
    await plugs.publishAsync(message.topic.replace('kitchen_plug', name), message.payload, { qos: 1 });
}

test.describe('@embedded-only', () => {
  test('anonymous and wrong-password clients are refused over TCP and WebSocket; an account signs in', async ({
    request,
  }) => {
    expect(await tryConnect(server.tcpUrl)).toMatch(/Not authorized/);
    expect(await tryConnect(server.tcpUrl, { username: VIEW.name, password: 'not it' })).toMatch(
      /Not authorized/,
    );
    // Without a session cookie the WebSocket is refused before MQTT begins.
    expect(await tryConnect(server.wsUrl)).toBe('closed before the broker answered');
    expect(await upgradeStatus(server.httpPort)).toBe(401);

    const owner = await connectAs(server.tcpUrl, OWNER);
    await owner.endAsync();
    // Nothing but the sign-in answers without a session.
    const api = await request.get(`${server.pageUrl}api/devices`, { failOnStatusCode: false });
    expect(api.status()).toBe(401);
  });

  test('the session cookie is HttpOnly and SameSite=Strict, and signing out ends it everywhere', async ({
    page,
    context,
    request,
  }) => {
    await signIn(page, server.pageUrl, OWNER);
    const cookies = await context.cookies(server.pageUrl);
    const session = cookies.find((cookie) => cookie.name === 'hearth_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });
    // A browser session, not a kept screen: it ends with the browser.
    expect(session?.expires).toBe(-1);

    const asSession = { Cookie: `hearth_session=${session?.value}` };
    expect((await request.get(`${server.pageUrl}api/session`, { headers: asSession })).status()).toBe(200);

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
    const after = await request.get(`${server.pageUrl}api/session`, {
      headers: asSession,
      failOnStatusCode: false,
    });
    expect(after.status()).toBe(401);
  });

  test('a wrong password is refused, and repeated failures make even the right one wait', async ({
    page,
    request,
  }) => {
    // A server of its own: the throttle slows this address for every name, which would slow the
    // other tests' sign-ins.
    const ownDir = await mkdtemp(path.join(tmpdir(), 'hearth-throttle-'));
    await writeAccounts(ownDir);
    const own = await startHearthServer({ dataDir: ownDir });
    try {
      await page.goto(own.pageUrl);
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        await page.getByLabel('Name').fill(OWNER.name);
        await page.getByLabel('Password').fill(`guess ${attempt}`);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expect(page.getByRole('alert')).toContainText(attempt < 3 ? 'wrong' : /wait|try again/i);
      }

      // The throttle answers before any password is checked: the right one waits too. Failing on
      // until the wait is 4 s or more (each failure past the free ones doubles it), so that no busy
      // machine can let it run out between the last failure and the right password.
      const login = (password: string) =>
        request.post(`${own.pageUrl}api/login`, {
          headers: { 'X-Hearth-Request': '1', Origin: own.pageUrl.slice(0, -1) },
          data: { name: OWNER.name, password },
          failOnStatusCode: false,
        });
      for (let guess = 4, waitS = 0; waitS < 4; guess += 1) {
        expect(guess, 'the wait grows with each failure').toBeLessThan(12);
        const failed = await login(`guess ${guess}`);
        expect([401, 429]).toContain(failed.status());
        waitS = Number(failed.headers()['retry-after'] ?? 0);
        if (waitS > 0 && waitS < 4) await new Promise((resolve) => setTimeout(resolve, waitS * 1000 + 100));
      }
      const throttled = await login(OWNER.password);
      expect(throttled.status()).toBe(429);
      expect(Number(throttled.headers()['retry-after'])).toBeGreaterThan(0);
      expect(((await throttled.json()) as { error: string }).error).toMatch(/wait|try again/i);
    } finally {
      await own.stop();
      await rm(ownDir, { recursive: true, force: true });
    }
  });

  test('a view account sees live values and no switch, and a publish it crafts over the WebSocket reaches nobody', async ({
    page,
  }) => {
    const owner = await connectAs(server.tcpUrl, OWNER);
    const plugs = await connectAs(server.tcpUrl, PLUGS);
    const name = await publishPlug(plugs);
    const heard = await listen(owner, `cmnd/${name}/#`);
    try {
      await signIn(page, `${server.pageUrl}?topics=%23`, VIEW);
      const card = deviceCard(page, name);
      await expect(card).toHaveAttribute('data-status', 'online');
      await reportPlug(plugs, name);
      await plugs.publishAsync(`tele/${name}/SENSOR`, JSON.stringify({ ENERGY: { Power: 42 } }));
      await expectMetric(card, 'power', 42);
      // The relay's state is shown in words, with no control to change it.
      await expect(metric(card, 'switch')).toHaveText('Off');
      await expect(switchControl(card, 'POWER')).toHaveCount(0);

      // Bypassing the page: an MQTT CONNECT and PUBLISH written by hand on the page's own
      // WebSocket, which carries the view session's cookie.
      const outcome = await page.evaluate(craftedPublish, { topic: `cmnd/${name}/POWER`, payload: 'ON' });
      expect(outcome.connack).toBe(0);
      await page.waitForTimeout(1000);
      expect(heard).toEqual([]);
    } finally {
      await Promise.all([owner.endAsync(), plugs.endAsync()]);
    }
  });

  test('a control account switches a relay, and the action is in the event log with who did it', async ({
    page,
  }) => {
    const owner = await connectAs(server.tcpUrl, OWNER);
    const plugs = await connectAs(server.tcpUrl, PLUGS);
    const name = await publishPlug(plugs);
    const heard = await listen(owner, `cmnd/${name}/#`);
    try {
      await signIn(page, `${server.pageUrl}?topics=%23`, CONTROL);
      const card = deviceCard(page, name);
      await expect(card).toHaveAttribute('data-status', 'online');
      await reportPlug(plugs, name);
      const relay = switchControl(card, 'POWER');
      await expectSwitchState(relay, 'off');
      await relay.click();
      await expect.poll(() => heard).toEqual([`cmnd/${name}/POWER ON`]);

      // A control account cannot publish what is not a command, whatever it writes by hand.
      const sensor = await listen(owner, `tele/${name}/SENSOR`);
      const crafted = await page.evaluate(craftedPublish, {
        topic: `tele/${name}/SENSOR`,
        payload: '{"ENERGY":{"Power":9999}}',
      });
      expect(crafted.connack).toBe(0);
      await page.waitForTimeout(1000);
      expect(sensor).toEqual([]);

      const log = await page.request.get(`${server.pageUrl}api/control-log?limit=20`);
      const { actions } = (await log.json()) as { actions: Array<Record<string, unknown>> };
      expect(actions.find((action) => action.topic === `cmnd/${name}/POWER`)).toMatchObject({
        account: CONTROL.name,
        payload: 'ON',
      });
      // …and in the event log, with who did it.
      await page.getByRole('button', { name: /^Log/ }).click();
      const row = page.locator(`[data-control-action][data-topic="cmnd/${name}/POWER"]`);
      await expect(row).toHaveAttribute('data-account', CONTROL.name);
      await expect(row).toContainText(CONTROL.name);
    } finally {
      await Promise.all([owner.endAsync(), plugs.endAsync()]);
    }
  });

  test('on the network with no accounts Hearth refuses to start and says how to add the first', async () => {
    const emptyDir = await mkdtemp(path.join(tmpdir(), 'hearth-refusal-'));
    try {
      const port = await findFreePort();
      const result = await runServer([
        '--host',
        '0.0.0.0',
        '--port',
        String(port),
        '--mqtt-port',
        '0',
        '--no-simulator',
        '--data-dir',
        emptyDir,
      ]);
      expect(result.code).toBe(78);
      expect(result.stderr).toContain('will not start on 0.0.0.0 with no accounts');
      expect(result.stderr).toContain('npm run user -- add');
      expect(result.stderr).toContain('--role owner');
      expect(result.stdout).not.toContain('Hearth is running');
    } finally {
      await rm(emptyDir, { recursive: true, force: true });
    }
  });
});

test.describe('@embedded-only under TLS', () => {
  let tlsServer: HearthServer;
  let tlsDir: string;
  let mqttsPort: number;
  test.use({ ignoreHTTPSErrors: true });

  test.beforeAll(async () => {
    tlsDir = await mkdtemp(path.join(tmpdir(), 'hearth-tls-'));
    await writeAccounts(tlsDir);
    // A self-signed certificate made for this test, as a person would with openssl.
    const { certFile, keyFile } = makeSelfSignedCertificate(tlsDir, '127.0.0.1');
    mqttsPort = await findFreePort();
    tlsServer = await startHearthServer({
      dataDir: tlsDir,
      extraArgs: ['--tls-cert', certFile, '--tls-key', keyFile, '--mqtts-port', String(mqttsPort)],
    });
  });

  test.afterAll(async () => {
    await tlsServer?.stop();
    await rm(tlsDir, { recursive: true, force: true });
  });

  test('HTTPS and WSS on the port, plain HTTP redirected, HSTS, Secure cookies and MQTTS with an account', async ({
    page,
    context,
  }) => {
    const httpsUrl = `https://127.0.0.1:${tlsServer.httpPort}/`;
    const plain = await fetch(`http://127.0.0.1:${tlsServer.httpPort}/?topics=%23`, { redirect: 'manual' });
    expect(plain.status).toBe(308);
    expect(plain.headers.get('location')).toBe(`${httpsUrl}?topics=%23`);

    const shell = await page.request.get(httpsUrl);
    expect(shell.headers()['strict-transport-security']).toMatch(/max-age=\d+/);

    const plugs = await connectAs(`mqtts://127.0.0.1:${mqttsPort}`, PLUGS, { rejectUnauthorized: false });
    try {
      expect(await tryConnect(`mqtts://127.0.0.1:${mqttsPort}`, { rejectUnauthorized: false })).toMatch(
        /Not authorized/,
      );
      const name = await publishPlug(plugs);
      await signIn(page, `${httpsUrl}?topics=%23`, VIEW);
      const cookie = (await context.cookies(httpsUrl)).find((each) => each.name === 'hearth_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
      // Live values arrive over WSS.
      const card = deviceCard(page, name);
      await expect(card).toHaveAttribute('data-status', 'online');
      await reportPlug(plugs, name);
      await plugs.publishAsync(`tele/${name}/SENSOR`, JSON.stringify({ ENERGY: { Power: 17 } }));
      await expectMetric(card, 'power', 17);
    } finally {
      await plugs.endAsync();
    }
  });
});

/** The status line a WebSocket upgrade to /mqtt gets, as a browser without a session sends it. */
function upgradeStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/mqtt',
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Protocol': 'mqtt',
      },
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve(101);
    });
    request.on('error', reject);
    request.end();
  });
}

function runServer(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/server/main.ts', ...args],
      { cwd: REPO_ROOT, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs in the page: opens the broker's WebSocket as the page would (same origin, so with the
 * page's session cookie), writes an MQTT 3.1.1 CONNECT by hand, then a PUBLISH at QoS 0.
 * Resolves with the CONNACK's return code once the publish has been sent.
 */
async function craftedPublish({ topic, payload }: { topic: string; payload: string }) {
  const encoder = new TextEncoder();
  const field = (text: string) => {
    const bytes = encoder.encode(text);
    return [bytes.length >> 8, bytes.length & 0xff, ...bytes];
  };
  const packet = (first: number, body: number[]) => {
    const length: number[] = [];
    let remaining = body.length;
    do {
      let byte = remaining % 128;
      remaining = Math.floor(remaining / 128);
      if (remaining > 0) byte |= 0x80;
      length.push(byte);
    } while (remaining > 0);
    return new Uint8Array([first, ...length, ...body]);
  };
  const { location } = globalThis as unknown as { location: { protocol: string; host: string } };
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
  const socket = new WebSocket(url, 'mqtt');
  socket.binaryType = 'arraybuffer';
  const connack = await new Promise<number>((resolve, reject) => {
    socket.onerror = () => reject(new Error('the WebSocket was refused'));
    socket.onmessage = (event) => {
      const bytes = new Uint8Array(event.data as ArrayBuffer);
      if (bytes[0] === 0x20) resolve(bytes[3] ?? -1);
    };
    socket.onopen = () =>
      socket.send(
        packet(0x10, [
          ...field('MQTT'),
          4,
          0x02,
          0,
          60,
          ...field(`crafted-${Math.random().toString(16).slice(2)}`),
        ]),
      );
  });
  socket.send(packet(0x30, [...field(topic), ...encoder.encode(payload)]));
  await new Promise((resolve) => setTimeout(resolve, 300));
  socket.close();
  return { connack };
}
