import { closeSync, openSync, writeSync } from 'node:fs';

const NOTE = 'the patient turns away and changes the subject after the therapist names the pattern, then laughs; a long pause follows';

/**
 * Writes a valid events CSV of about `bytes` bytes: marks every tenth of a second over two hours, each with a
 * note, as a coder's notes-heavy file would be. Returns its number of rows.
 */
export function writeEventsCsv(path: string, bytes: number): number {
  const fd = openSync(path, 'w');
  try {
    let size = writeSync(fd, 'time,code,clarity,note\n');
    let rows = 0;
    let batch: string[] = [];
    while (size < bytes) {
      const line = `${((rows % 72_000) / 10).toFixed(1)},W${1 + (rows % 7)},check,"${NOTE} ${rows}"\n`;
      batch.push(line);
      size += line.length;
      rows++;
      if (batch.length === 5000) {
        writeSync(fd, batch.join(''));
        batch = [];
      }
    }
    writeSync(fd, batch.join(''));
    return rows;
  } finally {
    closeSync(fd);
  }
}
