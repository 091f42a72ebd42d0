// The loss (2) of a long token stream, forward only: (1a) token by token, (1b) and (2) a block of rows at a time.

import { type CompiledExpression, compile } from '@rnn/einsum';
import { RnnError } from '../errors.js';
import { loopKernels } from '../kernels/elementwise.js';
import { EQUATIONS } from './equations.js';
import { checkTokens } from './forward.js';
import { softmaxCrossEntropy } from './loss.js';
import { type Params, paramData } from './params.js';
import { hiddenStates } from './recurrence.js';
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
 * as x_t is one-hot: the forward recurrence and softmax with cross-entropy are the ones gradients() runs (internal).
 */
export function streamLoss(params: Params, tokens: ArrayLike<number>, h0?: Float64Array): StreamLoss {
  const { vocabSize: K, hiddenSize: H, W, V } = paramData(params, 'streamLoss');
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
  const table = Float64Array.from(params.U.transpose().toFlat()); // U by token [K, H]: row x is U x
  // states: row 0 is the state carried in (h0, then the last of the previous block), row r + 1 is s_r
  const states = new Float64Array((C + 1) * H);
  if (h0 !== undefined) states.set(h0);
  const blocks = Array.from({ length: C + 1 }, (_, r) => states.subarray(r * H, (r + 1) * H));
  const ids = Int32Array.from(tokens);
  const q = new Float64Array(C * K);
  const stats = new Float64Array(3 * C);
  let total = 0;
  for (let from = 0; from < predictions; from += C) {
    const rows = Math.min(C, predictions - from);
    const plan = planFor(K, H, rows);
    // (1a) s_t = tanh(U x_t + W s_{t−1}), one token at a time: step t needs s_{t−1}.
    hiddenStates(loopKernels, {
      blocks: blocks.slice(0, rows + 1),
      table,
      tokens: Array.from({ length: rows }, (_, r) => ids.subarray(from + r, from + r + 1)),
      rows: 1,
      width: H,
      mix: (into, previous) => plan.recurrence.into(into, W, previous),
    });
    // (1b) q = V s for the whole block, then (2) by softmax with cross-entropy, row by row.
    const logits = q.subarray(0, rows * K);
    plan.logits.into(logits, V, states.subarray(H, (rows + 1) * H));
    const targets = ids.subarray(from + 1, from + rows + 1);
    total += rows * softmaxCrossEntropy(loopKernels, logits, targets, rows, K, stats);
    states.copyWithin(0, rows * H, (rows + 1) * H); // the block's last state carries into the next
  }
  return { loss: total / predictions, predictions, hLast: states.slice(0, H) };
}
