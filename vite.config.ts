import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Marks the page's entry chunk for eager compilation (V8's explicit compile hints, Chromium 136
 * and later): its functions are compiled on a background thread while the file streams in,
 * instead of one by one on the main thread as they are first called. On a tablet's CPU the
 * dashboard's first render spent two thirds of its 600 ms compiling React and the app that way.
 * Only the entry: the chunks loaded later hold little of the first screen, and the connection
 * worker compiles its own module on its thread, where compiling all of MQTT.js at once held the
 * connection back. The comment must be the file's first line: it goes in once the file is
 * written, after Vite's preload map; other browsers ignore it.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

function compileHints(): Plugin {
  let outDir = 'dist';
  return {
    name: 'hearth-compile-hints',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        const file = path.join(dir, chunk.fileName);
        const code = await readFile(file, 'utf8');
        if (!code.startsWith(COMPILE_HINT)) await writeFile(file, `${COMPILE_HINT}\n${code}`);
      }
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    compileHints(),
    tailwindcss(),
    VitePWA({
      // The page decides when a new version takes over: a prompt, or an idle moment in kiosk mode.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Hearth — home sensors',
        short_name: 'Hearth',
        description: 'Live values, charts and offline alerts for the sensors in your home, over MQTT.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#c2410c',
        background_color: '#0f172a',
        categories: ['utilities', 'productivity'],
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        // The broker's WebSocket endpoint is never a page.
        navigateFallbackDenylist: [/^\/mqtt/],
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
  ],
  // The connection worker loads MQTT.js as a second chunk, after its small entry has started.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
