// Byte-level facts about a line of a JSONL file, read before (or instead of) decoding it.

/**
 * Where each line of a batch ends (the index of its line break, or the batch's length for a final line
 * without one), found in one pass; `into` is reused when large enough. Returns the ends and their count.
 */
export function lineEnds(bytes: Buffer, into: Int32Array): { ends: Int32Array; count: number } {
  let ends = into;
  let count = 0;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end === -1) end = bytes.length;
    if (count === ends.length) {
      const grown = new Int32Array(ends.length * 2);
      grown.set(ends);
      ends = grown;
    }
    ends[count++] = end;
    start = end + 1;
  }
  return { ends, count };
}

/** Whether the bytes start with a UTF-8 byte-order mark (EF BB BF). */
export function startsWithBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Whether the line holds nothing but spaces and tabs. */
export function isBlankBytes(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 32 && b !== 9) return false;
  }
  return true;
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlongs, surrogates and code points past U+10FFFF.
    const c1 = bytes[i + 1]!;
    if (
      (b === 0xe0 && c1 < 0xa0) ||
      (b === 0xed && c1 > 0x9f) ||
      (b === 0xf0 && c1 < 0x90) ||
      (b === 0xf4 && c1 > 0x8f)
    )
      return i;
    i += need + 1;
  }
  return bytes.length;
}
