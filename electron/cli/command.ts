// What every command module exports, and the argument parsing they share (node's util.parseArgs).

import { parseArgs } from 'node:util';

/** A mistake in how the command was typed: exit 2 with the usage, no error code. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Placeholder for a string option's value in usage lines, e.g. "CODE". */
  value?: string;
  /** One line for the help text. */
  help: string;
}

export interface CommandArgs {
  positionals: string[];
  /** Option values by name; string options are strings, boolean options true when given. */
  options: Record<string, string | boolean | undefined>;
}

export interface Command {
  /** One or two words, e.g. "study create" or "scoresheet". */
  name: string;
  /** Positional argument names in order, e.g. ["FILE", "VIDEO"]; a last one like "[FILE…]" takes any number, none included. */
  positionals: string[];
  options: Record<string, OptionSpec>;
  /** Options that must be given. */
  required?: string[];
  summary: string;
  /** Resolves to the exit code: 0, or 1 when a check found a problem. */
  run(args: CommandArgs): Promise<number>;
}

/** The option every command that opens a study accepts. */
export const PASSPHRASE_ENV_OPTION: Record<string, OptionSpec> = {
  'passphrase-env': { type: 'string', value: 'NAME', help: 'read the passphrase from the environment variable NAME' },
};

export const optionFlag = (name: string, spec: OptionSpec): string => (spec.type === 'string' ? `--${name} ${spec.value ?? 'VALUE'}` : `--${name}`);

export function usageLine(command: Command): string {
  const required = new Set(command.required ?? []);
  const options = Object.entries(command.options).map(([name, spec]) => {
    const flag = optionFlag(name, spec);
    return required.has(name) ? flag : `[${flag}]`;
  });
  return ['3rs', command.name, ...command.positionals, ...options].join(' ');
}

/** Keeps the first sentence of node's parseArgs message, which goes on about '--' escapes. */
const firstSentence = (message: string): string => message.split(/(?<=\.)\s/)[0]!.replace(/\.$/, '');

export function parseCommandArgs(command: Command, argv: string[]): CommandArgs {
  const hint = `Usage: ${usageLine(command)}`;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(`${firstSentence((err as Error).message)}. ${hint}`);
  }
  const { positionals, values } = parsed;
  const variadic = command.positionals.at(-1)?.endsWith('…]') === true;
  const missing = command.positionals.slice(positionals.length).filter((name) => !name.startsWith('['));
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(' and ')}. ${hint}`);
  if (!variadic && positionals.length > command.positionals.length) {
    throw new UsageError(`unexpected argument "${positionals[command.positionals.length]}". ${hint}`);
  }
  for (const name of command.required ?? []) {
    if (values[name] === undefined) throw new UsageError(`missing --${name}. ${hint}`);
  }
  return { positionals, options: values };
}

export function stringOption(args: CommandArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** A required option, already checked by parseCommandArgs. */
export function requiredOption(args: CommandArgs, name: string): string {
  const value = stringOption(args, name);
  if (value === undefined) throw new UsageError(`missing --${name}.`);
  return value;
}

export function wholeNumberOption(args: CommandArgs, name: string, example: string): number | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${name} must be a whole number, like ${example} (got "${value}").`);
  return Number(value);
}
