// Canonical JSON (object keys sorted at every depth) and its SHA-256, the checksum of checkpoint payloads.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * JSON text of a value with object keys in sorted order at every depth, so that equal values give equal text
 * whatever order their keys were written in. Numbers use JavaScript's shortest round-trip form.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Hex SHA-256 of the UTF-8 canonical JSON of a value (@noble/hashes: synchronous, and the same in every runtime).
 *
 * @example
 * ```ts
 * sha256OfCanonicalJson({ a: 1 }) === sha256OfCanonicalJson({ a: 1 }); // true, 64 hex digits
 * ```
 */
export function sha256OfCanonicalJson(value: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));
}
