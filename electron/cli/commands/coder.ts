import { addCoderWithCard, setCoderIdentity } from '../../core/lab/coder-cards.ts';
import { addCoder, CODER_ROLES, renameCoder, setCoderRetired, setCoderRole, type CoderRole } from '../../core/store/coders.ts';
import { readCardArgument } from '../card-argument.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, usageLine, UsageError, type Command } from '../command.ts';
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
    name: { type: 'string', value: 'NAME', help: "display name (with --identity: the card's name by default)" },
    role: { type: 'string', value: 'ROLE', help: 'coder (default) or lead' },
    identity: { type: 'string', value: 'CARD', help: "the coder's identity card (the line, or a file holding it), for lab packets" },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['code'],
  summary: 'add a coder to a study (with their identity card, in a lab study)',
  async run(args) {
    const code = requiredOption(args, 'code');
    const name = stringOption(args, 'name');
    const cardOption = stringOption(args, 'identity');
    const card = cardOption === undefined ? undefined : readCardArgument(cardOption);
    // With a card, the name is the card's; without one it must be given.
    if (card === undefined && name === undefined) throw new UsageError(`missing --name. Usage: ${usageLine(add)}`);
    const coderRole = role(stringOption(args, 'role'));
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      if (card === undefined) {
        const coder = addCoder(study.db, { code, name: name!, role: coderRole }, cliActor());
        print(`Added coder ${coder.code} (${coder.name}, ${coder.role}).`);
        return 0;
      }
      const added = addCoderWithCard(study.db, { code, name, role: coderRole, card }, cliActor());
      print(`Added coder ${added.coder.code} (${added.coder.name}, ${added.coder.role}).`);
      print(`Fingerprint: ${added.fingerprint}`);
      print(`Compare it in person with the one ${added.coder.code} sees in "3rs identity show" before you send any assignment.`);
      return 0;
    });
  },
};

const identity: Command = {
  name: 'coder identity',
  positionals: ['FILE'],
  options: {
    code: { type: 'string', value: 'CODE', help: 'the coder whose card to register or replace' },
    identity: { type: 'string', value: 'CARD', help: 'the new identity card (the line, or a file holding it)' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['code', 'identity'],
  summary: "register or replace a coder's identity card (audited; packets signed with an old key are refused after)",
  async run(args) {
    const code = requiredOption(args, 'code');
    const card = readCardArgument(requiredOption(args, 'identity'));
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const result = setCoderIdentity(study.db, code, card, cliActor());
      print(`${result.replaced ? 'Replaced' : 'Registered'} the identity of ${result.coder.code}.`);
      print(`Fingerprint: ${result.fingerprint}`);
      return 0;
    });
  },
};

const setRole: Command = {
  name: 'coder role',
  positionals: ['FILE'],
  options: {
    code: { type: 'string', value: 'CODE', help: 'the coder' },
    role: { type: 'string', value: 'ROLE', help: 'coder or lead' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['code', 'role'],
  summary: "change a coder's role (a lead's change, audited)",
  run(args) {
    const code = requiredOption(args, 'code');
    const newRole = role(requiredOption(args, 'role'))!;
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const coder = setCoderRole(study.db, code, newRole, cliActor());
      print(`${coder.code} is now a ${coder.role}.`);
      return 0;
    });
  },
};

const rename: Command = {
  name: 'coder rename',
  positionals: ['FILE'],
  options: {
    code: { type: 'string', value: 'CODE', help: 'the coder to rename' },
    to: { type: 'string', value: 'NEWCODE', help: 'their new code' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['code', 'to'],
  summary: "give a coder a new code (a lead's change, audited; codings, card and packets follow)",
  run(args) {
    const code = requiredOption(args, 'code');
    const to = requiredOption(args, 'to');
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const coder = renameCoder(study.db, code, to, cliActor());
      print(`Renamed ${code} to ${coder.code}.`);
      return 0;
    });
  },
};

const retire: Command = {
  name: 'coder retire',
  positionals: ['FILE'],
  options: {
    code: { type: 'string', value: 'CODE', help: 'the coder to retire' },
    restore: { type: 'boolean', help: 'bring a retired coder back' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['code'],
  summary: 'retire a coder: hidden from lists and new work, their codings kept (audited)',
  run(args) {
    const code = requiredOption(args, 'code');
    const restore = args.options['restore'] === true;
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      setCoderRetired(study.db, code, !restore, cliActor());
      print(restore ? `${code} is back in the lists.` : `Retired ${code}: hidden from lists and new work; their codings stay in the study.`);
      return 0;
    });
  },
};

export const coderCommands: Command[] = [add, identity, setRole, rename, retire];
