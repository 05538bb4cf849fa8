// `3rs coding complete` and `3rs coding reopen`: a coding's sign-off from the command line, with the app's
// rules (electron/core/coding/sign-off.ts). The command line has no coder identity: its audit actor is the
// operating-system user (cli:<user>), and reopening, a lead's decision here, names the lead with --as.

import { describeSegments, reopenCoding, signOffCheck, completeCoding } from '../../core/coding/index.ts';
import { AppError } from '../../core/errors.ts';
import { findCoder } from '../../core/store/coders.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, type Command, type OptionSpec } from '../command.ts';
import { print } from '../output.ts';
import { cliActor, withStudy } from '../study-session.ts';

const CODING_OPTIONS: Record<string, OptionSpec> = {
  recording: { type: 'string', value: 'CODE', help: 'the recording, e.g. D01-S01' },
  coder: { type: 'string', value: 'CODE', help: 'whose coding, e.g. C01' },
};

const complete: Command = {
  name: 'coding complete',
  positionals: ['FILE'],
  options: {
    ...CODING_OPTIONS,
    confirm: { type: 'boolean', help: 'sign off although checks are open or segments are unwatched (they are listed first)' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['recording', 'coder'],
  summary: 'sign a coding off as complete: refused while a global rating is missing; with open checks or unwatched segments only with --confirm',
  run: (args) => {
    const recording = requiredOption(args, 'recording');
    const coder = requiredOption(args, 'coder');
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const check = signOffCheck(study.db, recording, coder);
      const open = [
        ...check.warnings.map((w) => `- ${w.message}`),
        ...(check.unwatched.length > 0 ? [`- Not watched: ${describeSegments(check.unwatched)}.`] : []),
      ];
      // Missing ratings, an empty or an already complete coding: the core refuses with its own sentence.
      if (open.length > 0 && check.missingRatings.length === 0 && check.state === 'in-progress' && args.options['confirm'] !== true) {
        print(
          [
            `${recording}/${coder} would be signed off with these still open:`,
            ...open,
            'Nothing was changed. Look at them, or run again with --confirm to sign off anyway.',
          ].join('\n'),
        );
        return 1;
      }
      completeCoding(study.db, recording, coder, cliActor());
      print(
        `Signed off ${recording}/${coder} as complete${open.length > 0 ? ` (${open.length} item${open.length === 1 ? '' : 's'} still open, as confirmed)` : ''}.`,
      );
      return 0;
    });
  },
};

const reopen: Command = {
  name: 'coding reopen',
  positionals: ['FILE'],
  options: {
    ...CODING_OPTIONS,
    as: { type: 'string', value: 'LEAD', help: 'the lead who reopens it (a coder code with the role lead), named in the audit' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['recording', 'coder', 'as'],
  summary: 'reopen a complete coding so it can change again (a lead, named with --as; audited)',
  run: (args) => {
    const recording = requiredOption(args, 'recording');
    const coder = requiredOption(args, 'coder');
    const lead = requiredOption(args, 'as');
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      if (findCoder(study.db, lead)?.role !== 'lead') {
        throw new AppError(
          'FORBIDDEN',
          `${lead} is not a lead of this study: from the command line only a lead reopens a coding. Name a lead with --as (a coder reopens their own coding in the app, until it is used).`,
        );
      }
      reopenCoding(study.db, recording, coder, `${cliActor()} as ${lead}`);
      print(`Reopened ${recording}/${coder}: it can change again, and needs signing off again.`);
      return 0;
    });
  },
};

export const codingCommands: Command[] = [complete, reopen];
