// The UTF-8 offset finder against the platform's fatal TextDecoder (the oracle), on random bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, invalidUtf8Offset } from '../src/cli/utf8.js';

const decodes = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Bytes biased towards UTF-8 structure: ASCII, lead bytes, continuation bytes, and the edge values. */
const utf8ish = fc.uint8Array({ maxLength: 24 }).chain((noise) =>
  fc
    .array(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => [...new TextEncoder().encode(s)]),
        fc.constantFrom(
          [0xc0],
          [0xc2],
          [0xe0, 0x80],
          [0xed, 0xa0, 0x80],
          [0xf4, 0x90],
          [0xf5],
          [0x80],
          [0xbf],
          [0xef, 0xbb, 0xbf],
        ),
      ),
      { maxLength: 12 },
    )
    .map((parts) => new Uint8Array([...parts.flat(), ...noise.slice(0, noise.length % 3)])),
);

describe('invalidUtf8Offset', () => {
  it('finds no fault exactly when TextDecoder (fatal) accepts the bytes', () => {
    fc.assert(fc.property(utf8ish, (bytes) => (invalidUtf8Offset(bytes) === -1) === decodes(bytes)));
  });

  it('the prefix before the reported offset is valid and the fault is in the next four bytes', () => {
    fc.assert(
      fc.property(utf8ish, (bytes) => {
        const offset = invalidUtf8Offset(bytes);
        if (offset === -1) return true;
        return decodes(bytes.subarray(0, offset)) && !decodes(bytes.subarray(offset, offset + 4));
      }),
    );
  });

  it('names the start of the first bad sequence', () => {
    expect(invalidUtf8Offset(new Uint8Array([0x61, 0x62, 0xc3, 0x28]))).toBe(2); // lead byte, bad continuation
    expect(invalidUtf8Offset(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1); // truncated at the end
    expect(invalidUtf8Offset(new Uint8Array([0xc0, 0xaf]))).toBe(0); // overlong '/'
    expect(invalidUtf8Offset(new Uint8Array([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // a surrogate
    expect(invalidUtf8Offset(new TextEncoder().encode('naïve 😀'))).toBe(-1);
  });
});

describe('decodeUtf8Strict', () => {
  it('decodes valid text and reports the byte offset of invalid text', () => {
    expect(decodeUtf8Strict(new TextEncoder().encode('héllo'))).toBe('héllo');
    expect(() => decodeUtf8Strict(new Uint8Array([0x68, 0x69, 0xff]))).toThrow(
      'invalid UTF-8 at byte offset 2 (byte 0xff)',
    );
  });
});
