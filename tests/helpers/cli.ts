import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { PASSPHRASE } from './study.ts';

const CLI = fileURLToPath(new URL('../../electron/cli/3rs.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  timedOut?: boolean;
}

export interface RunOptions {
  /** Added to the test process's environment. */
  env?: Record<string, string>;
  /** Written to the command's standard input, which is then closed (empty when not given). */
  input?: string;
  cwd?: string;
  /** Kills the command (SIGKILL) if it has not ended after this many ms; the result then says timedOut. */
  timeoutMs?: number;
  /** Called with the child's pid once it runs, e.g. to watch its memory. */
  onSpawn?: (pid: number) => void;
}

/** Runs `node electron/cli/3rs.mjs ARGS` as a real subprocess, as a user or CI script would. */
export function run3rs(args: string[], { env = {}, input = '', cwd, timeoutMs, onSpawn }: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), timeoutMs);
    if (child.pid !== undefined) onSpawn?.(child.pid);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, ...(timedOut ? { timedOut } : {}) });
    });
    child.stdin.end(input);
  });
}

/** The environment and flag that hand the test passphrase to a command. */
export const PASS_ENV = { STUDY_PASS: PASSPHRASE };
export const WITH_PASS = ['--passphrase-env', 'STUDY_PASS'];

/**
 * One private folder for a whole test file, so a study made once can serve several tests (each CLI open
 * pays the key derivation). Its name has a space and non-ASCII letters, as users' folders do.
 */
export function useSharedDir(): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = join(mkdtempSync(join(tmpdir(), '3rs-cli-')), 'études cliniques');
    mkdirSync(dir);
  });
  afterAll(() => {
    if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error('useSharedDir: the folder exists only inside tests and hooks');
    return dir;
  };
}
