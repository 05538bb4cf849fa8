import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { APP_SCHEME, rendererFileFor, responseHeaders, type Policy } from './policy.ts';

const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });

/** Serves the built renderer from disk under app://, so the page never runs from file:// (which can read any file). */
export function serveRenderer(protocol: Protocol, rendererRoot: string, policy: Policy): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, rendererRoot);
    if (!file || request.method !== 'GET') return notFound();
    try {
      return new Response(new Uint8Array(await readFile(file)), { headers: responseHeaders(file, policy) });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ENOENT' || code === 'EISDIR') return notFound();
      throw err;
    }
  });
}
