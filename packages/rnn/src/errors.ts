// RnnError: the one error class of @rnn/core, with a stable machine-readable code.

/**
 * Stable codes of {@link RnnError}. Each names one kind of rejected input:
 * - `bad-argument`: an option or argument out of range (a negative size, a non-integer token id …)
 * - `empty-text`: a text with no tokens to train on or to build a vocabulary from
 * - `unknown-token`: a character that is not in a character vocabulary
 * - `missing-file`, `not-json`, `bad-format`, `bad-version`, `bad-checksum`, `bad-field`, `bad-shape`,
 * `not-finite`: a checkpoint file that cannot be read or fails validation
 * - `truncated`, `bad-header`, `bad-dtype`, `bad-offsets`: safetensors bytes that are cut short, or whose header
 * is not JSON, names a dtype other than F64 and F32, or has data_offsets that overlap, leave gaps or lie
 * - `missing-tensor`, `unknown-tensor`: a safetensors model without one of U, W, V, or with a tensor beyond them
 * - `vocabulary-mismatch`: resuming a checkpoint whose vocabulary differs from the text's
 * - `write-failed`: a checkpoint or export that could not be written
 * - `file-exists`: a file that would be replaced without being asked to
 *
 * @example
 * ```ts
 * const code: RnnErrorCode = 'bad-checksum';
 * ```
 */
export type RnnErrorCode =
  | 'bad-argument'
  | 'empty-text'
  | 'unknown-token'
  | 'missing-file'
  | 'not-json'
  | 'bad-format'
  | 'bad-version'
  | 'bad-checksum'
  | 'bad-field'
  | 'bad-shape'
  | 'not-finite'
  | 'truncated'
  | 'bad-header'
  | 'bad-dtype'
  | 'bad-offsets'
  | 'missing-tensor'
  | 'unknown-tensor'
  | 'vocabulary-mismatch'
  | 'write-failed'
  | 'file-exists'
  | (string & {});

/**
 * Every input that @rnn/core rejects throws an RnnError whose `code` is stable and whose message says what was
 * wrong and where.
 *
 * @example
 * ```ts
 * try {
 *   loadCheckpoint('missing.json');
 * } catch (error) {
 *   if (error instanceof RnnError) console.log(error.code); // 'missing-file'
 * }
 * ```
 */
export class RnnError extends Error {
  /** A stable identifier of the kind of failure, for programs to branch on. */
  readonly code: RnnErrorCode;

  constructor(code: RnnErrorCode, message: string) {
    super(message);
    this.name = 'RnnError';
    this.code = code;
  }
}

/**
 * The reason JSON.parse gave for rejecting a text, on one line: newer engines quote the text around the fault,
 * and a quoted control character (a newline, say) must not break an error message in two (internal).
 *
 * @example
 * ```ts
 * try { JSON.parse('{"a":\n}'); } catch (error) { jsonProblem(error); } // 'Unexpected token \'}\', "{"a":\n}" is not valid JSON'
 * ```
 */
export function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  let line = '';
  for (const c of message) {
    const code = c.charCodeAt(0);
    if (code < 0x20)
      line += JSON.stringify(c).slice(1, -1); // \n, \t, \u0001 …
    else if (code === 0x7f || code === 0x2028 || code === 0x2029)
      line += `\\u${code.toString(16).padStart(4, '0')}`;
    else line += c;
  }
  return line;
}
