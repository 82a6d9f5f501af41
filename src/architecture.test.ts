import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of ARCHITECTURE.md, checked mechanically: imports point one way between
 * rooms, core imports no package at all, only mqtt/ (and the Node side) imports MQTT.js, views
 * never reach the network or each other, main.tsx only wires, and no module cycles back to itself.
 * Each rule lists every file that breaks it, so one run shows all the work.
 */
const SRC = resolve(import.meta.dirname);

/** The rooms of ours each room may import (relative imports). */
const ALLOWED: Record<string, readonly string[]> = {
  core: ['core'],
  mqtt: ['mqtt', 'core'],
  config: ['config', 'core'],
  store: ['store', 'core', 'config'],
  components: ['components', 'core'],
  features: ['features', 'store', 'core', 'components', 'config'],
  app: ['app', 'features', 'store', 'core', 'components', 'config', 'mqtt'],
  server: ['server', 'core'],
};

/** The entry point: reads config, creates the store, starts the session (app/), renders App. */
const MAIN = 'main.tsx';
const MAIN_ROOMS: readonly string[] = ['app', 'store', 'config'];
const MAIN_PACKAGES: readonly string[] = ['react', 'react-dom/client'];
const MAIN_ASSETS: readonly string[] = ['./index.css'];

interface SourceFile {
  /** Path from src/, with forward slashes: `core/fold.ts`. */
  name: string;
  path: string;
  room: string;
  text: string;
  imports: string[];
}

function sourcePaths(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcePaths(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function nameOf(path: string): string {
  return relative(SRC, path).split(sep).join('/');
}

function roomOf(path: string): string {
  return nameOf(path).split('/')[0] ?? '';
}

// `import x from`, `import type { X } from`, `export … from`, bare `import './x.css'`, `import('x')`.
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

const files: SourceFile[] = sourcePaths(SRC).map((path) => {
  const text = readFileSync(path, 'utf8');
  return { name: nameOf(path), path, room: roomOf(path), text, imports: importsOf(text) };
});

function isRelative(spec: string): boolean {
  return spec.startsWith('.');
}

/** `react-dom/client` -> `react-dom`, `@scope/pkg/x` -> `@scope/pkg`. */
function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

/** The source file a relative import names (with or without its extension), or null (CSS, assets). */
function resolveImport(from: SourceFile, spec: string): string | null {
  const base = resolve(from.path, '..', spec);
  const stem = base.replace(/\.js$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((c) => /\.tsx?$/.test(c) && existsSync(c) && statSync(c).isFile()) ?? null;
}

/** Every `file imports spec` of ours that breaks `rule`. */
function violations(
  rule: (file: SourceFile, spec: string) => boolean,
  only: (file: SourceFile) => boolean = () => true,
): string[] {
  return files
    .filter(only)
    .flatMap((file) =>
      file.imports.filter((spec) => rule(file, spec)).map((spec) => `${file.name} imports ${spec}`),
    );
}

function importsMqtt(spec: string): boolean {
  return packageOf(spec) === 'mqtt';
}

describe('import rules', () => {
  it('every source file lives in a known room, or is main.tsx', () => {
    const strays = files.filter((f) => f.name !== MAIN && ALLOWED[f.room] === undefined).map((f) => f.name);
    expect(strays).toEqual([]);
  });

  it('each room imports only the rooms it may (core <- mqtt, core <- store <- features <- app)', () => {
    const broken = violations(
      (file, spec) => {
        if (!isRelative(spec)) return false;
        const target = resolve(file.path, '..', spec);
        if (!target.startsWith(SRC + sep)) return true;
        return !(ALLOWED[file.room] ?? []).includes(roomOf(target));
      },
      (file) => file.name !== MAIN,
    );
    expect(broken).toEqual([]);
  });

  it('feature folders do not import each other', () => {
    const folderOf = (name: string) => name.split('/')[1];
    const broken = violations(
      (file, spec) => {
        if (!isRelative(spec)) return false;
        const target = nameOf(resolve(file.path, '..', spec));
        return target.startsWith('features/') && folderOf(target) !== folderOf(file.name);
      },
      (file) => file.room === 'features',
    );
    expect(broken).toEqual([]);
  });

  it('core imports no package at all: no React, zustand, MQTT.js, nor Node modules', () => {
    const broken = violations(
      (_, spec) => !isRelative(spec),
      (file) => file.room === 'core',
    );
    expect(broken).toEqual([]);
  });

  it('components import neither zustand nor MQTT.js: they show what they are given', () => {
    const broken = violations(
      (_, spec) => packageOf(spec) === 'zustand' || importsMqtt(spec),
      (file) => file.room === 'components',
    );
    expect(broken).toEqual([]);
  });

  it('only mqtt/ (and the Node side, a separate program) imports MQTT.js', () => {
    const broken = violations(
      (_, spec) => importsMqtt(spec),
      (file) => file.room !== 'mqtt' && file.room !== 'server',
    );
    expect(broken).toEqual([]);
  });

  it('main.tsx only wires: config, the store and app/ (which starts the session and renders), with React', () => {
    const broken = violations(
      (file, spec) => {
        if (!isRelative(spec)) return !MAIN_PACKAGES.includes(spec);
        if (MAIN_ASSETS.includes(spec)) return false;
        return !MAIN_ROOMS.includes(roomOf(resolve(file.path, '..', spec)));
      },
      (file) => file.name === MAIN,
    );
    expect(broken).toEqual([]);
  });

  it('no module imports itself back through a chain of imports', () => {
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const targets = file.imports
        .filter(isRelative)
        .map((spec) => resolveImport(file, spec))
        .filter((target): target is string => target !== null)
        .map(nameOf);
      graph.set(file.name, [...new Set(targets)]);
    }
    // A type or constant both sides need goes in a module both import (haEntity.ts, gatewayOptions.ts).
    expect(findCycles(graph), 'cycles').toEqual([]);
  });

  it('only the store writes saved settings (updateSettings), so URL overrides never reach storage', () => {
    const writers = files
      .filter((f) => /\bsaveSettings\b/.test(f.text))
      .map((f) => f.name)
      .filter((name) => name !== 'config/settings.ts' && name !== 'store/store.ts');
    expect(writers).toEqual([]);
  });
});

/**
 * Each cycle once, as the path that closes it, starting from its first file by name:
 * `a.ts -> b.ts -> a.ts`. Depth-first search; a file on the current path seen again closes one.
 */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const done = new Set<string>();
  const onPath: string[] = [];
  const cycles: string[] = [];
  const visit = (node: string) => {
    const at = onPath.indexOf(node);
    if (at !== -1) {
      const loop = onPath.slice(at);
      const first = loop.indexOf([...loop].sort()[0] ?? node);
      const rotated = [...loop.slice(first), ...loop.slice(0, first)];
      cycles.push([...rotated, rotated[0]].join(' -> '));
      return;
    }
    if (done.has(node)) return;
    onPath.push(node);
    for (const next of graph.get(node) ?? []) visit(next);
    onPath.pop();
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) visit(node);
  return cycles;
}
