// Pushing an event to the page and waiting, bounded, for its answer (electron/main/page-events.ts).

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPageEvents } from '../../electron/main/page-events.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('asking the page', () => {
  it('resolves to the answer sent back with the push’s id', async () => {
    const sent: [number, string, unknown][] = [];
    const events = createPageEvents((id, name, payload) => void sent.push([id, name, payload]));
    const asked = events.ask('drafts.save', { reason: 'system' }, 2000);
    expect(sent).toEqual([[1, 'drafts.save', { reason: 'system' }]]);
    events.answered(99, { saved: 5 });
    events.answered(1, { saved: 2 });
    expect(await asked).toEqual({ saved: 2 });
  });

  it('resolves to null when no answer comes in time (a hung page), and a late answer changes nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const events = createPageEvents(() => undefined);
    let answer: unknown = 'pending';
    void events.ask('drafts.save', { reason: 'idle' }, 2000).then((a) => (answer = a));
    await vi.advanceTimersByTimeAsync(1999);
    expect(answer).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toBeNull();
    events.answered(1, { saved: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(answer).toBeNull();
  });

  it('waits out the bound when the window cannot be sent to (already destroyed), without throwing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const events = createPageEvents(() => {
      throw new Error('Object has been destroyed');
    });
    const asked = events.ask('drafts.save', { reason: 'asked' }, 500);
    expect(() => events.tell('session.locked', { reason: 'asked' })).not.toThrow();
    await vi.advanceTimersByTimeAsync(500);
    expect(await asked).toBeNull();
  });
});
