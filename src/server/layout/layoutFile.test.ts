import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_LAYOUT, type HouseLayout } from '../../core/layout.ts';
import { applyLayoutChange } from '../../core/layoutApply.ts';
import { badLayoutFileName, layoutFilePath, readLayoutFile, writeLayoutFile } from './layoutFile.ts';
import { change, roomItem } from './layoutTestItems.ts';

const AT = new Date(Date.UTC(2026, 0, 15, 12, 30, 5, 120));

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-layout-file-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function withKitchen(): HouseLayout {
  return applyLayoutChange(EMPTY_LAYOUT, change(0, roomItem('kitchen', 'Kitchen'))).layout;
}

describe('the layout file', () => {
  it('reads back what was written', async () => {
    const layout = withKitchen();
    await writeLayoutFile(dataDir, layout);
    expect(await readLayoutFile(dataDir, AT)).toEqual({ kind: 'layout', layout });
  });

  it('is missing in a data directory nobody arranged', async () => {
    expect(await readLayoutFile(dataDir, AT)).toEqual({ kind: 'missing' });
  });

  it('is replaced whole, leaving no temporary file behind', async () => {
    await writeLayoutFile(dataDir, EMPTY_LAYOUT);
    await writeLayoutFile(dataDir, withKitchen());
    expect(await readdir(dataDir)).toEqual(['layout.json']);
    expect(JSON.parse(await readFile(layoutFilePath(dataDir), 'utf8'))).toEqual(withKitchen());
  });

  it('keeps the previous file when the disk refuses the new one', async () => {
    await writeLayoutFile(dataDir, EMPTY_LAYOUT);
    // A directory where the temporary file goes: opening it for writing fails, as a full disk would.
    await mkdir(`${layoutFilePath(dataDir)}.tmp`);
    await expect(writeLayoutFile(dataDir, withKitchen())).rejects.toThrow();
    expect(JSON.parse(await readFile(layoutFilePath(dataDir), 'utf8'))).toEqual(EMPTY_LAYOUT);
  });

  it('moves a file that is not JSON aside, untouched, under a name with the time', async () => {
    await writeFile(layoutFilePath(dataDir), 'garbage\n{"version": 3');
    const read = await readLayoutFile(dataDir, AT);
    const movedTo = path.join(dataDir, 'layout.json.bad-2026-01-15T12-30-05.120Z');
    expect(read).toMatchObject({ kind: 'movedAside', movedTo });
    expect(read.kind === 'movedAside' && read.reason).toMatch(/^not JSON: [^\n]+$/);
    expect(await readFile(movedTo, 'utf8')).toBe('garbage\n{"version": 3');
    expect(await readdir(dataDir)).toEqual(['layout.json.bad-2026-01-15T12-30-05.120Z']);
  });

  it('moves a layout that breaks the rules aside with the reason', async () => {
    await writeFile(layoutFilePath(dataDir), JSON.stringify({ ...EMPTY_LAYOUT, version: -4 }));
    const read = await readLayoutFile(dataDir, AT);
    expect(read.kind).toBe('movedAside');
    expect(read.kind === 'movedAside' && read.reason.length).toBeGreaterThan(0);
  });

  it('names a bad file so that it sorts by time and every file system accepts it', () => {
    expect(badLayoutFileName('/data/layout.json', AT)).toBe('/data/layout.json.bad-2026-01-15T12-30-05.120Z');
  });
});
