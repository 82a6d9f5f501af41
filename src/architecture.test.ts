import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of the architecture, checked mechanically: core imports nothing of ours;
 * in the app only mqtt/ imports MQTT.js; views never reach the network; feature folders do not import
 * each other; the Node side never imports the app.
 */
const SRC = resolve(import.meta.dirname);

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

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function roomOf(path: string): string {
  return relative(SRC, path).split(sep)[0] ?? '';
}

const IMPORT = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? '');
}

const files = sourceFiles(SRC).filter((f) => !f.endsWith('.test.ts') && !f.endsWith('.test.tsx'));

describe('import rules', () => {
  it.each(files.map((f) => [relative(SRC, f), f]))('%s imports only what its room may', (_, file) => {
    const room = roomOf(file);
    const allowed = ALLOWED[room];
    for (const spec of importsOf(file)) {
      // The Node side (broker, simulator) is a separate program and may use MQTT.js too.
      if (spec === 'mqtt') expect(['mqtt', 'server'], `${spec} in ${file}`).toContain(room);
      if (!spec.startsWith('.')) continue;
      const target = resolve(file, '..', spec);
      const targetRoom = roomOf(target);
      if (!target.startsWith(SRC + sep)) continue;
      if (allowed !== undefined)
        expect(allowed, `${relative(SRC, file)} imports ${spec}`).toContain(targetRoom);
      if (room === 'features' && targetRoom === 'features') {
        const from = relative(SRC, file).split(sep)[1];
        const to = relative(SRC, target).split(sep)[1];
        expect(to, `${relative(SRC, file)} imports another feature: ${spec}`).toBe(from);
      }
    }
  });
});
