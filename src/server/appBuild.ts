import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** What the dashboard build is made from, relative to the repository root. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];
/** Inside the inputs, but never bundled: the server itself, and tests. */
const NOT_BUNDLED = [/^src\/server\//, /\.test\.tsx?$/];

/** Whether dist/ holds a build of the current sources. */
export type BuildFreshness =
  | { kind: 'fresh' }
  | { kind: 'missing' }
  /** `changed`: one input newer than the build, to tell the user why it rebuilds. */
  | { kind: 'stale'; changed: string };

/**
 * Compares dist/index.html (written last by every build) with the sources by modification time:
 * cheap enough to run at every start, and wrong only if a clock runs backwards.
 */
export async function checkBuildFreshness(
  root: string,
  outDir = path.join(root, 'dist'),
): Promise<BuildFreshness> {
  const built = await modifiedAt(path.join(outDir, 'index.html'));
  if (built === null) return { kind: 'missing' };
  for (const input of BUILD_INPUTS) {
    const changed = await findNewerFile(root, input, built);
    if (changed !== null) return { kind: 'stale', changed };
  }
  return { kind: 'fresh' };
}

/** The first file at or under `relative` modified after `thresholdMs`, relative to `root`. */
async function findNewerFile(root: string, relative: string, thresholdMs: number): Promise<string | null> {
  const posixPath = relative.split(path.sep).join('/');
  if (NOT_BUNDLED.some((pattern) => pattern.test(posixPath) || pattern.test(`${posixPath}/`))) return null;
  const absolute = path.join(root, relative);
  const stats = await stat(absolute).catch(() => null);
  if (stats === null) return null;
  if (!stats.isDirectory()) return stats.mtimeMs > thresholdMs ? posixPath : null;
  for (const name of await readdir(absolute)) {
    const found = await findNewerFile(root, path.join(relative, name), thresholdMs);
    if (found !== null) return found;
  }
  return null;
}

async function modifiedAt(filePath: string): Promise<number | null> {
  try {
    return (await stat(filePath)).mtimeMs;
  } catch {
    return null;
  }
}

/** Outcome of building the dashboard; a failure carries the build tool's first line. */
export type BuildResult = { ok: true; durationMs: number } | { ok: false; reason: string };

/** Builds the dashboard into dist/ with the repository's own vite.config.ts. */
export async function buildDashboard(root: string): Promise<BuildResult> {
  const startedAt = performance.now();
  try {
    // Loaded only when needed: Vite takes a noticeable moment to import.
    const { build } = await import('vite');
    await build({
      root,
      configFile: path.join(root, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
    });
    return { ok: true, durationMs: performance.now() - startedAt };
  } catch (error) {
    return { ok: false, reason: summarizeBuildError(error, root) };
  }
}

/**
 * The line of a build error that says what is wrong. Rolldown's message opens with a count
 * ("Build failed with 1 error:") and ends in a stack; the `Error:` line between is the news.
 */
export function summarizeBuildError(error: unknown, root: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line) => line !== '' && !line.startsWith('at ') && !/^Build failed with \d+ errors?:?$/.test(line),
    );
  const summary = lines.find((line) => /\bError\b/.test(line)) ?? lines[0] ?? 'unknown error';
  return summary.replaceAll(`${root}${path.sep}`, '');
}
