/** A single byte range, both ends inclusive, already clamped to the resource. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads an HTTP Range header for a resource of `size` bytes.
 * - null: no usable range (absent, another unit, or several ranges): answer with the whole resource;
 * - 'unsatisfiable': the range starts past the end: answer 416;
 * - otherwise the range, with its end capped at size − 1.
 */
export function parseRange(header: string | null | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null; // several ranges or a malformed header: the full body is a valid answer
  const [, from = '', to = ''] = m;
  if (from === '' && to === '') return null;
  if (from === '') {
    // Suffix range: the last N bytes.
    const n = Number(to);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(from);
  if (start >= size) return 'unsatisfiable';
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (end < start) return null;
  return { start, end };
}
