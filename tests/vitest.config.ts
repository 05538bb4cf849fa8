import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
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
