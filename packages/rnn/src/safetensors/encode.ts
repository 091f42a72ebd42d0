// encodeSafetensors: tensors and metadata to safetensors bytes, laid out like the reference writer (no Node APIs).
import { RnnError } from '../errors.js';
import {
  ELEMENT_BYTES,
  elementCount,
  isDtype,
  littleEndianBytes,
  METADATA_KEY,
  type SafetensorsContents,
  type SafetensorsTensor,
} from './format.js';

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
