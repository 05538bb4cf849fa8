import { buildScoresheet } from '../../core/coding/index.ts';
import { getScheme } from '../../core/scheme/index.ts';
import { getSettings } from '../../core/store/settings.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, type Command } from '../command.ts';
import { print, printJson } from '../output.ts';
import { renderScoresheet } from '../scoresheet-text.ts';
import { withStudy } from '../study-session.ts';

const scoresheet: Command = {
  name: 'scoresheet',
  positionals: ['FILE'],
  options: {
    recording: { type: 'string', value: 'CODE', help: 'the recording, e.g. D01-S01' },
    coder: { type: 'string', value: 'CODE', help: 'the coder, e.g. C01' },
    json: { type: 'boolean', help: 'print JSON' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['recording', 'coder'],
  summary: "print one coder's scoresheet of a recording: marks per segment, ratings, warnings",
  run: (args) =>
    withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const sheet = buildScoresheet(study.db, requiredOption(args, 'recording'), requiredOption(args, 'coder'));
      if (args.options['json']) printJson(sheet);
      else print(renderScoresheet(sheet, getScheme(getSettings(study.db).schemeId)));
      return 0;
    }),
};

export const scoresheetCommands: Command[] = [scoresheet];
