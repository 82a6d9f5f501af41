import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { findFreePort } from './freePort.ts';
import { hearthServerArgs } from './hearthServer.ts';
import { startService } from './serviceProcess.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const READY_TIMEOUT_MS = 30_000;
/** The meta tag a deployed build carries, so a test can tell which build a page runs. */
const BUILD_META = 'hearth-e2e-build';

/** A Hearth server whose built dashboard a test may replace while pages have it open. */
export interface RedeployableHearth {
  /** Where the dashboard is served, with a trailing slash; it connects to this server's broker. */
  readonly pageUrl: string;
  /**
   * Deploys a new version: index.html gains `<meta name="hearth-e2e-build" content=label>`, and
   * the service worker's precache list carries the page's new revision, as a real build of a
   * changed page would. The server keeps running and serves it at once, as after a deploy.
   */
  deploy(label: string): Promise<void>;
  stop(): Promise<void>;
}

/** The `<meta>` naming the build a page runs; absent in the build as `npm run build` made it. */
export function deployedBuild(page: Page): Locator {
  return page.locator(`meta[name="${BUILD_META}"]`);
}

/**
 * Starts the real Hearth server on its own copy of dist/, so a deploy here leaves the shared
 * build alone. The server serves `<its root>/dist` and has no option for another directory, so
 * its sources are copied into a scratch root beside that copy (node_modules linked).
 */
export async function startRedeployableHearth(): Promise<RedeployableHearth> {
  const root = await mkdtemp(path.join(tmpdir(), 'hearth-deploy-'));
  const dist = path.join(root, 'dist');
  try {
    // The server reads messages with the dashboard's own core (the simulator's device keys).
    for (const folder of ['src/server', 'src/core']) {
      await cp(path.join(REPO_ROOT, folder), path.join(root, folder), {
        recursive: true,
        filter: (source) => !source.endsWith('.test.ts'),
      });
    }
    await writeFile(path.join(root, 'package.json'), '{ "type": "module" }\n');
    await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    // Copied last: the server rebuilds a dist/ older than the sources beside it.
    await cp(path.join(REPO_ROOT, 'dist'), dist, { recursive: true });
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  const httpPort = await findFreePort();
  const mqttPort = await findFreePort();
  const service = await startService({
    name: 'Hearth server (redeployable)',
    command: process.execPath,
    args: hearthServerArgs(httpPort, mqttPort, path.join(root, 'data')),
    cwd: root,
    readyOutput: 'Hearth is running at',
    readyPorts: [httpPort, mqttPort],
    readyTimeoutMs: READY_TIMEOUT_MS,
  }).catch(async (error: unknown) => {
    await rm(root, { recursive: true, force: true });
    throw error;
  });

  return {
    pageUrl: `http://127.0.0.1:${httpPort}/`,
    async deploy(label) {
      const indexPath = path.join(dist, 'index.html');
      const swPath = path.join(dist, 'sw.js');
      const before = await readFile(indexPath, 'utf8');
      const after = before.replace('<head>', `<head>\n    <meta name="${BUILD_META}" content="${label}" />`);
      const worker = await readFile(swPath, 'utf8');
      // Workbox names each precached file with the MD5 of its content.
      const entry = `{url:"index.html",revision:"${md5(before)}"}`;
      if (after === before || !worker.includes(entry)) {
        throw new Error(`dist/sw.js does not precache index.html as ${entry}; has the build format changed?`);
      }
      // The page first, so the new service worker never precaches the old one under the new revision.
      await writeFile(indexPath, after);
      await writeFile(swPath, worker.replace(entry, `{url:"index.html",revision:"${md5(after)}"}`));
    },
    async stop() {
      await service.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
