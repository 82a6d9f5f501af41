import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RECORDER_SECTION_END, RECORDER_SECTION_START } from './recorder.ts';
import { renderTables } from './report.ts';
import type { BenchResults } from './results.ts';
import { REPO_ROOT } from './services.ts';
import { STARTUP_SECTION_END, STARTUP_SECTION_START } from './startup.ts';

export const PERFORMANCE_DOC = 'docs/performance.md';

/** The tablet profile's section (a run with --cpu-throttle), kept by a desktop run's rewrite. */
export const TABLET_SECTION_START = '<!-- tablet bench: start -->';
export const TABLET_SECTION_END = '<!-- tablet bench: end -->';

/**
 * Rewrites docs/performance.md with the tables of `results`. A run at full speed rewrites the
 * file around them, keeping the tablet profile's section, the start-up's and the recorder's
 * (written by `--tablet`, `--startup` and `--recorder`) as they were; a throttled run rewrites
 * its own section only.
 */
export async function writePerformanceDoc(results: BenchResults): Promise<void> {
  const file = path.join(REPO_ROOT, PERFORMANCE_DOC);
  const before = await readFile(file, 'utf8').catch(() => '');
  const section = (start: string, end: string) => {
    const from = before.indexOf(start);
    const to = before.indexOf(end);
    return from >= 0 && to > from ? { from, to: to + end.length } : null;
  };
  const tablet = section(TABLET_SECTION_START, TABLET_SECTION_END);
  if ((results.cpuThrottle ?? 1) > 1) {
    const rendered = renderThrottledSection(results);
    const recorder = section(RECORDER_SECTION_START, RECORDER_SECTION_END);
    const next =
      tablet !== null
        ? before.slice(0, tablet.from) + rendered + before.slice(tablet.to)
        : recorder !== null
          ? `${before.slice(0, recorder.from)}${rendered}\n\n${before.slice(recorder.from)}`
          : `${before.trimEnd()}\n\n${rendered}\n`;
    await writeFile(file, next);
    return;
  }
  const kept = [
    section(TABLET_SECTION_START, TABLET_SECTION_END),
    section(STARTUP_SECTION_START, STARTUP_SECTION_END),
    section(RECORDER_SECTION_START, RECORDER_SECTION_END),
  ]
    .filter((found) => found !== null)
    .map((found) => `\n${before.slice(found.from, found.to)}\n`)
    .join('');
  await writeFile(file, renderPerformanceDoc(results) + kept);
}

/** The tablet profile: the same tables with both pages' CPU slowed, beside the desktop ones. */
function renderThrottledSection(results: BenchResults): string {
  const { machine } = results;
  const rate = results.cpuThrottle ?? 1;
  return `${TABLET_SECTION_START}
## Tablet profile: CPU ${rate}x slower

The same measurements with both pages' main threads slowed ${rate} times through CDP
(\`Emulation.setCPUThrottlingRate\`), as a cheap Android wall tablet runs compared with this machine
(Lighthouse's mobile profile uses 4x). Rewritten by \`npm run bench -- --tablet --write-doc\` (or
\`--cpu-throttle N\`); the desktop tables above are left as they were.

- Date: ${results.startedAt.slice(0, 10)}; broker: ${results.broker === 'aedes' ? "Hearth's embedded aedes" : 'Mosquitto'}; ${results.secondsPerCell} s of load per cell.
- CPU: ${machine.cpuModel}, ${machine.cores} cores, slowed ${rate}x for the pages; Chromium ${machine.chromium}.

${renderTables(results).trimEnd()}
${TABLET_SECTION_END}`;
}

function renderPerformanceDoc(results: BenchResults): string {
  const { machine } = results;
  const date = results.startedAt.slice(0, 10);
  const minutes = Math.round((Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 60_000);
  return `# Performance

How Hearth's dashboard holds up under MQTT load, measured by \`npm run bench\` (bench/) in headless
Chromium, each figure beside the same figure for a bare MQTT.js page (bench/limit.html) that only
counts messages and paints one line per frame: the most any page could do with the same messages on
the same machine. This file is rewritten by \`npm run bench -- --quick --write-doc\` (or any
selection with \`--write-doc\`); \`npm run bench -- --help\` lists the options.

## Latest run

- Date: ${date}, ${minutes} min; broker: ${results.broker === 'aedes' ? "Hearth's embedded aedes" : 'Mosquitto'}; ${results.secondsPerCell} s of load per cell.
- CPU: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGB} GB; ${machine.os}.
- Chromium ${machine.chromium} (headless, \`--disable-gpu\`), Node ${machine.node}.

${renderTables(results)}

## How to read it

Every run opens a fresh headless Chromium (1280×800) on the page, waits until a first marker value
shows on screen (the page is connected and subscribed), then a separate publisher process sends
\`rate\` messages per second for the cell's seconds, round-robin over devices dev1…devN, alternating
\`house/devN/temperature\` and \`house/devN/brightness\` with plain numeric payloads, QoS 0. Hearth
and the limit page take turns cell by cell (which one goes first alternates) against the same broker.

- **publisher, msg/s achieved**: what the publisher really wrote to the broker's socket. Below the
  cell's rate, the publisher or the machine saturated and the cell measured less load than its name.
- **lost**: messages sent (load and markers) minus what the page counted (Hearth's
  \`window.__benchCount()\` with \`?bench=1\`: messages folded into its store). Read after the final
  marker showed; if it never did, the page was still behind and the number includes its backlog.
- **marker latency p50 / p95**: about once a second during the load, at a random point of each
  second (so that markers do not all meet the same phase of the frame clock), a unique six-digit
  value goes to \`house/dev0/temperature\` (dev0 gets nothing else, so no load value overwrites it);
  the time from publishing it to the moment it is in dev0's value element
  (\`[data-device-id="dev0"] [data-metric="temperature"]\`; on the limit page its one marker line).
  The paint follows in the same frame. A marker never seen counts as infinitely late, so p95 shows
  "not seen" rather than flatter. A 10-second cell sends nine markers: its p95 is the worst of them,
  one long task is enough to move it, and the long-task rows say whether one did.
- **lag at end**: from the last load message to the final marker on screen: how far behind the page
  was when the load stopped. Tens of milliseconds means it kept up; seconds means a backlog.
- **frame interval p50 / p95 / p99**: gaps between \`requestAnimationFrame\` callbacks during the load;
  16.7 ms is every frame at 60 Hz. **frames over 50 ms** counts visible stutters.
- **long tasks**: main-thread tasks over 50 ms (\`PerformanceObserver\` \`longtask\`) during the load;
  **longest task after 1 s** leaves out the first second, where connection start-up and the first
  render of many devices land.
- **renderer main thread, cores**: the page's main-thread busy time per second of load (CDP
  \`Performance.getMetrics\` TaskDuration), 1.00 being a whole core; **of which script**: JavaScript
  alone (ScriptDuration). What is left (style, layout, paint) is the cost of rendering.
- **heap**: JS heap after a forced garbage collection (CDP), before the load and after the final
  marker. The memory run adds a sample at 1 minute; growth about 1.0 from 1 to 5 minutes means
  state is bounded.
- **machine busy**: all cores, from /proc/stat, during the load: the publisher, the broker, the
  browser and anything else. Near 1.00, every figure above is also a measure of CPU starvation.
- **retained storm**: 10,000 retained \`house/devN/temperature\` topics are stored on the broker
  before the page opens; "all known after" runs from navigation start until the page knows every
  device (\`window.__benchDevices()\`) or has folded all 10,000 messages (\`window.__benchCount()\`),
  with the long tasks on the way. The topics are cleared afterwards. Hearth keeps a bounded number
  of devices, so "devices known" can stop below 10,000 while all messages were folded: that is its
  device cap, not a loss.

Compare ratios, not absolute numbers: the figures are taken headless with software rendering
(\`--disable-gpu\`), on a small shared machine where the publisher, the broker and the browser compete
for the same cores, and they move from run to run with whatever else the machine does. A ratio near
1 means Hearth keeps up as well as a page that does nothing; latency and lag matter more than CPU,
which Hearth spends by design on rendering cards and charts. Repeat a cell (\`--cell R:D\`) before
trusting a single difference.

## Blind spots

- The browser runs headless with software rasterization at about 60 Hz: paint and compositing cost
  differ from a desktop GPU or a wall tablet, and no display's refresh rate is involved.
- Latency is measured to the DOM update, not to pixels; the paint follows in the same frame unless
  the main thread is blocked, which the frame figures show.
- The broker shapes the browser's work: Mosquitto sends every MQTT packet as its own WebSocket
  frame, while Hearth's embedded broker gathers what it writes in one tick into one frame. At
  20,000 msg/s on a two-core machine the per-frame cost in the browser, not the page's code, sets the
  ceiling with Mosquitto: both pages fall seconds behind. Compare Hearth with the limit page on the
  same broker (\`--broker mosquitto\`), never across brokers.
- The publisher is one MQTT.js client in its own process, paced by a 1 ms timer: messages go out in
  small bursts, not evenly spaced. It reaches 20,000 msg/s here using about a tenth of a core; a
  lower "achieved" figure means the machine starved it.
- CDP calls (heap after GC, performance metrics) happen outside the measured window, except the
  1-minute heap sample of the memory run, whose forced garbage collection pauses the page once.
  CDP's Network domain stays off: its per-frame events would cost the browser more than the page.
- To catch markers the bench watches the page's DOM with a MutationObserver for the whole load and
  reads one element per mutation batch: a small cost that grows with how much the page changes, so
  it weighs a little more on Hearth than on the limit page.
- Hearth reads MQTT in a worker, whose thread is not in the main-thread figures ("renderer main
  thread", the trace's categories). On this two-core machine it competes with the main thread, the
  browser, the broker and the publisher: under the tablet profile at 1,000 msg/s it was busy for
  about 0.7 of a core, and the machine as a whole for 0.97 of both.
`;
}
