import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_LAYOUT } from '../../core/layout.ts';
import { layoutFilePath } from './layoutFile.ts';
import { change, roomItem, viewItem } from './layoutTestItems.ts';
import { openStoredLayout } from './storedLayout.ts';

const AT = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));

let dataDir = '';
let lines: string[] = [];
const log = (line: string) => lines.push(line);
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-stored-layout-'));
  lines = [];
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const onDisk = async () => JSON.parse(await readFile(layoutFilePath(dataDir), 'utf8'));

describe('the layout a server keeps', () => {
  it('starts empty and quiet in a new data directory', async () => {
    const stored = await openStoredLayout(dataDir, log);
    expect(stored.current()).toEqual(EMPTY_LAYOUT);
    expect(lines).toEqual([]);
  });

  it('saves an accepted change before answering it', async () => {
    const stored = await openStoredLayout(dataDir, log);
    const outcome = await stored.change(change(0, roomItem('kitchen', 'Kitchen')));
    expect(outcome.kind).toBe('applied');
    expect(stored.current().version).toBe(1);
    expect(await onDisk()).toEqual(stored.current());
  });

  it('survives a restart on the same data directory', async () => {
    const first = await openStoredLayout(dataDir, log);
    await first.change(change(0, roomItem('kitchen', 'Kitchen')));
    const second = await openStoredLayout(dataDir, log);
    expect(second.current()).toEqual(first.current());
  });

  it('applies changes sent at once one after the other, telling the later one what it overwrote', async () => {
    const stored = await openStoredLayout(dataDir, log);
    const [hall, tablet, phone] = await Promise.all([
      stored.change(change(0, roomItem('hall', 'Hall'))),
      stored.change(change(0, roomItem('kitchen', 'Kitchen'))),
      stored.change(change(0, roomItem('kitchen', 'Cuisine'))),
    ]);
    expect(hall.kind === 'applied' && hall.applied.layout.version).toBe(1);
    expect(tablet.kind === 'applied' && tablet.applied.stale).toEqual([]);
    expect(phone.kind === 'applied' && phone.applied.stale).toEqual([{ type: 'room', id: 'kitchen' }]);
    expect(stored.current().version).toBe(3);
    expect(stored.current().rooms.kitchen?.name).toBe('Cuisine');
    expect(await onDisk()).toEqual(stored.current());
  });

  it('refuses a change whose result breaks a rule across items, keeping the layout', async () => {
    const stored = await openStoredLayout(dataDir, log);
    await stored.change(change(0, viewItem('hall', 'Hall')));
    const outcome = await stored.change(change(1, viewItem('hall-2', 'HALL', 2)));
    expect(outcome.kind).toBe('invalid');
    expect(stored.current().version).toBe(1);
    expect((await onDisk()).version).toBe(1);
  });

  it('answers a disk that refuses with words and keeps the previous layout in memory and on disk', async () => {
    const stored = await openStoredLayout(dataDir, log);
    await stored.change(change(0, roomItem('kitchen', 'Kitchen')));
    await mkdir(`${layoutFilePath(dataDir)}.tmp`);
    const outcome = await stored.change(change(1, roomItem('hall', 'Hall')));
    expect(outcome).toMatchObject({ kind: 'unsaved', reason: expect.stringMatching(/could not save/) });
    expect(stored.current().version).toBe(1);
    expect((await onDisk()).version).toBe(1);
    await rm(`${layoutFilePath(dataDir)}.tmp`, { recursive: true });
    const retried = await stored.change(change(1, roomItem('hall', 'Hall')));
    expect(retried.kind === 'applied' && retried.applied.layout.version).toBe(2);
  });

  it('starts empty beside a bad file, moved aside with one line saying where', async () => {
    await writeFile(layoutFilePath(dataDir), 'not a layout');
    const stored = await openStoredLayout(dataDir, log, () => AT);
    expect(stored.current()).toEqual(EMPTY_LAYOUT);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('layout.json.bad-2026-01-15T12-00-00.000Z');
    await stored.change(change(0, roomItem('kitchen', 'Kitchen')));
    expect((await readdir(dataDir)).sort()).toEqual([
      'layout.json',
      'layout.json.bad-2026-01-15T12-00-00.000Z',
    ]);
    expect(await readFile(path.join(dataDir, 'layout.json.bad-2026-01-15T12-00-00.000Z'), 'utf8')).toBe(
      'not a layout',
    );
  });
});
