import { defineConfig } from 'vitest/config';

// Kept apart from vite.config.ts so unit tests never build the app or its service worker.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    exclude: ['src/server/**/*.e2e.ts'],
    environment: 'node',
  },
});
