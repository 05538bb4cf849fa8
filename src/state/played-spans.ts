// The stretches of the recording the player has played forward, gathered between reports to the core. The
// core merges them and decides from them which segments are watched; here they are only collected.

export interface Span {
  startMs: number;
  endMs: number;
}

export class PlayedSpans {
  private open: Span | null = null;
  private done: Span[] = [];

  /** The playhead moved forward from `fromMs` to `toMs` while playing; a gap from the last step starts a new span. */
  extend(fromMs: number, toMs: number): void {
    if (toMs <= fromMs) return;
    if (this.open && Math.abs(this.open.endMs - fromMs) < 1) this.open.endMs = toMs;
    else {
      this.close();
      this.open = { startMs: fromMs, endMs: toMs };
    }
  }

  /** Playing stopped or the playhead jumped: the span so far is finished. */
  close(): void {
    if (this.open) this.done.push(this.open);
    this.open = null;
  }

  /** Everything gathered so far, in whole ms (widened to whole ms so consecutive reports touch); a span being played goes on. */
  take(): Span[] {
    if (this.open) {
      this.done.push({ ...this.open });
      this.open = { startMs: this.open.endMs, endMs: this.open.endMs };
    }
    const spans = this.done.map((s) => ({ startMs: Math.floor(s.startMs), endMs: Math.ceil(s.endMs) })).filter((s) => s.endMs > s.startMs);
    this.done = [];
    return spans;
  }

  clear(): void {
    this.open = null;
    this.done = [];
  }
}
