import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inbound } from '../../core/conventions/fixtures/message.ts';
import { createRecorder } from './recorder.ts';
import { createSqliteStorage } from './sqliteStorage.ts';
import type { Storage } from './storage.ts';

const T0 = 1_700_000_000_000;
const DEVICES = 500;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearth-recorder-burst-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function storedReadings(storage: Storage): Promise<number> {
  let total = 0;
  for (const series of await storage.loadSeries())
    total += await storage.countRaw(series.id, 0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  return total;
}

describe('the recorder under a burst, on a real SQLite file', () => {
  it('stores every reading of a burst over many new series, several of one series in the same millisecond', async () => {
    const storage = await createSqliteStorage(join(dir, 'hearth.db'));
    let clock = T0;
    const recorder = createRecorder({ storage, log: () => {}, now: () => clock });
    await recorder.start();
    // A broker that was held up hands a whole socket read over at once: every message of it has
    // the same arrival time, and a busy device has sent several.
    let pushed = 0;
    const flushes: Array<Promise<void>> = [];
    for (let round = 0; round < 6; round++) {
      for (let device = 1; device <= DEVICES; device++) {
        recorder.push(inbound({ topic: `house/dev${device}/temperature`, payload: `${20 + round}` }, clock));
        recorder.push(inbound({ topic: `house/dev${device}/brightness`, payload: `${round}` }, clock));
        pushed += 2;
      }
      // A flush starts while new series are still being stored, and more of their readings arrive.
      flushes.push(recorder.flush());
      if (round % 3 === 2) clock += 1;
    }
    await Promise.all(flushes);
    await recorder.stop();
    expect(recorder.health()).toMatchObject({ dropped: 0, backlog: 0, lastError: null });
    expect(await storedReadings(storage)).toBe(pushed);
    await storage.close();
  });
});
