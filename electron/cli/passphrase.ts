// Where a passphrase may come from. Never argv: command lines end up in shell history and `ps`.
// In order: an environment variable named by the user, one line of standard input, a hidden TTY prompt.

import { UsageError } from './command.ts';

/** Reads the variable and removes it, so that no program this one starts (ffmpeg, ffprobe) inherits the passphrase. */
function fromEnv(name: string, flag: string): string {
  const value = process.env[name];
  delete process.env[name];
  if (!value) {
    throw new UsageError(
      `the environment variable ${name} (named by ${flag}) is not set or is empty. Set it to the passphrase, or leave out ${flag} to be asked.`,
    );
  }
  return value;
}

/** The first line of standard input, without its line ending. */
async function fromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(0x0a)) break;
  }
  const line = Buffer.concat(chunks).toString('utf8').split('\n')[0]!.replace(/\r$/, '');
  if (line === '') {
    throw new UsageError('no passphrase on standard input. Pipe it in as one line, or use --passphrase-env NAME.');
  }
  return line;
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new UsageError('cancelled: no passphrase was entered.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function promptTwice(what: string): Promise<string> {
  const first = await promptHidden(`${what}: `);
  const second = await promptHidden(`${what} again: `);
  if (first !== second) throw new UsageError('the two passphrases differ. Run the command again and type the same passphrase twice.');
  return first;
}

export interface PassphraseRequest {
  /** Value of --passphrase-env, if given. */
  envName?: string | undefined;
  /** Ask twice on a TTY (a new study): a typo would lock the study for good. */
  confirm?: boolean;
}

export async function readPassphrase({ envName, confirm = false }: PassphraseRequest): Promise<string> {
  if (envName !== undefined) return fromEnv(envName, '--passphrase-env');
  if (!process.stdin.isTTY) return fromStdin();
  return confirm ? promptTwice('New passphrase') : promptHidden('Passphrase: ');
}

/** Fails before any prompt or file access when rekey could not get a new passphrase anyway. */
export function assertNewPassphraseAvailable(envName: string | undefined): void {
  if (envName === undefined && !process.stdin.isTTY) {
    throw new UsageError(
      'give the new passphrase with --new-passphrase-env NAME (it is never read from the command line), or run the command in a terminal to be asked.',
    );
  }
}

/** For rekey: the old passphrase may use standard input, so the new one comes from the environment or a TTY. */
export async function readNewPassphrase(envName: string | undefined): Promise<string> {
  assertNewPassphraseAvailable(envName);
  return envName !== undefined ? fromEnv(envName, '--new-passphrase-env') : promptTwice('New passphrase');
}
