/**
 * How the text plugins cut text into words: Unicode NFC normalisation, optional lowercasing,
 * then runs of letters, marks and digits form words and every other non-space character is a
 * word of its own. `"Don't stop!"` becomes `don`, `'`, `t`, `stop`, `!`.
 */

const WORD = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

/** Splits `text` into words (see the module comment). */
export function splitWords(text: string, lowercase: boolean): string[] {
  const normalized = text.normalize("NFC");
  return (lowercase ? normalized.toLowerCase() : normalized).match(WORD) ?? [];
}
