// The loss (2) of a long token stream, forward only: (1a) token by token, (1b) and (2) a block of rows at a time.

import { type CompiledExpression, compile } from '@rnn/einsum';
import { RnnError } from '../errors.js';
import { EQUATIONS } from './equations.js';
import { checkTokens } from './forward.js';
import { crossEntropyOfRow } from './loss.js';
import { type Params, paramData } from './params.js';
import { shapeCache } from './shape-cache.js';

/**
 * The result of {@link streamLoss}: the mean cross-entropy per prediction in nats, how many predictions it
 * averages, and the hidden state after the last token.
 */
export interface StreamLoss {
  readonly loss: number;
  readonly predictions: number;
  readonly hLast: Float64Array;
}

/** Logit rows per block: at most 2^18 values (2 MiB), and 256 rows (a word vocabulary of 8000 gets 32). */
const blockRows = (K: number): number => Math.max(1, Math.min(256, Math.floor(2 ** 18 / K)));

interface StreamPlan {
  readonly recurrence: CompiledExpression;
  readonly logits: CompiledExpression;
}
/** The contractions of (1a) and (1b) for one block size C. */
const planFor = shapeCache((K, H, C): StreamPlan => {
  const [, recurrence] = EQUATIONS['1a'].literal;
  const [logits] = EQUATIONS['1b'].literal;
  return {
    recurrence: compile(recurrence.subscripts, [[H, H], [H]]),
    logits: compile(logits.subscripts, [
      [K, H],
      [C, H],
    ]),
  };
});

/**
 * Equation (2) over a stream of any length: the mean of E_t = −log ŷ_t[tokens[t + 1]] for t = 0 … n − 2, the
 * model run from s_{−1} = h0 (default 0) through (1a) one token at a time and (1b) for a block of states at once,
 * so memory stays bounded however long the stream (a held-out text, a file to evaluate). No gradient, no update.
 * Equals `loss(params, tokens[0 … n−1), tokens[1 … n))` when h0 is 0. U x_t selects column x_t of U (a gather),
 * as x_t is one-hot (internal).
 */
export function streamLoss(params: Params, tokens: ArrayLike<number>, h0?: Float64Array): StreamLoss {
  const { vocabSize: K, hiddenSize: H, U, W, V } = paramData(params, 'streamLoss');
  checkTokens(tokens, K, 'streamLoss', 'tokens');
  if (tokens.length < 2) {
    throw new RnnError(
      'empty-text',
      'streamLoss: a stream needs two tokens at least, one input and its target',
    );
  }
  if (h0 !== undefined && h0.length !== H) {
    throw new RnnError('bad-argument', `streamLoss: h0 has ${h0.length} values, but H = ${H}`);
  }
  const predictions = tokens.length - 1;
  const C = blockRows(K);
  const states = new Float64Array(C * H);
  const q = new Float64Array(C * K);
  const mixed = new Float64Array(H);
  let previous = h0?.slice() ?? new Float64Array(H);
  let total = 0;
  for (let from = 0; from < predictions; from += C) {
    const rows = Math.min(C, predictions - from);
    const plan = planFor(K, H, rows);
    const block = states.subarray(0, rows * H);
    // (1a) s_t = tanh(U x_t + W s_{t−1}), one token at a time: step t needs s_{t−1}.
    for (let r = 0; r < rows; r++) {
      const x = tokens[from + r] as number;
      plan.recurrence.into(mixed, W, previous);
      const state = block.subarray(r * H, (r + 1) * H);
      for (let h = 0; h < H; h++) state[h] = Math.tanh((U[h * K + x] as number) + (mixed[h] as number));
      previous = state;
    }
    // (1b) q = V s for the whole block, then (2) row by row.
    const logits = q.subarray(0, rows * K);
    plan.logits.into(logits, V, block);
    for (let r = 0; r < rows; r++)
      total += crossEntropyOfRow(logits, r * K, K, tokens[from + r + 1] as number);
    previous = previous.slice(); // the block's buffer is reused by the next block
  }
  return { loss: total / predictions, predictions, hLast: previous };
}
