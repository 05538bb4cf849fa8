// The `3rs` command line: finds the command, runs it, and turns every failure into one line on stderr
// and an exit status (0 ok, 1 a check found a problem, 2 usage or input error).

import { toErrorValue } from '../core/errors.ts';
import { parseCommandArgs, UsageError, type Command } from './command.ts';
import { coderCommands } from './commands/coder.ts';
import { codingCommands } from './commands/coding.ts';
import { exportCommands } from './commands/export.ts';
import { identityCommands } from './commands/identity.ts';
import { importCommands } from './commands/imports.ts';
import { mediaCommands } from './commands/media.ts';
import { packetCommands } from './commands/packet.ts';
import { recordingCommands } from './commands/recording.ts';
import { reliabilityCommands } from './commands/reliability.ts';
import { scoresheetCommands } from './commands/scoresheet.ts';
import { studyCommands } from './commands/study.ts';
import { trainingCommands } from './commands/training.ts';
import { commandHelp, overview } from './help.ts';
import { print, printable } from './output.ts';

const COMMANDS: Command[] = [
  ...studyCommands,
  ...identityCommands,
  ...coderCommands,
  ...recordingCommands,
  ...mediaCommands,
  ...importCommands,
  ...packetCommands,
  ...scoresheetCommands,
  ...codingCommands,
  ...reliabilityCommands,
  ...trainingCommands,
  ...exportCommands,
];

const HELP_FLAGS = new Set(['--help', '-h']);
const SEE_HELP = 'Run "3rs --help" to see the commands.';

/** The command named by the first one or two words, and the arguments after them. */
function findCommand(argv: string[]): { command: Command; rest: string[] } {
  const [first = '', second = ''] = argv;
  const two = COMMANDS.find((c) => c.name === `${first} ${second}`);
  if (two) return { command: two, rest: argv.slice(2) };
  const one = COMMANDS.find((c) => c.name === first);
  if (one) return { command: one, rest: argv.slice(1) };
  const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name.split(' ')[1]);
  if (group.length > 0) {
    const what = second === '' || second.startsWith('-') ? `"3rs ${first}" needs a subcommand` : `unknown command "${first} ${second}"`;
    throw new UsageError(`${what}: use one of ${group.join(', ')}. ${SEE_HELP}`);
  }
  throw new UsageError(`unknown command "${first}". ${SEE_HELP}`);
}

async function dispatch(argv: string[]): Promise<number> {
  if (argv.length === 0) throw new UsageError(`no command given. ${SEE_HELP}`);
  if (HELP_FLAGS.has(argv[0]!) || argv[0] === 'help') {
    const topic = argv.slice(1).filter((a) => !HELP_FLAGS.has(a));
    print(topic.length ? commandHelp(findCommand(topic).command) : overview(COMMANDS));
    return 0;
  }
  const { command, rest } = findCommand(argv);
  if (rest.some((a) => HELP_FLAGS.has(a))) {
    print(commandHelp(command));
    return 0;
  }
  return command.run(parseCommandArgs(command, rest));
}

/** One line, whatever the error: messages from ffprobe or SQLite may carry newlines. */
function describe(err: unknown): string {
  if (err instanceof UsageError) return err.message;
  const { code, message } = toErrorValue(err);
  return `${message} (${code})`;
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (err) {
    // Messages name files and quote rows, which may hold control characters: shown escaped, never sent to the terminal.
    process.stderr.write(`3rs: ${printable(describe(err).replace(/\s*\n\s*/g, ' '))}\n`);
    return 2;
  }
}

// Output piped into `head` closes early: that is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await main(process.argv.slice(2));
