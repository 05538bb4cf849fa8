import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeAssignment } from '../../core/lab/assign.ts';
import { importPackets } from '../../core/lab/import-batch.ts';
import { inspectReturn, type PacketReview, type RecordingChange } from '../../core/lab/import-return.ts';
import { openAssignment } from '../../core/lab/open-assignment.ts';
import { PACKET_EXTENSION, readPacketFile } from '../../core/lab/packet-file.ts';
import { makeReturn } from '../../core/lab/return.ts';
import { PASSPHRASE_ENV_OPTION, requiredOption, stringOption, UsageError, type Command } from '../command.ts';
import { print, printJson } from '../output.ts';
import { cliActor, withStudy } from '../study-session.ts';

const codeList = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '');

const assign: Command = {
  name: 'packet assign',
  positionals: ['LAB'],
  options: {
    coder: { type: 'string', value: 'CODE', help: 'the coder to assign work to (their identity card must be registered)' },
    recordings: { type: 'string', value: 'D01-S01,…', help: 'the recordings to assign (default: every recording not retired)' },
    out: { type: 'string', value: 'FILE', help: 'the packet file to write, or a folder to write it into' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['coder', 'out'],
  summary: "make an assignment packet for a coder (encrypted to them, signed by this study's identity)",
  run: (args) =>
    withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), async (study) => {
      const made = await makeAssignment(
        study.db,
        { coder: requiredOption(args, 'coder'), recordings: codeList(stringOption(args, 'recordings')), out: requiredOption(args, 'out') },
        cliActor(),
      );
      print(`Wrote assignment ${made.sequence} for ${made.coder} (${made.recordings.join(', ')}) to ${made.path}.`);
      print(`SHA-256 ${made.sha256}. Only ${made.coder} can open it; send it by any route, and the videos separately.`);
      return 0;
    }),
};

const open: Command = {
  name: 'packet open',
  positionals: ['FILE'],
  options: {
    study: { type: 'string', value: 'WORK', help: 'your workstation study (it holds your identity: "3rs identity create")' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['study'],
  summary: 'open an assignment from your lead into your workstation study',
  run: (args) => {
    const bytes = readPacketFile(args.positionals[0]!);
    return withStudy(requiredOption(args, 'study'), stringOption(args, 'passphrase-env'), async (study) => {
      const opened = await openAssignment(study.db, bytes, cliActor());
      if (opened.alreadyOpened) {
        print(`Assignment ${opened.sequence} from ${opened.lead} was already opened. Nothing was changed.`);
        return 0;
      }
      print(`Opened assignment ${opened.sequence} from ${opened.lead}.`);
      if (opened.firstContact) {
        print(`Your lead's fingerprint: ${opened.leadFingerprint}`);
        print(
          `Compare it in person with the one ${opened.lead} sees in "3rs identity show"; only packets signed with this key are opened from now on.`,
        );
      }
      for (const r of opened.recordings) {
        const coding = { taken: 'your coding from the lab', kept: 'your own coding kept (it has changes not yet sent back)', none: 'not coded yet' }[
          r.coding
        ];
        print(`  ${r.code}: ${r.located ? 'video linked' : 'video not linked yet'}; ${coding}`);
      }
      if (opened.recordings.some((r) => !r.located)) print('Link the videos with "3rs recording locate WORK --folder DIR".');
      return 0;
    });
  },
};

const ret: Command = {
  name: 'packet return',
  positionals: ['WORK'],
  options: {
    out: { type: 'string', value: 'FILE', help: 'the packet file to write, or a folder to write it into' },
    ...PASSPHRASE_ENV_OPTION,
  },
  required: ['out'],
  summary: 'make a return packet of your codings for your lead (encrypted to them, signed by you)',
  run: (args) =>
    withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), async (study) => {
      const made = await makeReturn(study.db, { out: requiredOption(args, 'out') }, cliActor());
      print(
        `Wrote return packet ${made.sequence} (${made.recordings.length} recording${made.recordings.length === 1 ? '' : 's'}: ${made.recordings.join(', ')}) to ${made.path}.`,
      );
      print(`SHA-256 ${made.sha256}. Only your lead can open it.`);
      return 0;
    }),
};

const STATUS = { 'in-progress': 'in progress', complete: 'complete' } as const;
const status = (s: RecordingChange['statusBefore']) => (s === null ? 'not started' : STATUS[s]);

function describeChange(c: RecordingChange): string {
  const parts: string[] = [];
  if (c.marksAdded + c.marksChanged + c.marksDeleted > 0)
    parts.push(`${c.marksAdded} mark${c.marksAdded === 1 ? '' : 's'} added, ${c.marksChanged} changed, ${c.marksDeleted} deleted`);
  if (c.ratingsChanged > 0) parts.push(`${c.ratingsChanged} rating${c.ratingsChanged === 1 ? '' : 's'} changed`);
  if (c.notesChanged > 0) parts.push(`${c.notesChanged} note${c.notesChanged === 1 ? '' : 's'} changed`);
  if (c.statusBefore !== c.statusAfter) parts.push(`status ${status(c.statusBefore)} → ${status(c.statusAfter)}`);
  const what = parts.length ? parts.join('; ') : 'no change';
  return `  ${c.recording}: ${what}${c.labChanged ? ' (the lab changed this coding since the last exchange: needs --take-theirs)' : ''}`;
}

function printReview(r: PacketReview): void {
  print(`Return packet ${r.sequence} from ${r.coder} (fingerprint ${r.signer}), answering assignment ${r.answersTo}.`);
  print(`SHA-256 ${r.sha256}`);
  if (r.alreadyImported) {
    print('Already imported: importing it again changes nothing.');
    return;
  }
  for (const c of r.recordings) print(describeChange(c));
}

const inspect: Command = {
  name: 'packet inspect',
  positionals: ['LAB', 'FILE'],
  options: { json: { type: 'boolean', help: 'print JSON' }, ...PASSPHRASE_ENV_OPTION },
  summary: 'show what a return packet would change in the lab study; changes nothing',
  run: (args) => {
    const bytes = readPacketFile(args.positionals[1]!);
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), async (study) => {
      const review = await inspectReturn(study.db, bytes);
      if (args.options['json']) printJson(review);
      else printReview(review);
      return 0;
    });
  },
};

function inboxFiles(folder: string): string[] {
  const dir = resolve(folder);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new UsageError(`--folder ${dir} is not a folder that can be read.`);
  }
  return names
    .filter((n) => n.endsWith(PACKET_EXTENSION))
    .sort()
    .map((n) => join(dir, n));
}

const importCommand: Command = {
  name: 'packet import',
  positionals: ['LAB', '[FILE…]'],
  options: {
    folder: { type: 'string', value: 'INBOX', help: `import every ${PACKET_EXTENSION} file in this folder` },
    'take-theirs': { type: 'boolean', help: "apply a packet even where the lab changed that coder's coding since the last exchange (audited)" },
    ...PASSPHRASE_ENV_OPTION,
  },
  summary: "import coders' return packets into the lab study, each in one transaction; a refused one changes nothing",
  run: (args) => {
    const folder = stringOption(args, 'folder');
    const files = [...args.positionals.slice(1), ...(folder === undefined ? [] : inboxFiles(folder))];
    if (files.length === 0)
      throw new UsageError(
        folder === undefined ? 'give the packet files, or --folder INBOX.' : `no ${PACKET_EXTENSION} files in ${resolve(folder)}.`,
      );
    return withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), async (study) => {
      let refusedCount = 0;
      for (const outcome of await importPackets(study.db, files, { takeTheirs: args.options['take-theirs'] === true }, cliActor())) {
        const { file } = outcome;
        if (!outcome.ok) {
          refusedCount++;
          process.stderr.write(`3rs: ${file}: ${outcome.error.message.replace(/\s*\n\s*/g, ' ')}\n`);
          continue;
        }
        const result = outcome.value;
        if (!result.applied) print(`${file}: return packet ${result.sequence} from ${result.coder} was already imported; nothing changed.`);
        else {
          print(
            `${file}: imported return packet ${result.sequence} from ${result.coder} (${result.recordings.length} recording${result.recordings.length === 1 ? '' : 's'})${result.tookTheirs ? ", over the lab's own changes (--take-theirs)" : ''}.`,
          );
          for (const c of result.recordings) print(describeChange({ ...c, labChanged: false }));
        }
      }
      return refusedCount === 0 ? 0 : 2;
    });
  },
};

export const packetCommands: Command[] = [assign, open, ret, inspect, importCommand];
