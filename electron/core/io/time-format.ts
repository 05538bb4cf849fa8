import { AppError } from '../errors.ts';

const SECONDS = /^(\d+)(?:\.(\d{1,3}))?$/;
const CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d{1,3}))?$/;

const fractionMs = (digits: string | undefined): number => (digits ? Number(digits.padEnd(3, '0')) : 0);

function invalid(text: string, why: string): AppError {
  return new AppError('INVALID_INPUT', `"${text}" is not a valid time: ${why}`);
}

const FORMS = 'write seconds (12.5), mm:ss (01:30) or hh:mm:ss (1:02:03), with at most 3 decimals (.250)';

/**
 * A media time typed by a person or another tool, as whole milliseconds: seconds (`12.5`), `mm:ss` or
 * `hh:mm:ss`, each with an optional fraction of up to 3 digits.
 */
export function parseTimeMs(input: string): number {
  const text = input.trim();
  if (text.startsWith('-')) throw invalid(text, 'times cannot be negative.');
  const s = SECONDS.exec(text);
  if (s) return Number(s[1]) * 1000 + fractionMs(s[2]);
  const c = CLOCK.exec(text);
  if (!c) throw invalid(text, `${FORMS}.`);
  const [, hours, minutes, seconds, fraction] = c;
  // In clock forms a field of 60 or more is almost always a typo, and silently carrying it would hide one.
  if (Number(minutes) >= 60) {
    throw invalid(
      text,
      hours === undefined ? 'minutes must be below 60; write hh:mm:ss (1:15:00) for an hour or more.' : 'minutes must be below 60.',
    );
  }
  if (Number(seconds) >= 60) throw invalid(text, 'seconds must be below 60.');
  return ((Number(hours ?? 0) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + fractionMs(fraction);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `mm:ss` under an hour, `h:mm:ss` from an hour on; `.sss` is added only when the time has milliseconds. */
export function formatClock(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new AppError('INVALID_INPUT', `Cannot show ${ms} ms as a time: it must be zero or more.`);
  const whole = Math.round(ms);
  const millis = whole % 1000;
  const totalSeconds = Math.floor(whole / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor(totalSeconds / 60) % 60;
  const seconds = totalSeconds % 60;
  const clock = hours > 0 ? `${hours}:${pad2(minutes)}:${pad2(seconds)}` : `${pad2(minutes)}:${pad2(seconds)}`;
  return millis === 0 ? clock : `${clock}.${String(millis).padStart(3, '0')}`;
}
