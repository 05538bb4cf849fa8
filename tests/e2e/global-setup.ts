import { buildApp, RENDERER_ENV } from './harness/app.ts';

/**
 * Once per run: the app's own build (about 3 s) into a private folder, which the test workers find through the
 * environment; the returned function removes it after the run.
 */
export default function globalSetup(): () => void {
  const built = buildApp();
  process.env[RENDERER_ENV] = built.renderer;
  return built.remove;
}
