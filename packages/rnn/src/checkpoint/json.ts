// Checkpoint ⇄ JSON document: the self-describing, checksummed layout and its full validation on the way in.

import { jsonProblem, RnnError } from '../errors.js';
import { vocabularyFromTokens } from '../text/vocabulary.js';
import { sha256OfCanonicalJson } from './canonical-json.js';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type Checkpoint,
  type ValidationProgress,
} from './checkpoint.js';
import {
  type JsonRecord,
  readChoice,
  readInteger,
  readNumber,
  readNumbers,
  readRecord,
  readString,
  readWords,
} from './fields.js';
import { readHyperparameters } from './hyperparameters.js';

const PARAMETER_NAMES = ['U', 'W', 'V'] as const;

/** Row-major shapes of U, W, V for vocabulary size K and hidden size H. */
const shapesOf = (K: number, H: number): readonly (readonly number[])[] => [
  [H, K],
  [H, H],
  [K, H],
];

/** The JSON document of a checkpoint: format, version, SHA-256 of the canonical payload, payload. */
export function checkpointToDocument(checkpoint: Checkpoint): JsonRecord {
  const { hiddenSize: H } = checkpoint.hyperparameters;
  const shapes = shapesOf(checkpoint.vocabulary.tokens.length, H);
  const payload = {
    source: checkpoint.source,
    vocabulary: { level: checkpoint.vocabulary.level, tokens: [...checkpoint.vocabulary.tokens] },
    hyperparameters: { ...checkpoint.hyperparameters },
    parameters: Object.fromEntries(
      PARAMETER_NAMES.map((name, i) => [name, { shape: shapes[i], data: [...checkpoint.parameters[name]] }]),
    ),
    optimizer: { ...checkpoint.optimizer, memory: checkpoint.optimizer.memory.map((m) => [...m]) },
    progress: {
      ...checkpoint.progress,
      hidden: [...checkpoint.progress.hidden],
      loss: Number.isFinite(checkpoint.progress.loss) ? checkpoint.progress.loss : null,
      random: [...checkpoint.progress.random],
    },
    ...(checkpoint.validation === undefined ? {} : { validation: { ...checkpoint.validation } }),
  };
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    checksum: sha256OfCanonicalJson(payload),
    payload,
  };
}

/** Validates a parsed JSON document and rebuilds the checkpoint; every failure throws RnnError naming the field. */
export function checkpointFromDocument(document: unknown): Checkpoint {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new RnnError('bad-format', 'the file is JSON but not a checkpoint object');
  }
  const root = document as JsonRecord;
  if (root.format !== CHECKPOINT_FORMAT) {
    throw new RnnError(
      'bad-format',
      `format is ${JSON.stringify(root.format)}, expected "${CHECKPOINT_FORMAT}"`,
    );
  }
  if (root.version !== CHECKPOINT_VERSION) {
    throw new RnnError(
      'bad-version',
      `version ${JSON.stringify(root.version)} is not supported (this reader reads version ${CHECKPOINT_VERSION})`,
    );
  }
  const payload = readRecord(root, 'payload', 'checkpoint');
  const checksum = readString(root, 'checksum', 'checkpoint');
  const actual = sha256OfCanonicalJson(payload);
  if (checksum !== actual) {
    throw new RnnError(
      'bad-checksum',
      `checksum mismatch: the file says ${checksum} but its payload hashes to ${actual}; the file was altered or damaged`,
    );
  }
  return readPayload(payload);
}

function readPayload(payload: JsonRecord): Checkpoint {
  const at = 'payload';
  const vocabularyRecord = readRecord(payload, 'vocabulary', at);
  const level = readChoice(vocabularyRecord, 'level', `${at}.vocabulary`, ['char', 'word'] as const);
  const tokens = vocabularyRecord.tokens;
  if (!Array.isArray(tokens))
    throw new RnnError('bad-field', `${at}.vocabulary.tokens must be an array of strings`);
  const vocabulary = vocabularyFromTokens(level, tokens as string[]);
  const K = vocabulary.size;

  const hyperparameters = readHyperparameters(
    readRecord(payload, 'hyperparameters', at),
    `${at}.hyperparameters`,
  );
  const { hiddenSize: H, batchSize, optimizer: optimizerName } = hyperparameters;

  const parametersRecord = readRecord(payload, 'parameters', at);
  const shapes = shapesOf(K, H);
  const [U, W, V] = PARAMETER_NAMES.map((name, i) => {
    const shape = shapes[i] as readonly number[];
    const tensor = readRecord(parametersRecord, name, `${at}.parameters`);
    const written = JSON.stringify(tensor.shape);
    if (written !== JSON.stringify(shape)) {
      throw new RnnError(
        'bad-shape',
        `${at}.parameters.${name}.shape is ${written}, but K = ${K} tokens and H = ${H} need [${shape.join(', ')}]`,
      );
    }
    return readNumbers(
      tensor,
      'data',
      `${at}.parameters.${name}`,
      (shape[0] ?? 0) * (shape[1] ?? 0),
      `[${shape.join(', ')}]`,
    );
  }) as [Float64Array, Float64Array, Float64Array];

  const o = readRecord(payload, 'optimizer', at);
  const op = `${at}.optimizer`;
  const name = readChoice(o, 'name', op, [optimizerName]);
  const memoryList = o.memory;
  const expected = name === 'adagrad' ? 3 : 0;
  if (!Array.isArray(memoryList) || memoryList.length !== expected) {
    throw new RnnError('bad-shape', `${op}.memory must hold ${expected} arrays for ${name}`);
  }
  const memory = memoryList.map((_, i) =>
    readNumbers(
      memoryList as unknown as JsonRecord,
      String(i),
      `${op}.memory`,
      shapes[i]?.reduce((a, b) => a * b, 1) ?? 0,
      `the shape of ${PARAMETER_NAMES[i]}`,
    ),
  );
  const previous = o.previousEvaluation;
  const optimizer = {
    name,
    learningRate: readNumber(o, 'learningRate', op),
    memory,
    previousEvaluation: previous === null ? null : readNumber(o, 'previousEvaluation', op),
    windowLoss: readNumber(o, 'windowLoss', op),
    windowSteps: readInteger(o, 'windowSteps', op, 0),
  };

  const p = readRecord(payload, 'progress', at);
  const pp = `${at}.progress`;
  const progress = {
    step: readInteger(p, 'step', pp, 0),
    epoch: readInteger(p, 'epoch', pp, 0),
    position: readInteger(p, 'position', pp, 0),
    hidden: readNumbers(p, 'hidden', pp, batchSize * H, `batchSize × hiddenSize = ${batchSize} × ${H}`),
    smoothLoss: readNumber(p, 'smoothLoss', pp),
    loss: readNumber(p, 'loss', pp, true),
    random: readWords(p, 'random', pp),
  };
  const source = readString(payload, 'source', at);
  const validation = payload.validation === undefined ? undefined : readValidation(payload, at);
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    source,
    vocabulary: { level, tokens: vocabulary.tokens },
    hyperparameters,
    parameters: { U, W, V },
    optimizer,
    progress,
    ...(validation === undefined ? {} : { validation }),
  };
}

/** Reads the optional validation record: the held-out share and tokens, the latest and best evaluations. */
function readValidation(payload: JsonRecord, at: string): ValidationProgress {
  const v = readRecord(payload, 'validation', at);
  const vp = `${at}.validation`;
  const fraction = readNumber(v, 'fraction', vp);
  if (!(fraction >= 0 && fraction < 1)) {
    throw new RnnError('bad-field', `${vp}.fraction must be in [0, 1), but it is ${fraction}`);
  }
  const orNull = <T>(key: string, read: () => T): T | null => (v[key] === null ? null : read());
  return {
    fraction,
    tokens: readInteger(v, 'tokens', vp, 0),
    step: orNull('step', () => readInteger(v, 'step', vp, 0)),
    loss: orNull('loss', () => readNumber(v, 'loss', vp)),
    bestStep: orNull('bestStep', () => readInteger(v, 'bestStep', vp, 0)),
    bestLoss: orNull('bestLoss', () => readNumber(v, 'bestLoss', vp)),
  };
}

/**
 * A checkpoint as JSON text (one line and a newline): the checksummed document that {@link checkpointFromJson}
 * and `loadCheckpoint` read. A checkpoint that would not load back (a non-finite parameter, a wrong shape) is
 * refused with the error loading would give, so that no unreadable text is ever produced.
 *
 * @example
 * ```ts
 * const trainer = createTrainer({ text: 'hello world', steps: 5 });
 * for await (const _ of trainer.run());
 * const text = checkpointToJson(trainer.checkpoint());
 * checkpointFromJson(text).progress.step; // 5
 * ```
 */
export function checkpointToJson(checkpoint: Checkpoint): string {
  const text = `${JSON.stringify(checkpointToDocument(checkpoint))}\n`;
  checkpointFromJson(text); // JSON turns NaN and ±Infinity into null, for one: check the text as a reader would
  return text;
}

/**
 * Parses and validates checkpoint JSON text. Throws RnnError with code `not-json`, `bad-format`, `bad-version`,
 * `bad-checksum`, `bad-field`, `bad-shape` or `not-finite`, with a message that names the field at fault.
 *
 * @example
 * ```ts
 * const checkpoint = checkpointFromJson(await (await fetch('/model.json')).text());
 * sampleText(checkpoint, { length: 100, seed: 1 });
 * ```
 */
export function checkpointFromJson(text: string): Checkpoint {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new RnnError('not-json', `not JSON: ${jsonProblem(error)}`);
  }
  return checkpointFromDocument(document);
}
