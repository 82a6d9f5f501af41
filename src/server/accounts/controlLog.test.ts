import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ControlPublish } from './brokerAccess.ts';
import {
  type ControlAction,
  type ControlActionInput,
  type ControlLog,
  controlActionOf,
  controlLogPath,
  createControlLog,
  parseControlAction,
  payloadText,
} from './controlLog.ts';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

let dataDir: string;
let nowMs: number;
let lines: string[];
const opened: ControlLog[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-control-log-'));
  nowMs = T0;
  lines = [];
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((log) => log.close()));
  await rm(dataDir, { recursive: true, force: true });
});

async function openLog(max?: number): Promise<ControlLog> {
  const log = await createControlLog(dataDir, {
    log: (line) => lines.push(line),
    now: () => nowMs,
    ...(max === undefined ? {} : { max }),
  });
  opened.push(log);
  return log;
}

/** Ann switching the kitchen plug from the kitchen tablet, as the broker reports it. */
function switched(payload: Uint8Array | string = Buffer.from('ON')): ControlActionInput {
  return {
    account: 'ann',
    role: 'control',
    screen: 'Kitchen tablet',
    kind: 'screen',
    topic: 'cmnd/kitchen-plug/POWER',
    payload,
    retained: false,
  };
}

async function fileLines(): Promise<string[]> {
  const text = await readFile(controlLogPath(dataDir), 'utf8');
  return text.split('\n').filter((line) => line !== '');
}

describe('recording control actions', () => {
  it('keeps who switched what, from which screen, at the clock’s time', async () => {
    const log = await openLog();
    log.record(switched());
    expect(log.list()).toEqual([
      {
        at: T0,
        account: 'ann',
        role: 'control',
        screen: 'Kitchen tablet',
        kind: 'screen',
        topic: 'cmnd/kitchen-plug/POWER',
        payload: 'ON',
        retained: false,
      },
    ]);
  });

  it('lists the newest first, as many as asked', async () => {
    const log = await openLog();
    for (const payload of ['ON', 'OFF', 'TOGGLE']) {
      log.record(switched(Buffer.from(payload)));
      nowMs += 1000;
    }
    expect(log.list().map((action) => action.payload)).toEqual(['TOGGLE', 'OFF', 'ON']);
    expect(log.list(2).map((action) => action.payload)).toEqual(['TOGGLE', 'OFF']);
    expect(log.list(0)).toEqual([]);
  });

  it('keeps only the newest max in memory', async () => {
    const log = await openLog(3);
    for (let step = 0; step < 5; step++) log.record(switched(String(step)));
    expect(log.list().map((action) => action.payload)).toEqual(['4', '3', '2']);
  });

  it('records an open house’s publish with no account', async () => {
    const log = await openLog();
    log.record({ ...switched(), account: null, role: null, screen: '', kind: 'open' });
    expect(log.list()[0]).toMatchObject({ account: null, role: null, kind: 'open' });
  });
});

describe('the control log file', () => {
  it('holds one JSON line per action, readable by its owner only', async () => {
    const log = await openLog();
    log.record(switched());
    log.record({ ...switched(Buffer.from('{"state":"ON"}')), retained: true });
    await log.close();
    const written = (await fileLines()).map((line) => JSON.parse(line) as ControlAction);
    expect(written.map((action) => [action.payload, action.retained])).toEqual([
      ['ON', false],
      ['{"state":"ON"}', true],
    ]);
    expect((await stat(controlLogPath(dataDir))).mode & 0o777).toBe(0o600);
  });

  it('is read back after a restart', async () => {
    const first = await openLog();
    first.record(switched(Buffer.from('ON')));
    nowMs += 60_000;
    first.record(switched(Buffer.from('OFF')));
    await first.close();
    const second = await openLog();
    expect(second.list().map((action) => [action.payload, action.at])).toEqual([
      ['OFF', T0 + 60_000],
      ['ON', T0],
    ]);
  });

  it('skips lines that do not parse and keeps the rest', async () => {
    const good = JSON.stringify({ ...switched(), payload: 'ON', at: T0 });
    await writeFile(
      controlLogPath(dataDir),
      `${good}\n{"at": torn\nnot json at all\n{"at":1,"kind":"robot"}\n\n${good.replace('ON', 'OFF')}\n`,
    );
    const log = await openLog();
    expect(log.list().map((action) => action.payload)).toEqual(['OFF', 'ON']);
    expect(lines).toEqual([]);
  });

  it('makes a file it reads back private', async () => {
    await writeFile(controlLogPath(dataDir), '', { mode: 0o644 });
    await openLog();
    expect((await stat(controlLogPath(dataDir))).mode & 0o777).toBe(0o600);
  });

  it('rewrites the file with the newest max once it passes twice max lines', async () => {
    const log = await openLog(3);
    for (let step = 1; step <= 6; step++) log.record(switched(String(step)));
    await log.close();
    expect(await fileLines()).toHaveLength(6);

    const again = await openLog(3);
    again.record(switched('7'));
    await again.close();
    const kept = (await fileLines()).map((line) => (JSON.parse(line) as ControlAction).payload);
    expect(kept).toEqual(['5', '6', '7']);
    expect(await readdir(dataDir)).toEqual(['control-log.jsonl']);
  });

  it('counts bad lines toward the rotation, so a damaged file shrinks too', async () => {
    await writeFile(controlLogPath(dataDir), 'garbage\n'.repeat(6));
    const log = await openLog(3);
    log.record(switched('ON'));
    await log.close();
    expect((await fileLines()).map((line) => parseControlAction(line)?.payload)).toEqual(['ON']);
  });

  it('writes actions recorded while it writes in order, each once, across rotations', async () => {
    const log = await openLog(5);
    const seen: string[][] = [];
    for (let step = 1; step <= 60; step++) {
      log.record(switched(String(step)));
      // Some land while a write is under way, some between writes; the file is looked at as it goes.
      if (step % 3 === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(await fileLines().catch(() => []));
      }
    }
    await log.close();
    for (const snapshot of seen) expect(new Set(snapshot).size).toBe(snapshot.length);
    const kept = (await fileLines()).map((line) => (JSON.parse(line) as ControlAction).payload);
    expect(new Set(kept).size).toBe(kept.length);
    expect(kept.at(-1)).toBe('60');
    expect(kept).toEqual([...kept].sort((a, b) => Number(a) - Number(b)));
  });

  it('keeps actions in memory and says so once when the file cannot be written', async () => {
    // A directory where the file should be: every append fails.
    await mkdir(controlLogPath(dataDir));
    const log = await openLog();
    log.record(switched('ON'));
    log.record(switched('OFF'));
    await log.close();
    expect(log.list().map((action) => action.payload)).toEqual(['OFF', 'ON']);
    const appendTrouble = lines.filter((line) => line.startsWith('Cannot add to'));
    expect(appendTrouble).toHaveLength(1);
    expect(appendTrouble[0]).toContain('kept in memory only');
  });

  it('adds actions recorded after a restart after the ones it read', async () => {
    await appendFile(controlLogPath(dataDir), `${JSON.stringify({ ...switched(), payload: 'ON', at: 1 })}\n`);
    const log = await openLog();
    log.record(switched('OFF'));
    await log.close();
    expect((await fileLines()).map((line) => parseControlAction(line)?.payload)).toEqual(['ON', 'OFF']);
  });
});

describe('payloads as the log shows them', () => {
  it('shows UTF-8 text as it is', () => {
    expect(payloadText(Buffer.from('Wohnzimmer 21,5 °C'))).toBe('Wohnzimmer 21,5 °C');
  });

  it('clips long text to 256 characters and an ellipsis', () => {
    const shown = payloadText(Buffer.from('x'.repeat(5000)));
    expect(shown).toBe(`${'x'.repeat(256)}…`);
  });

  it('never cuts a character in half when clipping', () => {
    const shown = payloadText(Buffer.from('😀'.repeat(600)));
    expect(shown).toBe(`${'😀'.repeat(128)}…`);
  });

  it('shows a payload that is not UTF-8 as base64', () => {
    expect(payloadText(Uint8Array.from([0xff, 0xfe, 0x00, 0x01]))).toBe('base64://4AAQ==');
  });

  it('clips a long binary payload to 256 base64 characters and an ellipsis', () => {
    const shown = payloadText(new Uint8Array(1000).fill(0xff));
    expect(shown).toBe(`base64:${'/'.repeat(256)}…`);
  });

  it('takes an empty payload as empty text', () => {
    expect(payloadText(new Uint8Array())).toBe('');
  });

  it('reads a payload that is a view into a larger buffer by its own bytes', () => {
    const pool = Buffer.from('xxONxx');
    expect(payloadText(pool.subarray(2, 4))).toBe('ON');
  });
});

describe('what the log keeps of a publish the broker reports', () => {
  const publish = (identity: ControlPublish['identity']): ControlPublish => ({
    identity,
    clientId: 'hearth-ab12',
    topic: 'cmnd/kitchen-plug/POWER',
    payload: Buffer.from('ON'),
    retained: false,
  });
  const ann = { kind: 'account' as const, name: 'ann', role: 'control' as const };

  it('names a kept screen by its label', () => {
    const via = { kind: 'screen' as const, sessionId: 's1', label: 'Kitchen tablet' };
    expect(controlActionOf(publish({ kind: 'principal', principal: ann, via }))).toMatchObject({
      account: 'ann',
      role: 'control',
      kind: 'screen',
      screen: 'Kitchen tablet',
      topic: 'cmnd/kitchen-plug/POWER',
    });
  });

  it('gives a browser session no screen label', () => {
    const via = { kind: 'session' as const, sessionId: 's2', label: '' };
    expect(controlActionOf(publish({ kind: 'principal', principal: ann, via }))).toMatchObject({
      kind: 'session',
      screen: '',
    });
  });

  it('names an account signed in over MQTT by its client id', () => {
    const action = controlActionOf(publish({ kind: 'principal', principal: ann, via: { kind: 'password' } }));
    expect(action).toMatchObject({ account: 'ann', kind: 'session', screen: 'MQTT client hearth-ab12' });
  });

  it('records nobody in an open house', () => {
    expect(controlActionOf(publish({ kind: 'open' }))).toMatchObject({
      account: null,
      role: null,
      kind: 'open',
    });
  });

  it('leaves out the server’s own clients and devices', () => {
    expect(controlActionOf(publish({ kind: 'internal', name: 'simulator' }))).toBeNull();
    const plug = { kind: 'device' as const, name: 'plug-1', prefixes: ['plug-1/'] };
    expect(
      controlActionOf(publish({ kind: 'principal', principal: plug, via: { kind: 'password' } })),
    ).toBeNull();
  });
});
