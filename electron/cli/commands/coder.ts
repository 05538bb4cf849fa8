import { addCoder, CODER_ROLES, type CoderRole } from '../../core/store/coders.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, UsageError, type Command } from '../command.ts';
import { print } from '../output.ts';
import { cliActor, withStudy } from '../study-session.ts';

function role(value: string | undefined): CoderRole | undefined {
  if (value === undefined) return undefined;
  if (!(CODER_ROLES as readonly string[]).includes(value)) throw new UsageError(`--role must be ${CODER_ROLES.join(' or ')} (got "${value}").`);
  return value as CoderRole;
}

const add: Command = {
  name: 'coder add',
  positionals: ['FILE'],
  options: {
    code: { type: 'string', value: 'CODE', help: 'short code used in exports instead of the name, e.g. C01' },
    name: { type: 'string', value: 'NAME', help: 'display name' },
    role: { type: 'string', value: 'ROLE', help: 'coder (default) or lead' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['code', 'name'],
  summary: 'add a coder to a study',
  async run(args) {
    const input = { code: requiredOption(args, 'code'), name: requiredOption(args, 'name'), role: role(stringOption(args, 'role')) };
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const coder = addCoder(study.db, input, cliActor());
      print(`Added coder ${coder.code} (${coder.name}, ${coder.role}).`);
      return 0;
    });
  },
};

export const coderCommands: Command[] = [add];
