// Child process for the crash-safety test: adds marks as fast as it can and reports each one
// only after addMark has returned (i.e. after the commit), exactly as the UI would show it.
import { addMark } from '../../electron/core/coding/marks.ts';
import { openStudy } from '../../electron/core/store/study-file.ts';

const [path, passphrase, recording, coder] = process.argv.slice(2) as [string, string, string, string];
const study = openStudy(path, passphrase);
const codes = ['W1', 'W2', 'C3', 'R1', 'R9'];
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const mark = addMark(
    study.db,
    recording,
    coder,
    { code: codes[i % codes.length]!, clarity: i % 3 ? 'check' : 'check-minus', timeMs: (i * 937) % 600_000 },
    coder,
  );
  process.stdout.write(`committed ${mark.id}\n`);
}
