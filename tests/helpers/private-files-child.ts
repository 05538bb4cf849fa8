// Child process for the private-files test: with the umask at 000 (everything would be world-writable),
// makes a study, its media file, a re-key, and export files and folders, then prints each one's mode.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ExportFolder, writeNewFile } from '../../electron/core/export/write.ts';
import { closeMediaStore, openMediaStore } from '../../electron/core/media/store.ts';
import { closeStudy, rekeyStudy } from '../../electron/core/store/study-file.ts';
import { ACTOR, addTestCoder, makeStudy, NEW_PASSPHRASE, PASSPHRASE } from './study.ts';

const dir = process.argv[2]!;
process.umask(0o000);
const modes: Record<string, string> = {};
const note = (label: string, path: string): void => {
  modes[label] = (statSync(path).mode & 0o777).toString(8);
};

const study = makeStudy(dir);
addTestCoder(study, 'C01');
note('study', study.path);
note('study -wal', `${study.path}-wal`);
note('study -shm', `${study.path}-shm`);
const media = openMediaStore(study, ACTOR);
note('media', media.path);
note('media -wal', `${media.path}-wal`);
closeMediaStore(media);
rekeyStudy(study, PASSPHRASE, NEW_PASSPHRASE, ACTOR);
addTestCoder(study, 'C02');
note('re-keyed study', study.path);
note('re-keyed study -wal', `${study.path}-wal`);
closeStudy(study);

const folder = ExportFolder.create(join(dir, 'exports', 'first'));
folder.add('marks.csv', [Buffer.from('a,b\n')]);
folder.commit();
note('export folder', join(dir, 'exports'));
note('export subfolder', join(dir, 'exports', 'first'));
note('export file', join(dir, 'exports', 'first', 'marks.csv'));
writeNewFile(join(dir, 'elan', 'D01-S01.eaf'), Buffer.from('<ANNOTATION_DOCUMENT/>'));
note('ELAN folder', join(dir, 'elan'));
note('ELAN file', join(dir, 'elan', 'D01-S01.eaf'));
process.stdout.write(JSON.stringify(modes));
