// Whether a new passphrase is hard enough to guess, judged by zxcvbn (common passwords, English words and
// names, keyboard patterns, repeats, dates) rather than by a character-class rule. The study's key comes from
// the passphrase alone, and the file can be copied and attacked offline for as long as anyone likes.

import { ZxcvbnFactory, type TranslationKeys } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary } from '@zxcvbn-ts/language-en';
import { AppError } from '../errors.ts';

export const MIN_PASSPHRASE_LENGTH = 10;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" against an offline attack on a slow hash. */
const MIN_SCORE = 3;

/** zxcvbn's messages in our own words (the keys are its own). */
const WORDS: TranslationKeys = {
  warnings: {
    straightRow: 'it is a straight row of keys',
    keyPattern: 'it is a short keyboard pattern',
    simpleRepeat: 'it repeats one character',
    extendedRepeat: 'it repeats a short run of characters',
    sequences: 'it is a run like "abc" or "123"',
    recentYears: 'it leans on a recent year',
    dates: 'it leans on a date',
    topTen: 'it is one of the ten most used passwords',
    topHundred: 'it is one of the hundred most used passwords',
    common: 'it is a commonly used password',
    similarToCommon: 'it is a commonly used password with small changes',
    wordByItself: 'it is a single word',
    namesByThemselves: 'it is a name on its own',
    commonNames: 'it is built on common names',
    userInputs: 'it repeats the study’s own name',
    pwned: 'it has been published in a data breach',
  },
  suggestions: {
    l33t: 'Swapping letters for look-alike symbols (@ for a) does not help.',
    reverseWords: 'A word spelled backwards is no harder to guess.',
    allUppercase: 'Capitals throughout do not help.',
    capitalization: 'A capital first letter does not help.',
    dates: 'Leave out dates that mean something to you.',
    recentYears: 'Leave out recent years.',
    associatedYears: 'Leave out years that mean something to you.',
    sequences: 'Leave out runs like "abc" or "123".',
    repeated: 'Leave out repeated words and characters.',
    longerKeyboardPattern: 'Leave out keyboard patterns.',
    anotherWord: 'Add another word or two that are not common.',
    useWords: 'Use several words that do not belong together.',
    noNeed: 'Symbols, digits and capitals are not needed.',
    pwned: 'Do not use it anywhere.',
  },
  timeEstimation: {
    ltSecond: 'less than a second',
    second: '{base} second',
    seconds: '{base} seconds',
    minute: '{base} minute',
    minutes: '{base} minutes',
    hour: '{base} hour',
    hours: '{base} hours',
    day: '{base} day',
    days: '{base} days',
    month: '{base} month',
    months: '{base} months',
    year: '{base} year',
    years: '{base} years',
    centuries: 'centuries',
  },
};

let judge: ZxcvbnFactory | undefined;

/**
 * Refuses a passphrase that is too short or too easy to guess, saying why and what to do instead.
 * `context` holds words an attacker would try first (the study's file name).
 */
export function assertStrongPassphrase(passphrase: string, context: string[] = []): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError(
      'WEAK_PASSPHRASE',
      `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long. Choose a longer one (a short sentence works well).`,
    );
  }
  // Built on first use: the dictionaries take a few hundred milliseconds to index.
  judge ??= new ZxcvbnFactory({ graphs: adjacencyGraphs, dictionary: { ...commonDictionary, ...englishDictionary }, translations: WORDS });
  const result = judge.check(passphrase, context);
  if (result.score >= MIN_SCORE) return;
  const reason =
    result.feedback.warning ??
    `a computer trying likely passphrases would find it in about ${result.crackTimes.offlineSlowHashingXPerSecond.display}`;
  // The closing sentence says what the general suggestions ("add a word", "use several words") would.
  const general = new Set([WORDS.suggestions.anotherWord, WORDS.suggestions.useWords]);
  const advice = result.feedback.suggestions
    .filter((s) => !general.has(s))
    .map((s) => `${s} `)
    .join('');
  throw new AppError(
    'WEAK_PASSPHRASE',
    `This passphrase is too easy to guess: ${reason}. ${advice}A short sentence of four or more words that do not belong together is easy to remember and hard to guess.`,
  );
}
