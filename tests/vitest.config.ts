import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    // Vitest leaves a core free by default (one worker on 2 cores); the tests spend much of their time waiting on the
    // processes they start (the CLI, ffmpeg, workers), so two workers run the suite in 270 s instead of 470 s here.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: { name: 'ui', environment: 'jsdom', include: ['tests/ui/**/*.test.tsx'], setupFiles: ['tests/ui/layout.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        // Needs the Electron binary: skips, saying so, where it is not installed.
        test: { name: 'electron', environment: 'node', include: ['tests/electron/**/*.test.ts'], testTimeout: 240_000, hookTimeout: 180_000 },
      },
    ],
  },
});
