import { parseArgs } from 'node:util';

export type PageKind = 'hearth' | 'limit';
export type BrokerKind = 'aedes' | 'mosquitto';

/** One load of the matrix: `rate` messages per second spread over `devices` devices. */
export interface Cell {
  rate: number;
  devices: number;
}

export interface BenchOptions {
  cells: Cell[];
  seconds: number;
  pages: PageKind[];
  storm: boolean;
  memory: boolean;
  broker: BrokerKind;
  /** JSON results file; null: bench/results/<timestamp>.json. */
  outFile: string | null;
  writeDoc: boolean;
  /**
   * How many times slower Chromium runs both pages' main threads (CDP
   * Emulation.setCPUThrottlingRate): 1 is this machine, 4 the cheap wall tablet's profile.
   */
  cpuThrottle: number;
  /** Trace each load's window and report where the main thread's time went. */
  trace: boolean;
  /** With --trace-dir: where each load's trace is kept whole. */
  traceDir: string | null;
  /** Record a CPU profile of each load and name the functions the main thread ran most. */
  profile: boolean;
  /** More URL parameters for the dashboard (`kiosk=1&worker=0`), to compare configurations. */
  hearthParams: string;
  /** Issue 13's start-up instead of the load runs: 7 days of 200 devices from the server. */
  startup: boolean;
}

/** The cheap Android wall tablet, as Lighthouse's mobile profile slows a desktop CPU. */
export const TABLET_CPU_THROTTLE = 4;
const CPU_THROTTLE_MAX = 20;

export const MATRIX_RATES = [100, 1000, 5000, 20_000];
export const MATRIX_DEVICES = [10, 200, 1000];
export const QUICK_CELLS: Cell[] = [
  { rate: 1000, devices: 10 },
  { rate: 5000, devices: 200 },
  { rate: 20_000, devices: 200 },
];
const RATE_MAX = 100_000;
const DEVICES_MAX = 10_000;
const SECONDS_MAX = 300;

export const USAGE = `Usage: npm run bench -- [options]

Measures the dashboard in headless Chromium under MQTT load, beside a bare MQTT.js page.
Without a selection it runs everything: the matrix, the retained storm and the memory run.

Selection (combine freely):
  --quick             1000:10, 5000:200, 20000:200 and the retained storm
  --cell R:D[,R:D]    these cells (rate msg/s : devices); repeatable
  --rate R[,R]        matrix cells with these rates (with --devices: exactly those)
  --devices D[,D]     matrix cells with these device counts
  --storm             10,000 retained topics before the page loads
  --memory            5 minutes at 1000 msg/s over 200 devices, heap at 1 and 5 minutes
  --recorder          the server's recorder instead, on SQLite and PostgreSQL
                      (npm run bench -- --recorder --help)
  --history-size      bytes on disk per reading, bucket and event, and per device-year
  --sections          what grouping the grid by room costs per frame, beside the card order
  --startup           the tablet's start-up (issue 13): the server holds 7 days of history for
                      200 devices and the broker their retained values; from navigation, when
                      200 cards show a value, when the charts are drawn, and the long tasks
                      (filling a fresh data directory first takes about 10 s here). Runs alone;
                      takes --cpu-throttle/--tablet, --hearth-params, --out, --write-doc and
                      --trace-dir (a trace and a CPU profile from navigation, kept in DIR)

Settings:
  --seconds T         load per cell, default 10 (at most ${SECONDS_MAX})
  --cpu-throttle N    run both pages' main threads N times slower (CDP), 1 to ${CPU_THROTTLE_MAX}
  --tablet            the cheap wall tablet's profile: --cpu-throttle ${TABLET_CPU_THROTTLE}
  --hearth-params Q   more URL parameters for the dashboard, e.g. 'kiosk=1&worker=0'
  --trace             trace each load and say where the main thread went (script, style and
                      layout, paint, garbage collection)
  --trace-dir DIR     --trace, keeping each trace in DIR to open in DevTools
  --profile           record a CPU profile of each load and list the hottest functions (with
                      --trace-dir, kept there as .cpuprofile)
  --only hearth|limit measure one page only
  --broker aedes|mosquitto  aedes: Hearth's embedded broker (default); mosquitto: /usr/sbin/mosquitto
  --out FILE          JSON results (default bench/results/<timestamp>.json)
  --write-doc         rewrite docs/performance.md with this run's tables
  --help`;

export type ParsedOptions =
  | { ok: true; options: BenchOptions }
  | { ok: false; reason: string }
  | { ok: 'help' };

export function parseBenchOptions(argv: readonly string[]): ParsedOptions {
  let values: ReturnType<typeof readArgs>;
  try {
    values = readArgs(argv);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { ok: 'help' };
  try {
    const seconds = numberIn(values.seconds ?? '10', '--seconds', 1, SECONDS_MAX);
    const pages = pagesFrom(values.only);
    const broker = values.broker ?? 'aedes';
    if (values.tablet === true && values['cpu-throttle'] !== undefined)
      throw new Error('--tablet is --cpu-throttle 4: give one of them');
    const cpuThrottle =
      values.tablet === true
        ? TABLET_CPU_THROTTLE
        : numberIn(values['cpu-throttle'] ?? '1', '--cpu-throttle', 1, CPU_THROTTLE_MAX);
    if (broker !== 'aedes' && broker !== 'mosquitto') throw new Error('--broker must be aedes or mosquitto');
    const startup = values.startup === true;
    if (startup) {
      const others = (
        [
          'quick',
          'cell',
          'rate',
          'devices',
          'storm',
          'memory',
          'seconds',
          'only',
          'broker',
          'trace',
          'profile',
        ] as const
      ).filter((name) => values[name] !== undefined);
      if (others.length > 0)
        throw new Error(`--startup runs alone, on Hearth's own broker: drop --${others.join(', --')}`);
    }

    const rates = values.rate === undefined ? null : listOf(values.rate, '--rate', 1, RATE_MAX);
    const devices = values.devices === undefined ? null : listOf(values.devices, '--devices', 1, DEVICES_MAX);
    const cells: Cell[] = [];
    if (values.quick) cells.push(...QUICK_CELLS);
    for (const text of (values.cell ?? []).flatMap((c) => c.split(','))) cells.push(cellFrom(text));
    if (rates !== null || devices !== null) {
      for (const rate of rates ?? MATRIX_RATES) {
        for (const count of devices ?? MATRIX_DEVICES) cells.push({ rate, devices: count });
      }
    }
    const selected = cells.length > 0 || values.storm === true || values.memory === true || startup;
    const unique = uniqueCells(selected ? cells : fullMatrix());
    return {
      ok: true,
      options: {
        cells: unique,
        seconds,
        pages,
        storm: selected ? values.storm === true || values.quick === true : true,
        memory: selected ? values.memory === true : true,
        broker,
        outFile: values.out ?? null,
        writeDoc: values['write-doc'] === true,
        cpuThrottle,
        trace: values.trace === true || values['trace-dir'] !== undefined,
        traceDir: values['trace-dir'] ?? null,
        profile: values.profile === true,
        hearthParams: values['hearth-params'] ?? '',
        startup,
      },
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function readArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean' },
      cell: { type: 'string', multiple: true },
      rate: { type: 'string' },
      devices: { type: 'string' },
      storm: { type: 'boolean' },
      memory: { type: 'boolean' },
      seconds: { type: 'string' },
      only: { type: 'string' },
      broker: { type: 'string' },
      out: { type: 'string' },
      'write-doc': { type: 'boolean' },
      'cpu-throttle': { type: 'string' },
      tablet: { type: 'boolean' },
      trace: { type: 'boolean' },
      'hearth-params': { type: 'string' },
      'trace-dir': { type: 'string' },
      profile: { type: 'boolean' },
      startup: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  }).values;
}

function fullMatrix(): Cell[] {
  return MATRIX_RATES.flatMap((rate) => MATRIX_DEVICES.map((devices) => ({ rate, devices })));
}

function uniqueCells(cells: Cell[]): Cell[] {
  const seen = new Set<string>();
  return cells.filter((cell) => {
    const key = `${cell.rate}:${cell.devices}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pagesFrom(only: string | undefined): PageKind[] {
  if (only === undefined) return ['hearth', 'limit'];
  if (only === 'hearth' || only === 'limit') return [only];
  throw new Error('--only must be hearth or limit');
}

function cellFrom(text: string): Cell {
  const match = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(text);
  if (match === null) throw new Error(`--cell wants RATE:DEVICES, like 5000:200 (got '${text}')`);
  return {
    rate: numberIn(match[1] ?? '', '--cell rate', 1, RATE_MAX),
    devices: numberIn(match[2] ?? '', '--cell devices', 1, DEVICES_MAX),
  };
}

function listOf(text: string, name: string, min: number, max: number): number[] {
  return text.split(',').map((part) => numberIn(part, name, min, max));
}

function numberIn(text: string, name: string, min: number, max: number): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got '${text}')`);
  }
  return value;
}
