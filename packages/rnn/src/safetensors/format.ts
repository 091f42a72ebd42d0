// The safetensors container on bytes (no Node APIs): an 8-byte little-endian header length N, N bytes of JSON
// header, then the raw little-endian data of every tensor, row-major, back to back (huggingface/safetensors README).
import { RnnError } from '../errors.js';
import { duplicateKey } from './duplicate-keys.js';

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

const ELEMENT_BYTES: Readonly<Record<SafetensorsDtype, number>> = { F64: 8, F32: 4 };
/** The format's other dtypes: named as such in errors, so that a user learns the file is valid but unsupported. */
const OTHER_DTYPES = [
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
const METADATA_KEY = '__metadata__';
const TENSOR_FIELDS = ['dtype', 'shape', 'data_offsets'];
const LITTLE_ENDIAN_HOST = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

const elementCount = (shape: readonly number[]): number => shape.reduce((n, size) => n * size, 1);
const isDtype = (value: unknown): value is SafetensorsDtype => value === 'F64' || value === 'F32';

/** The little-endian bytes of a typed array (a view on little-endian hosts, a converted copy elsewhere). */
function littleEndianBytes(data: Float64Array | Float32Array): Uint8Array {
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const bytes = new Uint8Array(data.byteLength);
  const view = new DataView(bytes.buffer);
  data.forEach((value, i) => {
    if (data instanceof Float64Array) view.setFloat64(i * 8, value, true);
    else view.setFloat32(i * 4, value, true);
  });
  return bytes;
}

/** The values of a tensor from its little-endian bytes (always a copy, so the result owns aligned memory). */
function fromLittleEndian(dtype: SafetensorsDtype, bytes: Uint8Array): Float64Array | Float32Array {
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

/** Checks a tensor that is about to be written; `name` is its key in the header. */
function checkTensorToWrite(name: string, tensor: SafetensorsTensor): void {
  if (name === '' || name === METADATA_KEY) {
    throw new RnnError('bad-argument', `encodeSafetensors: ${JSON.stringify(name)} cannot name a tensor`);
  }
  if (!isDtype(tensor.dtype)) {
    throw new RnnError(
      'bad-dtype',
      `encodeSafetensors: tensor ${name}: dtype must be F64 or F32, got ${String(tensor.dtype)}`,
    );
  }
  if (!tensor.shape.every((size) => Number.isSafeInteger(size) && size >= 0)) {
    throw new RnnError(
      'bad-shape',
      `encodeSafetensors: tensor ${name}: shape [${tensor.shape.join(', ')}] is not a list of sizes ≥ 0`,
    );
  }
  const expected = tensor.dtype === 'F64' ? Float64Array : Float32Array;
  if (!(tensor.data instanceof expected) || tensor.data.length !== elementCount(tensor.shape)) {
    throw new RnnError(
      'bad-shape',
      `encodeSafetensors: tensor ${name}: data must be a ${expected.name} of ${elementCount(tensor.shape)} values for shape [${tensor.shape.join(', ')}]`,
    );
  }
}

/**
 * Writes tensors and metadata as safetensors bytes. The data of wider types comes first, then names in code-unit
 * order (the layout of the reference writer), and the header is padded with spaces so that the data starts at a
 * multiple of 8 bytes: every tensor is then aligned for a zero-copy view. Works in any JavaScript runtime.
 *
 * @example
 * ```ts
 * const bytes = encodeSafetensors({
 *   tensors: { w: { dtype: 'F64', shape: [2], data: Float64Array.of(1, 2) } },
 *   metadata: { note: 'hello' },
 * });
 * bytes.length; // 8 + header + 16
 * decodeSafetensors(bytes).tensors.w?.data; // Float64Array [1, 2]
 * ```
 */
export function encodeSafetensors(contents: SafetensorsContents): Uint8Array {
  const names = Object.keys(contents.tensors).sort((a, b) => {
    const width =
      ELEMENT_BYTES[contents.tensors[b]?.dtype ?? 'F64'] - ELEMENT_BYTES[contents.tensors[a]?.dtype ?? 'F64'];
    return width || (a < b ? -1 : a > b ? 1 : 0);
  });
  const header: Record<string, unknown> = {};
  const metadata = Object.entries(contents.metadata);
  for (const [key, value] of metadata) {
    if (typeof value !== 'string') {
      throw new RnnError(
        'bad-field',
        `encodeSafetensors: metadata ${key} must be a string, got ${typeof value}`,
      );
    }
  }
  if (metadata.length > 0) header[METADATA_KEY] = Object.fromEntries(metadata);
  let offset = 0;
  for (const name of names) {
    const tensor = contents.tensors[name] as SafetensorsTensor;
    checkTensorToWrite(name, tensor);
    header[name] = {
      dtype: tensor.dtype,
      shape: [...tensor.shape],
      data_offsets: [offset, offset + tensor.data.byteLength],
    };
    offset += tensor.data.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil((8 + json.length) / 8) * 8 - 8;
  const bytes = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, headerLength, true); // the u64's high half stays 0: headers here are far below 4 GiB
  bytes.set(json, 8);
  bytes.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const name of names) {
    const data = (contents.tensors[name] as SafetensorsTensor).data;
    bytes.set(littleEndianBytes(data), at);
    at += data.byteLength;
  }
  return bytes;
}

/** The parsed header: a JSON object with no duplicate key. */
function readHeader(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.length < 8) {
    throw new RnnError(
      'truncated',
      `the file has ${bytes.length} bytes, but a safetensors file starts with an 8-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const available = bytes.length - 8;
  if (high !== 0 || low > available) {
    const claimed = high === 0 ? String(low) : `${(high * 2 ** 32 + low).toExponential(3)}`;
    throw new RnnError(
      'truncated',
      `header length: the first 8 bytes announce a ${claimed}-byte header, but only ${available} bytes follow`,
    );
  }
  if (bytes[8] !== 0x7b) {
    throw new RnnError(
      'bad-header',
      `header: must be a JSON object starting with "{" at byte 8 (header length ${low})`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + low));
  } catch {
    throw new RnnError('bad-header', `header: the ${low} bytes after the length are not valid UTF-8`);
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new RnnError('bad-header', `header: not JSON (${(error as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new RnnError('bad-header', 'header: must be a JSON object of tensors');
  }
  const twice = duplicateKey(text);
  if (twice !== undefined)
    throw new RnnError('bad-header', `header: key ${JSON.stringify(twice)} appears twice in one object`);
  return header as Record<string, unknown>;
}

/** The `__metadata__` map, checked to be strings to strings. */
function readMetadata(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RnnError('bad-header', `header: ${METADATA_KEY} must be an object of strings`);
  }
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      throw new RnnError(
        'bad-header',
        `header: ${METADATA_KEY}.${key} must be a string, but it is ${JSON.stringify(entry)?.slice(0, 40)}`,
      );
    }
  }
  return value as Record<string, string>;
}

/** One tensor entry of the header, checked in itself and against the size of the data buffer. */
interface Entry {
  readonly name: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

function readEntry(name: string, value: unknown, dataLength: number): Entry {
  const where = `tensor ${JSON.stringify(name)}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RnnError('bad-header', `header: ${where} must be an object with dtype, shape and data_offsets`);
  }
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).find((key) => !TENSOR_FIELDS.includes(key));
  if (extra !== undefined)
    throw new RnnError('bad-header', `header: ${where} has an unknown field ${JSON.stringify(extra)}`);
  const { dtype, shape, data_offsets: offsets } = record;
  if (!isDtype(dtype)) {
    const known = typeof dtype === 'string' && OTHER_DTYPES.includes(dtype);
    throw new RnnError(
      'bad-dtype',
      `${where}: dtype ${JSON.stringify(dtype)} ${known ? 'is not read here' : 'is not a safetensors dtype'}; this reader reads F64 and F32`,
    );
  }
  if (!Array.isArray(shape) || !shape.every((size) => Number.isSafeInteger(size) && size >= 0)) {
    throw new RnnError(
      'bad-shape',
      `${where}: shape must be a list of integers ≥ 0, but it is ${JSON.stringify(shape)}`,
    );
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) ||
    offsets[0] > offsets[1]
  ) {
    throw new RnnError(
      'bad-offsets',
      `${where}: data_offsets must be [begin, end] with 0 ≤ begin ≤ end, but it is ${JSON.stringify(offsets)}`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (end > dataLength) {
    throw new RnnError(
      'truncated',
      `${where}: data_offsets [${begin}, ${end}] reach past the ${dataLength} bytes of data the file holds`,
    );
  }
  const needed = elementCount(shape) * ELEMENT_BYTES[dtype];
  if (end - begin !== needed) {
    throw new RnnError(
      'bad-offsets',
      `${where}: shape [${shape.join(', ')}] of ${dtype} needs ${needed} bytes, but data_offsets [${begin}, ${end}] span ${end - begin}`,
    );
  }
  return { name, dtype, shape, begin, end };
}

/** The entries in data order must tile the buffer exactly: no gap, no overlap, nothing after the last. */
function checkTiling(entries: readonly Entry[], dataLength: number): void {
  let position = 0;
  let previous = 'the start of the data';
  for (const entry of [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end)) {
    if (entry.begin !== position) {
      const how =
        entry.begin < position ? 'overlaps' : `leaves a gap of ${entry.begin - position} bytes after`;
      throw new RnnError(
        'bad-offsets',
        `tensor ${JSON.stringify(entry.name)}: data_offsets [${entry.begin}, ${entry.end}] ${how} ${previous}`,
      );
    }
    position = entry.end;
    previous = `tensor ${JSON.stringify(entry.name)}`;
  }
  if (position !== dataLength) {
    throw new RnnError(
      'bad-offsets',
      `the tensors cover ${position} bytes of data, but ${dataLength} bytes follow the header`,
    );
  }
}

/**
 * Reads safetensors bytes, validating every one of them: the header length against the file size, the header as
 * UTF-8 JSON without duplicate keys, each tensor's dtype, shape and data_offsets, and that the tensors tile the
 * data exactly (in range, no overlap, no gap, no trailing bytes). Values are copied out; NaN and ±Infinity are
 * allowed here, as in the format (callers check what they need). Throws RnnError with code `truncated`,
 * `bad-header`, `bad-dtype`, `bad-shape` or `bad-offsets` and a message naming the field at fault.
 *
 * @example
 * ```ts
 * const { tensors, metadata } = decodeSafetensors(new Uint8Array(await (await fetch('/model.safetensors')).arrayBuffer()));
 * tensors['decoder.weight']?.shape; // [K, H]
 * ```
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContents {
  if (!(bytes instanceof Uint8Array))
    throw new RnnError('bad-argument', 'decodeSafetensors: expected a Uint8Array of the file');
  const header = readHeader(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const dataStart = 8 + view.getUint32(0, true);
  const dataLength = bytes.length - dataStart;
  const metadata = readMetadata(header[METADATA_KEY]);
  const entries = Object.entries(header)
    .filter(([name]) => name !== METADATA_KEY)
    .map(([name, value]) => readEntry(name, value, dataLength));
  checkTiling(entries, dataLength);
  const tensors = Object.fromEntries(
    entries.map(({ name, dtype, shape, begin, end }) => [
      name,
      { dtype, shape, data: fromLittleEndian(dtype, bytes.subarray(dataStart + begin, dataStart + end)) },
    ]),
  );
  return { tensors, metadata: { ...metadata } };
}
