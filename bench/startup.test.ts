import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../src/server/recorder/memoryStorage.ts';
import { createRecorder } from '../src/server/recorder/recorder.ts';
import { parseBenchOptions } from './options.ts';
import {
  deviceTopics,
  fillHistory,
  firstAtMost,
  loadFigures,
  READING_STEP_MS,
  recorderNames,
  STARTUP_SECTION_END,
  STARTUP_SECTION_START,
  withStartupSection,
} from './startup.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('recorderNames', () => {
  it('names the publisher topics as the recorder does: generic/devN, a temperature and an illuminance', async () => {
    const names = await recorderNames(2, NOW);
    expect(names.series).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ device: 'generic/dev1', metric: 'temperature', quantity: 'temperature' }),
        expect.objectContaining({ device: 'generic/dev2', metric: 'brightness', quantity: 'illuminance' }),
      ]),
    );
    expect(names.series).toHaveLength(4);
    expect(names.devices.map((device) => device.key).sort()).toEqual(['generic/dev1', 'generic/dev2']);
  });
});

describe('fillHistory', () => {
  it('writes every 5 minutes of each series under the names a live recorder then reuses', async () => {
    const storage = createMemoryStorage();
    const outcome = await fillHistory(storage, NOW, 3, 1);
    expect(outcome.series).toBe(6);
    expect(outcome.readings).toBe(6 * ((24 * 3600_000) / READING_STEP_MS + 1));
    expect(storage.savedDevices.size).toBe(3);

    // A recorder on the filled storage, hearing the same topics live, adds no series of its own.
    const recorder = createRecorder({ storage, log: () => {}, now: () => NOW + 60_000 });
    await recorder.start();
    const encoder = new TextEncoder();
    for (const topic of Object.values(deviceTopics(2)))
      recorder.push({ topic, payload: encoder.encode('21.5'), retained: false, receivedAt: NOW + 60_000 });
    await recorder.flush();
    await recorder.stop();
    expect(storage.seriesRows).toHaveLength(6);
  });
});

describe('firstAtMost', () => {
  it('finds when the cards with a value first reached their highest count', () => {
    const cards: Array<[number, number, number]> = [
      [100, 0, 10],
      [200, 10, 60],
      [300, 60, 60],
      [400, 59, 60],
      [500, 60, 60],
    ];
    expect(firstAtMost(cards)).toEqual({ withValueMax: 60, cardsMax: 60, at: 300 });
    expect(firstAtMost([[50, 0, 0]])).toEqual({ withValueMax: 0, cardsMax: 0, at: null });
  });
});

describe('loadFigures', () => {
  it('reads the start-up figures of a load from its sighting, counting only the tasks until it ended', () => {
    const figures = loadFigures(
      {
        firstCardMs: 900,
        firstValueMs: 950,
        valuesMs: null,
        chartsMs: 1800.4,
        chartMs: { temperature: 1700, illuminance: 1800.4 },
        cards: [
          [900, 0, 60],
          [950, 60, 60],
        ],
        onScreen: [
          [900, 0, 6],
          [940.6, 6, 6],
        ],
        chartPoints: { temperature: 96, illuminance: 96 },
        firstContentfulPaintMs: 640.2,
        domContentLoadedMs: 500,
        loadMs: 600,
        apiRequests: [],
        endedMs: 3800,
      },
      [
        { startTime: 300, duration: 60 },
        { startTime: 700, duration: 180.6 },
        { startTime: 1200, duration: 120 },
        { startTime: 3900, duration: 400 },
      ],
    );
    expect(figures).toEqual({
      onScreenValuesMs: 941,
      onScreenCardsMax: 6,
      valuesMs: null,
      allShownValuesMs: 950,
      chartsMs: 1800,
      longestTaskMs: 181,
      tasksOver100: 2,
      tasksOver100List: [
        [700, 181],
        [1200, 120],
      ],
      firstContentfulPaintMs: 640,
    });
  });
});

describe('withStartupSection', () => {
  const section = `${STARTUP_SECTION_START}\nnew\n${STARTUP_SECTION_END}`;
  it('replaces the section between its markers', () => {
    const doc = `# P\n\n${STARTUP_SECTION_START}\nold\n${STARTUP_SECTION_END}\n\n<!-- r -->\nrec\n`;
    expect(withStartupSection(doc, section, '<!-- r -->')).toBe(`# P\n\n${section}\n\n<!-- r -->\nrec\n`);
  });
  it('goes before the recorder section, or at the end', () => {
    expect(withStartupSection('# P\n\n<!-- r -->\nrec\n', section, '<!-- r -->')).toBe(
      `# P\n\n${section}\n\n<!-- r -->\nrec\n`,
    );
    expect(withStartupSection('# P\n', section, '<!-- r -->')).toBe(`# P\n\n${section}\n`);
  });
});

describe('--startup', () => {
  it('runs alone, at the throttle the options say', () => {
    const parsed = parseBenchOptions(['--startup', '--tablet']);
    expect(parsed.ok === true && parsed.options).toMatchObject({
      startup: true,
      cpuThrottle: 4,
      cells: [],
      storm: false,
      memory: false,
    });
    const mixed = parseBenchOptions(['--startup', '--quick']);
    expect(mixed.ok === false && mixed.reason).toContain('--startup runs alone');
  });
});
