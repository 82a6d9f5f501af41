// `npm run bench -- --recorder`: the Hearth server's recorder under MQTT load, on SQLite and on
// PostgreSQL side by side in one run. The server runs as users run it (`src/server/main.ts`, the
// embedded broker, the recorder on); a publisher process sends the load over TCP; the figures
// are the server process's CPU and memory, what reached the database, the database's size, and
// how long the API takes for a 7-day chart of 200 devices and for the whole house.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStorage } from '../src/server/recorder/openStorage.ts';
import type { ReadingRow, SeriesInfo, Storage } from '../src/server/recorder/storage.ts';
import { startTestPostgres } from '../src/server/recorder/testPostgres.ts';
import { MARKER_TOPIC } from './controlClient.ts';
import { describeMachine } from './machine.ts';
import { killRunningChildren, sleep } from './processes.ts';
import { armPublisher } from './publisher.ts';
import { REPO_ROOT, startHearthServer } from './services.ts';

const PERFORMANCE_DOC = path.join(REPO_ROOT, 'docs', 'performance.md');
export const RECORDER_SECTION_START = '<!-- recorder bench: start -->';
export const RECORDER_SECTION_END = '<!-- recorder bench: end -->';

/** The chart the issue names: 7 days of 200 devices at chart resolution. */
const HISTORY_DEVICES = 200;
const HISTORY_DAYS = 7;
const HISTORY_STEP_MS = 60_000;
const HISTORY_QUANTITY = 'humidity';
const SEED_CHUNK_ROWS = 20_000;
const API_REPEATS = 15;
/** How long the load's last readings may take to reach the database (one flush a second). */
const DRAIN_TIMEOUT_MS = 60_000;
const RSS_SAMPLE_MS = 5_000;
const CLOCK_TICKS_PER_S = 100;

export const RECORDER_USAGE = `Usage: npm run bench -- --recorder [options]

Measures the Hearth server's recorder: the server with its embedded broker and recorder, a
publisher at RATE msg/s over DEVICES devices for SECONDS, on SQLite and PostgreSQL in turn.

  --seconds T         load per database, default 60 (600 for the memory figure of the issue)
  --rate R            messages per second, default 20000
  --devices D         devices, default 1000
  --only sqlite|postgres  one database only
  --database URL      PostgreSQL to use instead of a throwaway cluster (its tables are written)
  --write-doc         replace the recorder section of docs/performance.md with this run`;

interface RecorderBenchOptions {
  seconds: number;
  rate: number;
  devices: number;
  backends: Array<'sqlite' | 'postgres'>;
  database: string | null;
  writeDoc: boolean;
}

export interface RecorderRun {
  backend: 'sqlite' | 'postgres';
  seconds: number;
  rate: number;
  devices: number;
  published: number;
  achievedRate: number;
  /** Load readings found in the database once it had drained. */
  stored: number;
  lost: number;
  /** The server process over the load, 1.00 = one core. */
  serverCpu: number;
  rssStartMB: number;
  rssEndMB: number;
  rssMaxMB: number;
  /** Ms from the end of the load until the database held every reading it was going to. */
  drainMs: number;
  /** `/api/history?quantity=` for 200 devices over 7 days. */
  historyMs: { p50: number; max: number; series: number; points: number; tier: string };
  devicesMs: { p50: number; max: number; devices: number; bytes: number };
  databaseBytes: number;
  readingsInDatabase: number;
  bytesPerReading: number;
  seedSeconds: number;
}

function parseOptions(argv: readonly string[]): RecorderBenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--recorder'),
    strict: true,
    options: {
      seconds: { type: 'string' },
      rate: { type: 'string' },
      devices: { type: 'string' },
      only: { type: 'string' },
      database: { type: 'string' },
      'write-doc': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const whole = (text: string | undefined, fallback: number, name: string, max: number) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > max)
      throw new Error(`${name} must be a whole number from 1 to ${max} (got '${text}')`);
    return value;
  };
  const only = values.only;
  if (only !== undefined && only !== 'sqlite' && only !== 'postgres')
    throw new Error('--only must be sqlite or postgres');
  return {
    seconds: whole(values.seconds, 60, '--seconds', 3600),
    rate: whole(values.rate, 20_000, '--rate', 100_000),
    devices: whole(values.devices, 1000, '--devices', 10_000),
    backends: only === undefined ? ['sqlite', 'postgres'] : [only],
    database: values.database ?? null,
    writeDoc: values['write-doc'] === true,
  };
}

function log(line: string): void {
  console.error(line);
}

/** Seven days of one reading a minute for 200 devices, written before the server starts. */
async function seedHistory(storage: Storage, nowMs: number): Promise<number> {
  const from = nowMs - HISTORY_DAYS * 24 * 3600_000;
  let rows: ReadingRow[] = [];
  let written = 0;
  for (let device = 0; device < HISTORY_DEVICES; device++) {
    const info: SeriesInfo = {
      device: `generic/history${device}`,
      metric: HISTORY_QUANTITY,
      handle: HISTORY_QUANTITY,
      quantity: HISTORY_QUANTITY,
      unit: '%',
    };
    const series = await storage.addSeries(info);
    for (let at = from; at < nowMs; at += HISTORY_STEP_MS) {
      rows.push({ series, at, value: 45 + 10 * Math.sin((at / 3600_000 + device) / 4) });
      if (rows.length >= SEED_CHUNK_ROWS) {
        await storage.write(rows, []);
        written += rows.length;
        rows = [];
      }
    }
  }
  await storage.write(rows, []);
  written += rows.length;
  await storage.rollUp(from, nowMs);
  return written;
}

/** CPU seconds (user + system) of a process so far. */
async function cpuSeconds(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
}

async function rssMB(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

async function countReadings(storage: Storage, seriesIds: readonly number[], from: number, to: number) {
  let total = 0;
  for (const id of seriesIds) total += await storage.countRaw(id, from, to, Number.MAX_SAFE_INTEGER);
  return total;
}

async function timeRequests(url: string): Promise<{ times: number[]; body: string; bytes: number }> {
  const times: number[] = [];
  let body = '';
  let bytes = 0;
  for (let i = 0; i < API_REPEATS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { 'accept-encoding': 'gzip, br' } });
    body = await response.text();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
    bytes = Number(response.headers.get('content-length') ?? body.length);
  }
  return { times, body, bytes };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const round1 = (value: number) => Math.round(value * 10) / 10;

async function runBackend(
  backend: 'sqlite' | 'postgres',
  options: RecorderBenchOptions,
  cleanup: Array<() => Promise<void>>,
): Promise<RecorderRun> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `hearth-recorder-bench-${backend}-`));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  let database: string | undefined;
  if (backend === 'postgres') {
    if (options.database !== null) database = options.database;
    else {
      const cluster = await startTestPostgres();
      if (cluster === null) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
      cleanup.push(cluster.stop);
      database = cluster.url;
    }
  }

  log(`  seeding ${HISTORY_DAYS} days of ${HISTORY_DEVICES} devices…`);
  const seedStarted = performance.now();
  const seeding = await openStorage({ database, dataDir }, log);
  await seedHistory(seeding, Date.now());
  await seeding.close();
  const seedSeconds = round1((performance.now() - seedStarted) / 1000);

  const server = await startHearthServer({ recorder: { dataDir, database } });
  cleanup.push(server.stop);
  const { pid, broker, pageUrl } = server.info;
  const publisher = await armPublisher({
    brokerTcpUrl: broker.tcpUrl,
    rate: options.rate,
    devices: options.devices,
    seconds: options.seconds,
  });
  cleanup.push(publisher.stop);

  log(`  ${options.rate} msg/s over ${options.devices} devices for ${options.seconds} s…`);
  const loadFrom = Date.now();
  const rss: number[] = [await rssMB(pid)];
  const sampler = setInterval(() => {
    rssMB(pid).then(
      (mb) => rss.push(mb),
      () => {},
    );
  }, RSS_SAMPLE_MS);
  const cpuBefore = await cpuSeconds(pid);
  const wallBefore = performance.now();
  const outcome = await publisher.run({ topic: MARKER_TOPIC, value: '1' });
  const serverCpu = (await cpuSeconds(pid)) - cpuBefore;
  const loadSeconds = (performance.now() - wallBefore) / 1000;
  clearInterval(sampler);
  rss.push(await rssMB(pid));
  const loadTo = Date.now() + 1000;

  // Count what reached the database through a second connection, as another reader would.
  const reader = await openStorage({ database, dataDir }, log);
  cleanup.push(() => reader.close());
  const drainStarted = performance.now();
  let stored = 0;
  let unchangedSince = performance.now();
  while (performance.now() - drainStarted < DRAIN_TIMEOUT_MS) {
    // The series are read again each time: the final marker's series is new, and may be stored
    // after the first look.
    const ids = (await reader.loadSeries())
      .filter((series) => !series.device.startsWith('generic/history'))
      .map((series) => series.id);
    const now = await countReadings(reader, ids, loadFrom - 60_000, loadTo + 60_000);
    if (now !== stored) unchangedSince = performance.now();
    stored = now;
    // The marker is one more reading; every load message is one reading.
    if (stored >= outcome.published + 1 || performance.now() - unchangedSince > 5000) break;
    await sleep(500);
  }
  const drainMs = Math.round(performance.now() - drainStarted);

  const nowMs = Date.now();
  const history = await timeRequests(
    `${pageUrl}api/history?quantity=${HISTORY_QUANTITY}&from=${nowMs - HISTORY_DAYS * 24 * 3600_000}&to=${nowMs}&points=500`,
  );
  const historyAnswer = JSON.parse(history.body) as { series: Array<{ points: unknown[]; tier: string }> };
  const devices = await timeRequests(`${pageUrl}api/devices`);
  const devicesAnswer = JSON.parse(devices.body) as { devices: unknown[] };

  // Sizes after the server has stopped and flushed, so the file is whole.
  await server.stop();
  const readingsInDatabase = await countReadings(
    reader,
    (await reader.loadSeries()).map((series) => series.id),
    0,
    Number.MAX_SAFE_INTEGER,
  );
  const databaseBytes = backend === 'sqlite' ? await sqliteBytes(dataDir) : await reader.sizeBytes();

  return {
    backend,
    seconds: options.seconds,
    rate: options.rate,
    devices: options.devices,
    published: outcome.published + 1,
    achievedRate: Math.round(outcome.achievedRate),
    stored,
    lost: outcome.published + 1 - stored,
    serverCpu: Math.round((serverCpu / loadSeconds) * 100) / 100,
    rssStartMB: rss[0] ?? 0,
    rssEndMB: rss.at(-1) ?? 0,
    rssMaxMB: Math.max(...rss),
    drainMs,
    historyMs: {
      p50: round1(median(history.times)),
      max: round1(Math.max(...history.times)),
      series: historyAnswer.series.length,
      points: historyAnswer.series.reduce((sum, series) => sum + series.points.length, 0),
      tier: historyAnswer.series[0]?.tier ?? 'none',
    },
    devicesMs: {
      p50: round1(median(devices.times)),
      max: round1(Math.max(...devices.times)),
      devices: devicesAnswer.devices.length,
      bytes: devices.bytes,
    },
    databaseBytes,
    readingsInDatabase,
    bytesPerReading: Math.round((databaseBytes / Math.max(1, readingsInDatabase)) * 10) / 10,
    seedSeconds,
  };
}

/** The SQLite file and its write-ahead log, as the disk holds them. */
async function sqliteBytes(dataDir: string): Promise<number> {
  let total = 0;
  for (const name of ['hearth.db', 'hearth.db-wal']) {
    total += await stat(path.join(dataDir, name)).then(
      (info) => info.size,
      () => 0,
    );
  }
  return total;
}

export function renderRecorderSection(runs: readonly RecorderRun[], header: string): string {
  const column = (pick: (run: RecorderRun) => string | number) =>
    runs
      .map((run) => (typeof pick(run) === 'number' ? pick(run).toLocaleString('en-US') : pick(run)))
      .join(' | ');
  const names = runs.map((run) => (run.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL')).join(' | ');
  const rows: Array<[string, (run: RecorderRun) => string | number]> = [
    [
      'load, msg/s achieved (asked)',
      (run) => `${run.achievedRate.toLocaleString('en-US')} (${run.rate.toLocaleString('en-US')})`,
    ],
    ['devices × seconds', (run) => `${run.devices} × ${run.seconds}`],
    ['readings published', (run) => run.published],
    ['readings stored', (run) => run.stored],
    ['lost', (run) => run.lost],
    ['server process CPU during load, cores', (run) => run.serverCpu.toFixed(2)],
    ['server RSS start / end / max, MB', (run) => `${run.rssStartMB} / ${run.rssEndMB} / ${run.rssMaxMB}`],
    ['last reading stored after the load ended, ms', (run) => run.drainMs],
    [
      '7-day chart of 200 devices (`/api/history?quantity=`), p50 / max ms',
      (run) =>
        `${run.historyMs.p50} / ${run.historyMs.max} (${run.historyMs.series} series, ${run.historyMs.points.toLocaleString('en-US')} points, ${run.historyMs.tier})`,
    ],
    [
      '`/api/devices`, p50 / max ms',
      (run) =>
        `${run.devicesMs.p50} / ${run.devicesMs.max} (${run.devicesMs.devices} devices, ${run.devicesMs.bytes.toLocaleString('en-US')} bytes compressed)`,
    ],
    ['readings in the database (seeded + load)', (run) => run.readingsInDatabase],
    ['database size, MB', (run) => (run.databaseBytes / 1e6).toFixed(1)],
    ['bytes per reading (size ÷ readings, rollups and indexes included)', (run) => run.bytesPerReading],
    ['seeding 2 million readings, s', (run) => run.seedSeconds],
  ];
  const table = [
    `|  | ${names} |`,
    `|---|${runs.map(() => '--:').join('|')}|`,
    ...rows.map(([label, pick]) => `| ${label} | ${column(pick)} |`),
  ].join('\n');
  return `${RECORDER_SECTION_START}
## Recorder

${header}

${table}

How it is measured: \`npm run bench -- --recorder\` (bench/recorder.ts) seeds ${HISTORY_DAYS} days of one
reading a minute for ${HISTORY_DEVICES} devices into the database, starts the Hearth server as \`npm start\`
runs it (embedded broker, recorder on, no simulator) on that database, and has a publisher process
send the load over MQTT/TCP to the embedded broker: QoS 0, round-robin over \`house/devN/temperature\`
and \`house/devN/brightness\`. "Stored" counts the load's readings in the database through a second
connection once nothing more arrives; "lost" is published minus stored. CPU and memory are the
server process's (/proc), which holds the broker, the recorder and the API: PostgreSQL's own
processes are not in it. The API figures are ${API_REPEATS} requests each after the load, compressed as a
browser asks. PostgreSQL is a throwaway cluster on the same machine, default settings.
${RECORDER_SECTION_END}`;
}

async function writeRecorderSection(section: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  const doc = await readFile(PERFORMANCE_DOC, 'utf8');
  const start = doc.indexOf(RECORDER_SECTION_START);
  const end = doc.indexOf(RECORDER_SECTION_END);
  const next =
    start >= 0 && end > start
      ? `${doc.slice(0, start)}${section}${doc.slice(end + RECORDER_SECTION_END.length)}`
      : `${doc.trimEnd()}\n\n${section}\n`;
  await writeFile(PERFORMANCE_DOC, next);
}

export async function runRecorderBench(argv: readonly string[]): Promise<number> {
  let options: RecorderBenchOptions | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${RECORDER_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(RECORDER_USAGE);
    return 0;
  }
  const startedAt = new Date();
  const machine = describeMachine('not used');
  const runs: RecorderRun[] = [];
  let failed = false;
  for (const backend of options.backends) {
    log(`Recorder on ${backend}`);
    const cleanup: Array<() => Promise<void>> = [];
    try {
      const run = await runBackend(backend, options, cleanup);
      runs.push(run);
      log(`  ${JSON.stringify(run)}`);
    } catch (error) {
      failed = true;
      log(`  failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      for (const step of cleanup.reverse()) await step().catch(() => {});
    }
  }
  killRunningChildren();
  const minutes = Math.round((Date.now() - startedAt.getTime()) / 60_000);
  const header = `- Date: ${startedAt.toISOString().slice(0, 10)}, ${minutes} min; Node ${machine.node}.
- CPU: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGB} GB; ${machine.os}.`;
  const section = renderRecorderSection(runs, header);
  console.log(section);
  if (options.writeDoc && runs.length > 0) {
    await writeRecorderSection(section);
    log('Rewrote the recorder section of docs/performance.md');
  }
  return failed ? 1 : 0;
}
