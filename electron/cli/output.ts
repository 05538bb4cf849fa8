// Results go to stdout; progress and messages for the person go to stderr, so piped output stays clean.

export function print(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

/** Left-aligned columns; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Numbers each distinct reason once, so a table cell can point to it as "n/a [1]" and the lines under the table say it. */
export class Footnotes {
  private readonly reasons = new Map<string, number>();

  mark(reason: string | undefined): string {
    if (reason === undefined) return '';
    if (!this.reasons.has(reason)) this.reasons.set(reason, this.reasons.size + 1);
    return `[${this.reasons.get(reason)}]`;
  }

  lines(): string[] {
    return [...this.reasons].map(([reason, n]) => `[${n}] ${reason}`);
  }
}

/** A percentage that rewrites itself on a terminal; nothing at all when stderr is a file or pipe. */
export function progressReporter(label: string): { update(done: number, total: number): void; end(): void } {
  if (!process.stderr.isTTY) return { update: () => {}, end: () => {} };
  let shown = -1;
  return {
    update(done, total) {
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
      if (percent === shown) return;
      shown = percent;
      process.stderr.write(`\r${label} ${percent}%`);
    },
    end() {
      if (shown >= 0) process.stderr.write('\r\x1b[K');
    },
  };
}

const hex = (code: number, width: number): string => code.toString(16).padStart(width, '0');
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A file name, or any text from outside, safe to print on a terminal: control characters (NUL, escape
 * sequences, C1 codes) and the bidirectional overrides that reorder what a terminal shows become visible
 * escapes such as \x1b or \u202e, so a name can neither hide itself nor drive the terminal.
 */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, (c) => {
    const code = c.codePointAt(0)!;
    return NAMED_ESCAPES[c] ?? (code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);
  });
}
