/**
 * The hash behind the built-in plugins' hashing schemes: 32-bit FNV-1a over the UTF-8 bytes of a
 * string. It is fixed forever: changing it would change every token id and vector that a
 * deployed model was trained on.
 */

const encoder = new TextEncoder();

/** 32-bit FNV-1a of the UTF-8 bytes of `text`, as an unsigned integer. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
