// Options shared by the commands that work on a chosen set of codings: comma-separated code lists and the
// check-minus setting.

import { stringOption, UsageError, type CommandArgs, type OptionSpec } from './command.ts';

/** A comma-separated list option: undefined when not given, never empty when given. */
export function listOption(args: CommandArgs, name: string, example: string): string[] | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  const codes = [
    ...new Set(
      value
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
  if (codes.length === 0) throw new UsageError(`--${name} needs a comma-separated list of codes, like ${example}.`);
  return codes;
}

export const CHECK_MINUS_OPTION: Record<string, OptionSpec> = {
  'check-minus': { type: 'string', value: 'present|absent', help: 'whether a check-minus mark counts as its code being present (default: present)' },
};

export function checkMinusOption(args: CommandArgs): 'present' | 'absent' {
  const value = stringOption(args, 'check-minus') ?? 'present';
  if (value !== 'present' && value !== 'absent') throw new UsageError(`--check-minus must be "present" or "absent" (got "${value}").`);
  return value;
}
