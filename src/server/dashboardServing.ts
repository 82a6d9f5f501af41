import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDashboard, checkBuildFreshness } from './appBuild.ts';
import { withBuildLock } from './buildLock.ts';
import type { ServerOptions } from './options.ts';
import { createStaticHandler, sendText } from './staticFiles.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** What answers the dashboard's requests, and the Vite server to close on stop (under --dev). */
export interface DashboardServing {
  handle: RequestHandler;
  vite: { close(): Promise<void> } | null;
}

/**
 * The dashboard: under --dev, Vite's sources with hot reload (its socket shares `httpServer`);
 * otherwise the built files in dist/, built first when the sources changed since.
 */
export async function serveDashboard(
  httpServer: Server | HttpsServer,
  options: ServerOptions,
): Promise<DashboardServing> {
  if (options.dev) {
    const { createServer: createViteServer } = await import('vite');
    const vite = await createViteServer({
      root: REPO_ROOT,
      configFile: path.join(REPO_ROOT, 'vite.config.ts'),
      server: {
        middlewareMode: true,
        ws: { server: httpServer as Server },
        // The data directory (accounts, screens, the control log, history) is never a source.
        fs: { deny: ['.env', '.env.*', '*.{crt,pem,key}', `${path.resolve(options.dataDir)}/**`, 'data/**'] },
      },
      appType: 'spa',
    });
    // Vite serves the repository's files: never the data directory, even to someone signed in.
    const dataPrefix = `/${path.relative(REPO_ROOT, path.resolve(options.dataDir)).split(path.sep).join('/')}/`;
    const inData = (url: string | undefined) => {
      let pathname: string;
      try {
        pathname = path.posix.normalize(decodeURIComponent((url ?? '/').split(/[?#]/)[0] ?? '/'));
      } catch {
        return true;
      }
      return !dataPrefix.startsWith('/..') && pathname.startsWith(dataPrefix);
    };
    const handle: RequestHandler = (request, response) => {
      if (inData(request.url)) return sendText(response, 404, 'Not found.');
      vite.middlewares(request, response, () => sendText(response, 404, 'Not found.'));
    };
    return { handle, vite };
  }
  await ensureDashboardBuilt();
  const staticFiles = createStaticHandler(path.join(REPO_ROOT, 'dist'));
  await staticFiles.warm();
  return { handle: staticFiles, vite: null };
}

/** Builds the dashboard unless dist/ is fresh, one Hearth at a time; a failed first build ends the start. */
async function ensureDashboardBuilt(): Promise<void> {
  if ((await checkBuildFreshness(REPO_ROOT)).kind === 'fresh') return;
  await withBuildLock(
    REPO_ROOT,
    async () => {
      // Checked again: whoever held the lock may have just built the same sources.
      const freshness = await checkBuildFreshness(REPO_ROOT);
      if (freshness.kind === 'fresh') return;
      const why = freshness.kind === 'missing' ? 'no build yet' : `${freshness.changed} changed`;
      console.log(`Building the dashboard (${why})…`);
      const built = await buildDashboard(REPO_ROOT);
      if (built.ok) {
        console.log(`Built the dashboard in ${(built.durationMs / 1000).toFixed(1)} s.`);
        return;
      }
      if ((await checkBuildFreshness(REPO_ROOT)).kind === 'missing') {
        console.error(`Could not build the dashboard: ${built.reason}`);
        console.error(
          'Fix the error above and start again (npm run dev serves the sources without a build).',
        );
        process.exit(1);
      }
      console.error(`Could not build the dashboard: ${built.reason}. Serving the previous build.`);
    },
    () => console.log('Waiting for another Hearth to finish building the dashboard…'),
  );
}
