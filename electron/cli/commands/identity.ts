import { createIdentity, showIdentity, type IdentitySummary } from '../../core/lab/identity.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, UsageError, type Command } from '../command.ts';
import { print, printJson } from '../output.ts';
import { cliActor, withStudy } from '../study-session.ts';
import { CODER_ROLES, type CoderRole } from '../../core/store/coders.ts';

function printCard(id: IdentitySummary): void {
  print(`${id.code} (${id.name})`);
  print(`Card:        ${id.card}`);
  print(`Fingerprint: ${id.fingerprint}`);
}

function role(value: string | undefined): CoderRole | undefined {
  if (value === undefined) return undefined;
  if (!(CODER_ROLES as readonly string[]).includes(value)) throw new UsageError(`--role must be ${CODER_ROLES.join(' or ')} (got "${value}").`);
  return value as CoderRole;
}

const create: Command = {
  name: 'identity create',
  positionals: ['FILE'],
  options: {
    code: { type: 'string', value: 'CODE', help: "your code in the lab, e.g. C01 (a lab study: the lead's code)" },
    name: { type: 'string', value: 'NAME', help: 'your name, as your lead knows you' },
    role: { type: 'string', value: 'ROLE', help: 'your role in this study when you are not a coder of it yet: lead (default) or coder' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['code', 'name'],
  summary: 'make the identity (keys for lab packets) of the person who uses this study file',
  async run(args) {
    const input = { code: requiredOption(args, 'code'), name: requiredOption(args, 'name'), role: role(stringOption(args, 'role')) };
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), async (study) => {
      const id = await createIdentity(study.db, input, cliActor());
      printCard(id);
      print('Send the card line to your lab; compare the fingerprint with theirs in person before you trust any packet.');
      return 0;
    });
  },
};

const show: Command = {
  name: 'identity show',
  positionals: ['FILE'],
  options: { json: { type: 'boolean', help: 'print JSON: {code, name, card, fingerprint}' }, ...PASSPHRASE_ENV_OPTION },
  summary: "print this study's identity card and its fingerprint",
  run: (args) =>
    withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const id = showIdentity(study.db);
      if (args.options['json']) printJson(id);
      else printCard(id);
      return 0;
    }),
};

export const identityCommands: Command[] = [create, show];
