// decodeSafetensors: safetensors bytes to tensors and metadata, every byte validated (no Node APIs).
import { jsonProblem, RnnError } from '../errors.js';
import { duplicateKey } from './duplicate-keys.js';
import {
  ELEMENT_BYTES,
  elementCount,
  fromLittleEndian,
  isDtype,
  METADATA_KEY,
  OTHER_DTYPES,
  type SafetensorsContents,
  type SafetensorsDtype,
  TENSOR_FIELDS,
} from './format.js';

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
    throw new RnnError('bad-header', `header: not JSON (${jsonProblem(error)})`);
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
