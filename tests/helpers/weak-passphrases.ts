// Passphrases a person might well choose and an attacker would try early: each must be refused at create and rekey.
export const WEAK_PASSPHRASES: readonly string[] = [
  'aaaaaaaaaa', // one key held down
  'password12', // a common password with digits
  '          ', // ten spaces
  'qwertyuiop', // a row of the keyboard
  '1234567890', // a run of digits
  'iloveyou2024', // a common phrase and a recent year
];
