// The safetensors container (huggingface/safetensors README): an 8-byte little-endian header length N, N bytes of
// JSON header, then the raw little-endian data of every tensor, row-major, back to back. Types and byte helpers.

/**
 * The element types this reader and writer handle: IEEE 754 binary64 and binary32, little-endian.
 *
 * @example
 * ```ts
 * const dtype: SafetensorsDtype = 'F32';
 * ```
 */
export type SafetensorsDtype = 'F64' | 'F32';

/**
 * One tensor: its element type, its shape and its row-major values (a Float32Array for F32).
 *
 * @example
 * ```ts
 * const bias: SafetensorsTensor = { dtype: 'F64', shape: [2], data: Float64Array.of(0.5, -1) };
 * ```
 */
export interface SafetensorsTensor {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly data: Float64Array | Float32Array;
}

/**
 * The contents of a safetensors file: tensors by name and the `__metadata__` map (strings to strings).
 *
 * @example
 * ```ts
 * const contents: SafetensorsContents = { tensors: { w: { dtype: 'F32', shape: [1], data: Float32Array.of(1) } }, metadata: {} };
 * ```
 */
export interface SafetensorsContents {
  readonly tensors: Readonly<Record<string, SafetensorsTensor>>;
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * Bytes per element of each dtype read and written here.
 *
 * @example
 * ```ts
 * ELEMENT_BYTES.F32; // 4
 * ```
 */
export const ELEMENT_BYTES: Readonly<Record<SafetensorsDtype, number>> = { F64: 8, F32: 4 };
/**
 * The format's other dtypes: named as such in errors, so that a user learns the file is valid but unsupported.
 *
 * @example
 * ```ts
 * OTHER_DTYPES.includes('BF16'); // true
 * ```
 */
export const OTHER_DTYPES: readonly string[] = [
  'BOOL',
  'U8',
  'I8',
  'F8_E5M2',
  'F8_E4M3',
  'I16',
  'U16',
  'F16',
  'BF16',
  'I32',
  'U32',
  'I64',
  'U64',
];
/**
 * The reserved header key of the string-to-string metadata map.
 *
 * @example
 * ```ts
 * header[METADATA_KEY]; // { format: 'rnn-core', … }
 * ```
 */
export const METADATA_KEY = '__metadata__';
/**
 * The fields of a tensor entry in the header, and no others.
 *
 * @example
 * ```ts
 * TENSOR_FIELDS; // ['dtype', 'shape', 'data_offsets']
 * ```
 */
export const TENSOR_FIELDS: readonly string[] = ['dtype', 'shape', 'data_offsets'];
const LITTLE_ENDIAN_HOST = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The number of elements of a shape (1 for a 0-d tensor).
 *
 * @example
 * ```ts
 * elementCount([2, 3]); // 6
 * ```
 */
export const elementCount = (shape: readonly number[]): number => shape.reduce((n, size) => n * size, 1);
/**
 * True for the dtypes read and written here.
 *
 * @example
 * ```ts
 * isDtype('F16'); // false
 * ```
 */
export const isDtype = (value: unknown): value is SafetensorsDtype => value === 'F64' || value === 'F32';

/**
 * The little-endian bytes of a typed array (a view on little-endian hosts, a converted copy elsewhere).
 *
 * @example
 * ```ts
 * littleEndianBytes(Float64Array.of(1)); // Uint8Array [0, 0, 0, 0, 0, 0, 240, 63]
 * ```
 */
export function littleEndianBytes(data: Float64Array | Float32Array): Uint8Array {
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const bytes = new Uint8Array(data.byteLength);
  const view = new DataView(bytes.buffer);
  data.forEach((value, i) => {
    if (data instanceof Float64Array) view.setFloat64(i * 8, value, true);
    else view.setFloat32(i * 4, value, true);
  });
  return bytes;
}

/**
 * The values of a tensor from its little-endian bytes (always a copy, so the result owns aligned memory).
 *
 * @example
 * ```ts
 * fromLittleEndian('F32', Uint8Array.of(0, 0, 128, 63)); // Float32Array [1]
 * ```
 */
export function fromLittleEndian(dtype: SafetensorsDtype, bytes: Uint8Array): Float64Array | Float32Array {
  const size = ELEMENT_BYTES[dtype];
  const copy = new Uint8Array(bytes); // a copy with its own buffer (Node's Buffer#slice would share memory)
  if (LITTLE_ENDIAN_HOST)
    return dtype === 'F64' ? new Float64Array(copy.buffer) : new Float32Array(copy.buffer);
  const view = new DataView(copy.buffer);
  const count = bytes.length / size;
  return dtype === 'F64'
    ? Float64Array.from({ length: count }, (_, i) => view.getFloat64(i * 8, true))
    : Float32Array.from({ length: count }, (_, i) => view.getFloat32(i * 4, true));
}
