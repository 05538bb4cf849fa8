import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      // No source maps in any part of the build: the package ships none (they would carry the sources).
      sourcemap: false,
      // Bundle plain-JS dependencies; native and process-spawning modules stay in node_modules.
      externalizeDeps: false,
      rolldownOptions: {
        // The core runs in a worker thread beside the main process (electron/main/core-client.ts starts it).
        input: { index: resolve(root, 'electron/main/index.ts'), 'core-worker': resolve(root, 'electron/worker/core-worker.ts') },
        // The ffmpeg installer packages locate their binary relative to their own folder.
        external: ['better-sqlite3-multiple-ciphers', '@ffmpeg-installer/ffmpeg', '@ffprobe-installer/ffprobe'],
      },
    },
  },
  preload: {
    build: {
      sourcemap: false,
      // A sandboxed preload cannot load ES modules or require anything but 'electron': one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src'),
    plugins: [react()],
    build: {
      sourcemap: false,
      // electron-vite leaves minification off. The renderer (React and all) is minified; main and preload are not:
      // they are read once from the local disk, and their stack traces are what a bug report carries.
      minify: 'oxc',
      outDir: resolve(root, 'out/renderer'),
      // No data: URLs: the CSP allows only the app's own scheme.
      assetsInlineLimit: 0,
      rolldownOptions: { input: resolve(root, 'src/index.html') },
    },
  },
});
