import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiDevice,
  ApiDevicesResponse,
  ApiEventsResponse,
  ApiHistoryBatchResponse,
  ApiHistoryResponse,
} from '../../core/historyApi.ts';
import { createSqliteStorage } from '../recorder/sqliteStorage.ts';
import {
  DEFAULT_RETENTION,
  type EventRow,
  type ReadingRow,
  type RecorderView,
  type Storage,
} from '../recorder/storage.ts';
import { createApiHandler } from './apiHandler.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** The rollup ran up to 20 minutes ago; the newest readings are raw only. */
const ROLLED_UP_TO = NOW - 20 * MINUTE_MS;

const KITCHEN: ApiDevice = {
  key: 'generic/kitchen',
  id: 'kitchen',
  convention: 'generic',
  name: 'Kitchen',
  status: 'online',
  availability: true,
  lastSeenAt: NOW - 1000,
  topics: ['house/hall/temperature'],
  readings: [],
};

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let directory = '';
let storage: Storage;
let server: Server;
let noRecorderServer: Server;
const pending: Array<[number, number]> = [[NOW - 1000, 42]];

function serve(view: RecorderView | null): Promise<Server> {
  const api = createApiHandler(view, { brokerWsUrl: null, now: () => NOW, log: () => {} });
  const httpServer = createServer((req, res) => {
    if (api(req, res)) return;
    res.statusCode = 200;
    res.end('static file');
  });
  return new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve(httpServer)));
}

function get(target: Server, pathAndQuery: string, headers: Record<string, string> = {}, method = 'GET') {
  const { port } = target.address() as AddressInfo;
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathAndQuery, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function json<T>(answer: Answer): T {
  const encoding = answer.headers['content-encoding'];
  const raw =
    encoding === 'br'
      ? brotliDecompressSync(answer.body)
      : encoding === 'gzip'
        ? gunzipSync(answer.body)
        : answer.body;
  return JSON.parse(raw.toString('utf8')) as T;
}

const kitchenTemperature = (query: string) =>
  get(server, `/api/history?device=kitchen&convention=generic&metric=temperature&${query}`);

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'hearth-api-'));
  storage = await createSqliteStorage(path.join(directory, 'hearth.db'));
  const id = await storage.addSeries({
    device: 'generic/kitchen',
    metric: 'temperature',
    handle: 'temperature',
    quantity: 'temperature',
    unit: '°C',
  });
  await storage.addSeries({
    device: 'generic/hall',
    metric: 'temp',
    handle: 'temperature',
    quantity: 'temperature',
    unit: '°C',
  });
  // 31 days of a reading every 10 minutes: 20 °C, and a 35 °C spike ten days ago.
  const readings: ReadingRow[] = [];
  for (let at = NOW - 31 * DAY_MS; at < NOW - 5 * MINUTE_MS; at += 10 * MINUTE_MS) {
    readings.push({ series: id, at, value: at === NOW - 10 * DAY_MS ? 35 : 20 });
  }
  readings.push({ series: id, at: NOW - 5 * MINUTE_MS, value: 30 });
  const events: EventRow[] = [
    {
      at: NOW - 3 * HOUR_MS,
      kind: 'offline',
      device: 'generic/kitchen',
      name: 'Kitchen',
      metric: null,
      value: null,
      text: 'Kitchen went offline',
      until: null,
    },
    {
      at: NOW - 2 * HOUR_MS,
      kind: 'online',
      device: 'generic/kitchen',
      name: 'Kitchen',
      metric: null,
      value: null,
      text: 'Kitchen is back online',
      until: null,
    },
    {
      at: NOW - HOUR_MS,
      kind: 'switch',
      device: 'generic/hall',
      name: 'Hall',
      metric: 'switch',
      value: 1,
      text: 'Hall switched on',
      until: null,
    },
    {
      at: NOW - 6 * HOUR_MS,
      kind: 'recorder-outage',
      device: null,
      name: null,
      metric: null,
      value: null,
      text: 'Hearth was not recording',
      until: NOW - 5 * HOUR_MS,
    },
  ];
  await storage.write(readings, events);
  await storage.rollUp(NOW - 32 * DAY_MS, ROLLED_UP_TO);
  const series = await storage.loadSeries();
  const view: RecorderView = {
    devices: () => [KITCHEN],
    series: () => series,
    pending: (seriesId, from, to) =>
      seriesId === id ? pending.filter(([at]) => at >= from && at <= to) : [],
    storage,
    retention: DEFAULT_RETENTION,
  };
  server = await serve(view);
  noRecorderServer = await serve(null);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => noRecorderServer?.close(resolve));
  await storage?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('the API on a real SQLite history', () => {
  it('leaves paths outside /api to the static files', async () => {
    const answer = await get(server, '/apiary');
    expect(answer.body.toString()).toBe('static file');
  });

  it('lists the devices with the broker dashboards should use', async () => {
    const answer = await get(server, '/api/devices');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(json<ApiDevicesResponse>(answer)).toEqual({ now: NOW, broker: null, devices: [KITCHEN] });
  });

  it('answers the last hour as raw readings, the pending one included', async () => {
    const answer = await kitchenTemperature(`from=${NOW - HOUR_MS}&to=${NOW}`);
    const history = json<ApiHistoryResponse>(answer);
    expect(answer.status).toBe(200);
    expect(history).toMatchObject({
      device: 'kitchen',
      convention: 'generic',
      metric: 'temperature',
      handle: 'temperature',
      quantity: 'temperature',
      unit: '°C',
      tier: 'raw',
      bucketMs: 0,
      gaps: [],
    });
    expect(history.points.slice(-2)).toEqual([
      [NOW - 5 * MINUTE_MS, 30],
      [NOW - 1000, 42],
    ]);
    expect(history.points).toHaveLength(8);
  });

  it('finds a metric by its handle as well as its native name', async () => {
    const answer = await get(server, `/api/history?device=hall&convention=generic&metric=temperature`);
    expect(json<ApiHistoryResponse>(answer)).toMatchObject({ metric: 'temp', handle: 'temperature' });
  });

  it('answers 30 days as merged hourly buckets, the spike kept and the last minutes from raw', async () => {
    const answer = await kitchenTemperature(`from=${NOW - 30 * DAY_MS}&to=${NOW}&points=500`);
    const history = json<ApiHistoryResponse>(answer);
    expect(history.tier).toBe('1h');
    expect(history.bucketMs).toBe(2 * HOUR_MS);
    expect(history.points.length).toBeGreaterThan(300);
    expect(history.points.length).toBeLessThanOrEqual(500);
    for (const point of history.points) expect(point).toHaveLength(4);
    expect(history.points.filter((point) => point[3] === 35)).toHaveLength(1);
    // Neither the 30 °C reading nor the pending 42 °C was rolled up; the chart still shows them.
    const [start, mean, min, max] = history.points.at(-1) ?? [];
    expect(start).toBe(Math.floor((NOW - 1000) / (2 * HOUR_MS)) * 2 * HOUR_MS);
    expect([min, max]).toEqual([20, 42]);
    expect(mean).toBeGreaterThan(20);
    expect(mean).toBeLessThan(42);
  });

  it('answers a week as 5-minute buckets merged to the points asked for', async () => {
    const history = json<ApiHistoryResponse>(
      await kitchenTemperature(`from=${NOW - 7 * DAY_MS}&to=${NOW}&points=500`),
    );
    expect(history.tier).toBe('5m');
    expect(history.points.length).toBeLessThanOrEqual(500);
    expect(history.bucketMs % (5 * MINUTE_MS)).toBe(0);
  });

  it("marks the recorder's outages as gaps", async () => {
    const history = json<ApiHistoryResponse>(
      await kitchenTemperature(`from=${NOW - 12 * HOUR_MS}&to=${NOW}`),
    );
    expect(history.gaps).toEqual([{ from: NOW - 6 * HOUR_MS, to: NOW - 5 * HOUR_MS }]);
  });

  it('answers every series of a quantity at once', async () => {
    const batch = json<ApiHistoryBatchResponse>(
      await get(server, `/api/history?quantity=temperature&from=${NOW - HOUR_MS}`),
    );
    expect(batch.quantity).toBe('temperature');
    expect(batch.series.map((one) => `${one.convention}/${one.device}`)).toEqual([
      'generic/hall',
      'generic/kitchen',
    ]);
    expect(batch.series[1]?.points).toHaveLength(8);
  });

  it('compresses a large answer with Brotli or gzip, as the client accepts', async () => {
    const query = `from=${NOW - 30 * DAY_MS}&to=${NOW}`;
    const path = `/api/history?device=kitchen&convention=generic&metric=temperature&${query}`;
    const brotli = await get(server, path, { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await get(server, path, { 'accept-encoding': 'gzip' });
    const plain = await get(server, path);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2);
    expect(json(brotli)).toEqual(json(plain));
    expect(json(gzip)).toEqual(json(plain));
  });

  it('lists events newest first, says when the limit cut them, and filters by device', async () => {
    const all = json<ApiEventsResponse>(await get(server, `/api/events?from=${NOW - DAY_MS}&to=${NOW}`));
    expect(all.events.map((event) => event.kind)).toEqual(['switch', 'online', 'offline', 'recorder-outage']);
    expect(all.truncated).toBe(false);
    const cut = json<ApiEventsResponse>(await get(server, '/api/events?limit=2'));
    expect(cut.events).toHaveLength(2);
    expect(cut.truncated).toBe(true);
    const kitchen = json<ApiEventsResponse>(
      await get(server, '/api/events?device=kitchen&convention=generic'),
    );
    expect(kitchen.events.map((event) => event.text)).toEqual([
      'Kitchen is back online',
      'Kitchen went offline',
    ]);
  });

  it.each([
    [
      '/api/history?device=kitchen&convention=generic&metric=temperature&points=9000',
      "points must be a whole number from 1 to 5000 (got '9000').",
    ],
    [
      '/api/history?device=kitchen&convention=generic&metric=temperature&from=0&to=999999999999',
      'The range from..to is longer than 10 years.',
    ],
    [
      '/api/history?device=kitchen&convention=lora&metric=temperature',
      "convention must be one of generic, homeassistant, homie, tasmota, zigbee2mqtt, shelly, homeseer, custom (got 'lora').",
    ],
    ['/api/events?from=5&to=1', 'from (5) must be before to (1).'],
  ])('refuses %s with 400 and a reason', async (pathAndQuery, reason) => {
    const answer = await get(server, pathAndQuery);
    expect(answer.status).toBe(400);
    expect(json(answer)).toEqual({ error: reason });
  });

  it.each([
    [
      '/api/history?device=attic&convention=generic&metric=temperature',
      'No device generic/attic has been recorded.',
    ],
    [
      '/api/history?device=kitchen&convention=generic&metric=humidity',
      "Device generic/kitchen has no recorded metric 'humidity'.",
    ],
    ['/api/rooms', 'No such API: /api/rooms (try /api/devices, /api/history, /api/events or /api/layout).'],
  ])('answers %s with 404 and a reason', async (pathAndQuery, reason) => {
    const answer = await get(server, pathAndQuery);
    expect(answer.status).toBe(404);
    expect(json(answer)).toEqual({ error: reason });
  });

  it('answers 405 to anything but GET', async () => {
    const answer = await get(server, '/api/devices', {}, 'POST');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });

  it('says the recorder is off when it is', async () => {
    const answer = await get(noRecorderServer, '/api/devices');
    expect(answer.status).toBe(404);
    expect(json(answer)).toEqual({
      error: 'The recorder is off (--no-recorder): this server keeps no history.',
    });
  });
});
