// Strict UTF-8 decoding that names the byte offset of the first invalid sequence.

/**
 * The offset of the first byte of the first ill-formed UTF-8 sequence (Unicode table 3-7:
 * no overlongs, no surrogates, nothing above U+10FFFF, no truncated sequence), or -1 when all is valid.
 * @example invalidUtf8Offset(new Uint8Array([0x61, 0xc3, 0x28])) // 1
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Allowed range of the second byte, and how many continuation bytes follow the first.
    let lo = 0x80;
    let hi = 0xbf;
    let length: number;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c === undefined || c < min || c > max) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * Decodes UTF-8 with a fatal TextDecoder; on failure throws an Error whose message gives the byte offset.
 * @example decodeUtf8Strict(new TextEncoder().encode('héllo')) // 'héllo'
 */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = invalidUtf8Offset(bytes);
    const byte = bytes[offset];
    const shown = byte === undefined ? '' : ` (byte 0x${byte.toString(16).padStart(2, '0')})`;
    throw new Error(`invalid UTF-8 at byte offset ${offset}${shown}`);
  }
}
