import { resolve } from 'node:path';
import { readAnchorFile } from '../../core/audit/anchor-file.ts';
import { AppError } from '../../core/errors.ts';
import { studyInfo } from '../../core/store/info.ts';
import { closeStudy, createStudy, DEFAULT_SEGMENT_SECONDS, openStudy, rekeyStudy } from '../../core/store/study-file.ts';
import { verifyStudy } from '../../core/store/verify.ts';
import { PASSPHRASE_ENV_OPTION, stringOption, wholeNumberOption, type Command } from '../command.ts';
import { print, printJson, table } from '../output.ts';
import { assertNewPassphraseAvailable, readNewPassphrase, readPassphrase } from '../passphrase.ts';
import { cliActor, printStudyWarnings, withStudy } from '../study-session.ts';

const create: Command = {
  name: 'study create',
  positionals: ['FILE'],
  options: {
    'segment-seconds': { type: 'string', value: 'N', help: `segment length in seconds (default ${DEFAULT_SEGMENT_SECONDS})` },
    'min-final-seconds': {
      type: 'string',
      value: 'N',
      help: 'a final part shorter than N s joins the previous segment (default a fifth of the segment length; 0 never)',
    },
    ...PASSPHRASE_ENV_OPTION,
  },
  summary: 'create a new encrypted study file',
  async run(args) {
    const path = resolve(args.positionals[0]!);
    const segmentSeconds = wholeNumberOption(args, 'segment-seconds', String(DEFAULT_SEGMENT_SECONDS));
    const minFinalSeconds = wholeNumberOption(args, 'min-final-seconds', '60');
    const passphrase = await readPassphrase({ envName: stringOption(args, 'passphrase-env'), confirm: true });
    const study = createStudy(path, passphrase, { segmentSeconds, minFinalSeconds, actor: cliActor() });
    try {
      const info = studyInfo(study.db);
      print(
        `Created ${path} (scheme ${info.scheme}, segments of ${info.segmentSeconds} s; a final part under ${info.minFinalSeconds} s joins the one before).`,
      );
    } finally {
      closeStudy(study);
    }
    return 0;
  },
};

const info: Command = {
  name: 'study info',
  positionals: ['FILE'],
  options: { json: { type: 'boolean', help: 'print JSON' }, ...PASSPHRASE_ENV_OPTION },
  summary: 'show the settings and counts of a study',
  run: (args) =>
    withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => {
      const facts = studyInfo(study.db);
      if (args.options['json']) {
        printJson({ path: study.path, ...facts });
        return 0;
      }
      print(
        table([
          ['Study', study.path],
          ['Scheme', facts.scheme],
          ['Segments', `${facts.segmentSeconds} s`],
          ['Final part', facts.minFinalSeconds > 0 ? `under ${facts.minFinalSeconds} s joins the previous segment` : 'always its own segment'],
          ['Created', facts.createdAt],
          ['Schema', `version ${facts.schemaVersion}`],
          ['Recordings', String(facts.recordings)],
          ['Coders', String(facts.coders)],
          ['Marks', String(facts.events)],
        ]),
      );
      return 0;
    }),
};

const rekey: Command = {
  name: 'study rekey',
  positionals: ['FILE'],
  options: {
    'new-passphrase-env': { type: 'string', value: 'NAME', help: 'read the new passphrase from the environment variable NAME' },
    ...PASSPHRASE_ENV_OPTION,
  },
  summary: 'change the passphrase of a study',
  async run(args) {
    const newEnv = stringOption(args, 'new-passphrase-env');
    assertNewPassphraseAvailable(newEnv);
    // Not withStudy: the re-keyed copy is opened with the current passphrase too.
    const current = await readPassphrase({ envName: stringOption(args, 'passphrase-env') });
    const study = openStudy(resolve(args.positionals[0]!), current);
    try {
      printStudyWarnings(study);
      rekeyStudy(study, current, await readNewPassphrase(newEnv), cliActor());
      print(`Changed the passphrase of ${study.path}. The old passphrase no longer opens it.`);
      return 0;
    } finally {
      closeStudy(study);
    }
  },
};

const verify: Command = {
  name: 'study verify',
  positionals: ['FILE'],
  options: {
    anchor: { type: 'string', value: 'MANIFEST', help: "also prove the audit log still holds the head written in an export's manifest.json" },
    ...PASSPHRASE_ENV_OPTION,
  },
  summary: 'check the file, its encryption and its audit log (chain, replay against the tables) for damage or tampering (exit 1 if any check fails)',
  async run(args) {
    // Read before the passphrase is asked for: a wrong path should not cost an unlock.
    const anchorPath = stringOption(args, 'anchor');
    const anchor = anchorPath === undefined ? undefined : readAnchorFile(anchorPath);
    let report;
    try {
      report = await withStudy(args.positionals[0]!, stringOption(args, 'passphrase-env'), (study) => verifyStudy(study, { anchor }));
    } catch (err) {
      // A study too damaged to open is a finding of verify, not a usage error; so is a first page that does
      // not authenticate, which may be damage (the cipher cannot tell it from a wrong passphrase).
      if (err instanceof AppError && (err.code === 'STUDY_CORRUPT' || err.code === 'WRONG_PASSPHRASE')) {
        process.stderr.write(`3rs: ${err.message} (${err.code})\n`);
        return 1;
      }
      throw err;
    }
    print(table(report.checks.map((c) => [c.ok ? 'ok' : 'FAIL', c.name, c.detail])));
    if (report.ok) {
      print('All checks passed.');
      return 0;
    }
    const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
    process.stderr.write(
      `3rs: ${failed.length} check(s) failed (${failed.join(', ')}). Restore the study from your latest backup and keep this copy for inspection.\n`,
    );
    return 1;
  },
};

export const studyCommands: Command[] = [create, info, rekey, verify];
