import { optionFlag, usageLine, type Command } from './command.ts';

const PASSPHRASE_NOTE = [
  'The passphrase is never taken from the command line. It is read from the environment variable named by',
  '--passphrase-env, else from the first line of standard input when that is not a terminal, else asked for',
  'on the terminal without echo.',
];

const EXIT_NOTE = 'Exit status: 0 success, 1 when "study verify" finds a problem, 2 for a usage or input error.';

export function overview(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    '3rs: the command line of 3RS Station (Rupture Resolution Rating System coding).',
    '',
    'Usage: 3rs COMMAND [ARGS] [OPTIONS]      3rs COMMAND --help for its options',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    ...PASSPHRASE_NOTE,
    '',
    EXIT_NOTE,
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const flags = Object.entries(command.options).map(([name, spec]) => [optionFlag(name, spec), spec.help] as const);
  const width = Math.max(0, ...flags.map(([flag]) => flag.length));
  return [
    `Usage: ${usageLine(command)}`,
    '',
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    ...(flags.length ? ['', 'Options:', ...flags.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`)] : []),
    ...(command.options['passphrase-env'] ? ['', ...PASSPHRASE_NOTE] : []),
  ].join('\n');
}
